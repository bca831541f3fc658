// Debian's Chromium for the tests that print PDFs, rasterise figures and drive the web app
// (`npm test` calls `ensureChromium()`): uses MMREG_CHROMIUM or /usr/bin/chromium when present,
// and otherwise, when run as root, installs the Debian packages `chromium`, `fonts-liberation` and
// `fonts-dejavu-core` (without recommends the fonts must be named, or PDF text has no font).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const defaultPath = '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Returns the Chromium executable path, installing Debian's package first if needed and possible.
 * @param {(line: string) => void} log
 */
export function ensureChromium(log = () => {}) {
  const configured = process.env.MMREG_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`MMREG_CHROMIUM=${configured} does not exist`);
    return configured;
  }
  if (existsSync(defaultPath)) return defaultPath;
  if (!isRoot) {
    throw new Error(
      `Chromium not found at ${defaultPath} and not running as root: install Debian's chromium, fonts-liberation and fonts-dejavu-core, or set MMREG_CHROMIUM`,
    );
  }
  log('installing the Debian packages chromium, fonts-liberation, fonts-dejavu-core (not found)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8', env });
  if (update.status !== 0) throw new Error(`apt-get update failed: ${update.stderr}`);
  const install = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation', 'fonts-dejavu-core'],
    { encoding: 'utf8', env },
  );
  if (install.status !== 0 || !existsSync(defaultPath)) {
    throw new Error(`apt-get install chromium failed: ${install.stderr}`);
  }
  return defaultPath;
}
