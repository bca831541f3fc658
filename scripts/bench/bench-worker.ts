/**
 * One benchmark size on the mmreg side, in its own process so its peak memory is its own: loads the
 * CSV into typed arrays as `mmreg km` does, then times Kaplan–Meier by group, the log-rank test and
 * a one-covariate Efron Cox model (with concordance) on the data in memory. Prints one JSON line.
 * `--browser` instead times KM + log-rank on 10⁴ rows generated in memory (the web app's size).
 *
 * Run by bench-stats.ts: node --expose-gc --import tsx scripts/bench/bench-worker.ts FILE RUNS
 */
import { readFileSync } from 'node:fs';
import { coxRegression, kaplanMeier, logRankTest, survivalMedian } from '@mmreg/core';
import {
  parseCohortCsv,
  pickRows,
  readEventColumn,
  readFactor,
  readTimeColumn,
  selectCompleteRows,
} from '../../apps/cli/src/cohort-csv.ts';
import { generateSurvivalData } from './synthetic-survival-data.ts';

export interface WorkerResult {
  readonly n: number;
  readonly loadSeconds: number;
  readonly kmSeconds: readonly number[];
  readonly logRankSeconds: readonly number[];
  readonly coxSeconds: readonly number[];
  readonly peakRssBytes: number;
  readonly medians: ReadonlyArray<{ median: number | null; lower: number | null; upper: number | null }>;
  readonly chisq: number;
  readonly coef: number | null;
  readonly se: number | null;
  readonly loglik: readonly [number, number];
}

export interface BrowserResult {
  readonly n: number;
  /** Wall-clock time per run. */
  readonly milliseconds: readonly number[];
  /** CPU time of the process per run (user + system, all threads): unaffected by other processes. */
  readonly cpuMilliseconds: readonly number[];
}

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

function timeSeconds<TResult>(action: () => TResult): { seconds: number; result: TResult } {
  collectGarbage();
  const start = performance.now();
  const result = action();
  return { seconds: (performance.now() - start) / 1000, result };
}

function loadCsv(path: string) {
  const text = readFileSync(path, 'utf8');
  const table = parseCohortCsv(text, path, [
    { name: 'time', kind: 'number' },
    { name: 'status', kind: 'auto' },
    { name: 'group', kind: 'auto' },
  ]);
  const time = readTimeColumn(table, 'time');
  const event = readEventColumn(table, 'status');
  const group = readFactor(table, 'group').codes;
  const { rows } = selectCompleteRows(table.rowCount, [time, event, group]);
  const groupCodes = pickRows(group, rows);
  return {
    time: pickRows(time, rows),
    event: pickRows(event, rows),
    group: groupCodes,
    groupCovariate: Float64Array.from(groupCodes),
  };
}

function runSize(path: string, runs: number): WorkerResult {
  const load = timeSeconds(() => loadCsv(path));
  const data = load.result;
  const survival = { time: data.time, event: data.event, group: data.group };
  const kmSeconds: number[] = [];
  const logRankSeconds: number[] = [];
  const coxSeconds: number[] = [];
  let medians: WorkerResult['medians'] = [];
  let chisq = Number.NaN;
  let cox: ReturnType<typeof coxRegression> | null = null;
  for (let run = 0; run < runs; run += 1) {
    // R's survfit also computes the CI bands; the medians are what its print shows.
    const km = timeSeconds(() => kaplanMeier(survival).strata.map(survivalMedian));
    kmSeconds.push(km.seconds);
    medians = km.result;
    const logRank = timeSeconds(() => logRankTest(survival));
    logRankSeconds.push(logRank.seconds);
    chisq = logRank.result.chisq;
    const fit = timeSeconds(() =>
      coxRegression(
        { time: data.time, event: data.event, covariates: [data.groupCovariate], names: ['group'] },
        { ties: 'efron' },
      ),
    );
    coxSeconds.push(fit.seconds);
    cox = fit.result;
  }
  const term = cox?.terms[0];
  return {
    n: data.time.length,
    loadSeconds: load.seconds,
    kmSeconds,
    logRankSeconds,
    coxSeconds,
    // getrusage's ru_maxrss: the resident-set high-water mark of this process, in KiB.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    medians,
    chisq,
    coef: term?.coef ?? null,
    se: term?.se ?? null,
    loglik: cox?.loglik ?? [Number.NaN, Number.NaN],
  };
}

function runBrowserSize(runs: number): BrowserResult {
  const n = 10_000;
  const generated = generateSurvivalData(n);
  const survival = { time: generated.time, event: generated.status, group: generated.group };
  const milliseconds: number[] = [];
  const cpuMilliseconds: number[] = [];
  // A page runs this once per filter change; the first runs include compilation, as in a browser.
  for (let run = 0; run < runs; run += 1) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    kaplanMeier(survival).strata.map(survivalMedian);
    logRankTest(survival);
    milliseconds.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuMilliseconds.push((cpu.user + cpu.system) / 1000);
  }
  return { n, milliseconds, cpuMilliseconds };
}

const [first = '', second = '3'] = process.argv.slice(2);
const result = first === '--browser' ? runBrowserSize(Number(second)) : runSize(first, Number(second));
process.stdout.write(`${JSON.stringify(result)}\n`);
