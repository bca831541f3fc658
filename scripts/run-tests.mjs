#!/usr/bin/env node
// `npm test`: every check CI runs, in order — type check, lint, package boundaries, core purity,
// then every Vitest test. Prints the closing line `tests: N passed, N failed` that CI reads and
// exits non-zero on any failure or when no test ran.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
  ['lint and format (biome ci)', bin('biome'), ['ci', ...(isCi ? ['--colors=off'] : []), '.']],
  ['package boundaries and cycles', bin('depcruise'), ['--config', '.dependency-cruiser.cjs', 'packages', 'apps']],
  ['core purity', process.execPath, [join(root, 'scripts', 'check-core-purity.mjs')]],
];

let gatePassed = 0;
let gateFailed = 0;
const onlyUnit = process.argv.includes('--unit-only');
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
const extra = process.argv.slice(2).filter((arg) => arg !== '--unit-only');
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

const totalPassed = passed + gatePassed;
const totalFailed = failed + gateFailed;
process.stdout.write(
  `\n${gatePassed} checks and ${passed} tests passed; ${gateFailed} checks and ${failed} tests failed\n`,
);
process.stdout.write(`tests: ${totalPassed} passed, ${totalFailed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
if (totalFailed > 0 || passed === 0) {
  if (passed === 0) process.stdout.write('no test ran: failing the run\n');
  process.exit(1);
}
