// The end-to-end tests drive the built web app (apps/web/dist, served by `mmreg serve`): this module
// says whether that build is missing or older than its sources and rebuilds it with `npm run build:web`.
// Used by scripts/run-tests.mjs before Playwright and by e2e/global-setup.ts; it never builds anything else.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const builtIndex = join(root, 'apps', 'web', 'dist', 'index.html');

// What the bundle is made of: the app and the packages it imports (see apps/web/vite.config.ts).
const sourceRoots = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'packages/contracts/src',
  'packages/core/src',
  'packages/report/src',
];

/** Newest modification time (ms) under a file or directory, skipping tests and golden files. */
function newestMtime(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats === undefined) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === '__golden__' || /\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Why the web app must be (re)built, or null when apps/web/dist is newer than every source. */
export function webBuildStaleReason() {
  if (!existsSync(builtIndex)) return 'apps/web/dist is missing';
  const builtAt = statSync(builtIndex).mtimeMs;
  const stale = sourceRoots.find((source) => newestMtime(join(root, source)) > builtAt);
  return stale === undefined ? null : `${stale} changed after the last build`;
}

/**
 * Runs `npm run build:web` when the build is missing or stale. Returns what it did; throws when the build fails.
 * @param {(line: string) => void} log
 */
export function ensureWebBuild(log = () => {}) {
  const reason = webBuildStaleReason();
  if (reason === null) return 'up to date';
  log(`building the web app (${reason}): npm run build:web`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build:web', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`npm run build:web failed (exit ${result.status}): ${String(result.stderr).slice(-2000)}`);
  }
  return 'built';
}
