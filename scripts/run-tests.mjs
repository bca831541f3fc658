#!/usr/bin/env node
// `npm test`: every check CI runs, in order — type check, lint, package boundaries, core purity,
// then every Vitest test, then the Playwright end-to-end tests (docs/testing-e2e.md; the web app is
// built first when apps/web/dist is missing or stale). Prints the closing line
// `tests: N passed, N failed` that CI reads and exits non-zero on any failure, when no unit test
// ran, or when Playwright fails or runs no test. `--unit-only` skips the gates and the e2e tests;
// `--no-e2e` skips only the e2e tests; other arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWebBuild } from '../e2e/web-build.mjs';
import { ensureChromium } from './test-chromium.mjs';
import { startTestPostgres } from './test-postgres.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const isCi = Boolean(process.env.CI);
// CI logs are read as text: no colour codes there.
const env = isCi ? { ...process.env, TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: '0' } : { ...process.env, TZ: 'UTC' };

/** Steps that gate the run; each counts as one passed or failed check. */
const gates = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json']],
  ['typecheck core (no DOM, no Node)', bin('tsc'), ['-p', 'packages/core/tsconfig.json']],
  ['typecheck web app (JSX, DOM)', bin('tsc'), ['-p', 'apps/web/tsconfig.json']],
  ['typecheck e2e tests (Playwright)', bin('tsc'), ['-p', 'e2e/tsconfig.json']],
  ['lint and format (biome ci)', bin('biome'), ['ci', ...(isCi ? ['--colors=off'] : []), '.']],
  ['package boundaries and cycles', bin('depcruise'), ['--config', '.dependency-cruiser.cjs', 'packages', 'apps']],
  ['core purity', process.execPath, [join(root, 'scripts', 'check-core-purity.mjs')]],
];

let gatePassed = 0;
let gateFailed = 0;
const onlyUnit = process.argv.includes('--unit-only');
const runsE2e = !onlyUnit && !process.argv.includes('--no-e2e');
if (!onlyUnit) {
  for (const [name, command, args] of gates) {
    const started = Date.now();
    const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status === 0) {
      gatePassed += 1;
      process.stdout.write(`✓ ${name} (${seconds} s)\n`);
    } else {
      gateFailed += 1;
      process.stdout.write(`✗ ${name} failed (${seconds} s)\n`);
    }
  }
}

// The storage contract suite runs against a real PostgreSQL server too (issue 5 item 1): bring up a
// throwaway one unless the caller gave its own.
let postgres = null;
if (!env.MMREG_TEST_POSTGRES_URL) {
  try {
    postgres = await startTestPostgres((line) => process.stdout.write(`${line}\n`));
    env.MMREG_TEST_POSTGRES_URL = postgres.url;
  } catch (error) {
    gateFailed += 1;
    process.stdout.write(`✗ could not start PostgreSQL for the tests: ${error.message}\n`);
  }
}
// PDF printing, figure rasterising and the browser tests need Chromium (installed when missing).
if (!env.MMREG_CHROMIUM) {
  try {
    env.MMREG_CHROMIUM = ensureChromium((line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    gateFailed += 1;
    process.stdout.write(`✗ Chromium is not available for the tests: ${error.message}\n`);
  }
}
const stopServices = () => postgres?.stop();
process.on('exit', stopServices);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopServices();
    process.exit(130);
  });
}

const reportDir = join(root, '.test-results');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const reportFile = join(reportDir, 'vitest.json');
const extra = process.argv.slice(2).filter((arg) => arg !== '--unit-only' && arg !== '--no-e2e');
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...extra],
  { cwd: root, env, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} catch {
  failed += 1;
  process.stdout.write('✗ vitest wrote no JSON report\n');
}
if (vitest.status !== 0 && failed === 0) failed = 1;

// End-to-end: Playwright drives Debian's Chromium against `mmreg serve` (its global setup starts the
// server); it needs the built web app. Its JSON report gives the counts.
let e2ePassed = 0;
let e2eFailed = 0;
if (runsE2e) {
  const e2eReportFile = join(reportDir, 'playwright.json');
  const started = Date.now();
  try {
    const built = ensureWebBuild((line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`web app for the e2e tests: ${built}\n`);
    const playwright = spawnSync(bin('playwright'), ['test', '--reporter=list,json'], {
      cwd: root,
      env: { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReportFile },
      stdio: 'inherit',
    });
    try {
      const report = JSON.parse(readFileSync(e2eReportFile, 'utf8'));
      e2ePassed = (report.stats?.expected ?? 0) + (report.stats?.flaky ?? 0);
      // Errors outside tests (global setup, a file that does not load) fail the run too.
      e2eFailed = (report.stats?.unexpected ?? 0) + (report.errors?.length ?? 0);
    } catch {
      e2eFailed += 1;
      process.stdout.write('✗ Playwright wrote no JSON report\n');
    }
    if (playwright.status !== 0 && e2eFailed === 0) e2eFailed = 1;
  } catch (error) {
    e2eFailed += 1;
    process.stdout.write(`✗ end-to-end tests not run: ${error.message}\n`);
  }
  if (e2ePassed + e2eFailed === 0) {
    e2eFailed = 1;
    process.stdout.write('✗ Playwright ran no test: failing the run\n');
  }
  process.stdout.write(
    `e2e: ${e2ePassed} passed, ${e2eFailed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}

const totalPassed = passed + gatePassed + e2ePassed;
const totalFailed = failed + gateFailed + e2eFailed;
process.stdout.write(
  `\n${gatePassed} checks, ${passed} unit tests and ${e2ePassed} e2e tests passed; ` +
    `${gateFailed} checks, ${failed} unit tests and ${e2eFailed} e2e tests failed\n`,
);
process.stdout.write(`tests: ${totalPassed} passed, ${totalFailed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
if (totalFailed > 0 || passed === 0) {
  if (passed === 0) process.stdout.write('no test ran: failing the run\n');
  process.exit(1);
}
