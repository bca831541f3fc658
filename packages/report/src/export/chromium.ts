/**
 * Debian's Chromium driven by playwright-core, for the PDF print and the PNG figures: which binary
 * (MMREG_CHROMIUM, else /usr/bin/chromium), launched headless with the flags stack.md lists, and
 * always closed. Never downloads a browser.
 */
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { ReportExportError } from './export-error.ts';

export const defaultChromiumPath = '/usr/bin/chromium';

/** Headless Chromium flags for this kind of machine (stack.md); the e2e tests launch with the same. */
export const chromiumLaunchArguments: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** The Chromium executable: `MMREG_CHROMIUM` when set, else Debian's; throws `chromium-missing` if absent. */
export function resolveChromiumPath(environment: NodeJS.ProcessEnv = process.env): string {
  const override = environment['MMREG_CHROMIUM'];
  const path = override !== undefined && override !== '' ? override : defaultChromiumPath;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new ReportExportError(
      'chromium-missing',
      `Chromium not found at ${path}: PDF and PNG exports print with Chromium. Install Debian's chromium (apt-get install chromium fonts-liberation fonts-dejavu-core) or set MMREG_CHROMIUM to the path of a Chromium executable.`,
    );
  }
  return path;
}

/** Whether Chromium can be launched here (for tests and `--format` defaults); never throws. */
export function isChromiumAvailable(environment: NodeJS.ProcessEnv = process.env): boolean {
  try {
    resolveChromiumPath(environment);
    return true;
  } catch {
    return false;
  }
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = resolveChromiumPath();
  try {
    return await chromium.launch({ executablePath, headless: true, args: [...chromiumLaunchArguments] });
  } catch (error) {
    throw new ReportExportError(
      'chromium-failed',
      `Chromium at ${executablePath} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Runs `work` with a browser: the caller's (left open, so a test file or a server can reuse one) or
 * one launched for this call and closed whatever happens.
 */
export async function withChromium<TResult>(
  shared: Browser | undefined,
  work: (browser: Browser) => Promise<TResult>,
): Promise<TResult> {
  if (shared !== undefined) return work(shared);
  const browser = await launchChromium();
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}
