/**
 * Starts the real server once for the whole run: `mmreg serve` on a fresh embedded (SQLite) database in
 * a temporary directory, which seeds the demo study; parses the URL and the demo credentials it prints
 * and hands them to the tests through environment variables (read by e2e/fixtures.ts). Returns the
 * teardown, which stops the server and removes the directory. It never touches a database of its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoCredential, e2eEnv } from './server-info.ts';
import { ensureWebBuild } from './web-build.mjs';

const root = join(import.meta.dirname, '..');
// `mmreg serve` runs from TypeScript sources through tsx and seeds the study: slow on a loaded 2-core machine.
const startTimeoutMs = 180_000;

interface ServerStart {
  readonly baseUrl: string;
  readonly credentials: readonly DemoCredential[];
}

/** `  coordinator  8d6MBEq-nWcE9PZ5  coordinator (all centres)` → one credential. */
function parseCredential(line: string): DemoCredential | null {
  const match = /^\s{2}(\S+)\s+(\S+)\s+(coordinator|investigator|data_manager|monitor)\b(.*)$/.exec(line);
  if (match === null) return null;
  const [, username = '', password = '', role = '', rest = ''] = match;
  const centre = /\bat (\S+)/.exec(rest)?.[1] ?? null;
  return { username, password, role, centerCode: centre };
}

function waitForServer(child: ChildProcess, log: NodeJS.WritableStream): Promise<ServerStart> {
  return new Promise((resolve, reject) => {
    const credentials: DemoCredential[] = [];
    let buffered = '';
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`mmreg serve did not print its URL within ${startTimeoutMs / 1000} s:\n${output}`));
    }, startTimeoutMs);
    const onLine = (line: string) => {
      const credential = parseCredential(line);
      if (credential !== null) credentials.push(credential);
      const web = /^Web app: (http:\/\/\S+?)\/?$/.exec(line.trim());
      if (web?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ baseUrl: web[1], credentials });
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log.write(text);
      output += text;
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      output += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`mmreg serve exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureWebBuild((line) => process.stdout.write(`${line}\n`));
  const directory = mkdtempSync(join(tmpdir(), 'mmreg-e2e-'));
  const logDirectory = join(root, 'test-results');
  mkdirSync(logDirectory, { recursive: true });
  const log = createWriteStream(join(logDirectory, 'e2e-server.log'));
  const child = spawn(
    process.execPath,
    [
      join(root, 'apps', 'cli', 'bin', 'mmreg.js'),
      'serve',
      '--db',
      `sqlite:${join(directory, 'e2e.db')}`,
      '--port',
      '0',
    ],
    { cwd: root, env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const teardown = async () => {
    await stopServer(child);
    log.end();
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    const { baseUrl, credentials } = await waitForServer(child, log);
    if (!credentials.some((credential) => credential.role === 'coordinator')) {
      throw new Error('mmreg serve printed no demo credentials: was the database not empty?');
    }
    process.env[e2eEnv.baseUrl] = baseUrl;
    process.env[e2eEnv.credentials] = JSON.stringify(credentials);
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
