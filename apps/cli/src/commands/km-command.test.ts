/**
 * `mmreg km` against R: survfit tables and print.survfit medians from the golden files, read from
 * the same CSVs R read, and survdiff's chi-square (statistics-reference.md §8 tolerances).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectClose, goldenDirectory, readGolden, readGoldenText, repositoryRoot } from '@mmreg/testkit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatKmReport, type KmCommandOptions, type KmReport, kaplanMeierFromCsv } from './km-command.ts';

type GoldenNumber = number | null;
interface GoldenStratum {
  stratum: string;
  n: number;
  events: number;
  print_median: Record<'log' | 'loglog' | 'plain', { median: GoldenNumber; lower: GoldenNumber; upper: GoldenNumber }>;
  table: Record<string, GoldenNumber[]>;
}
interface GoldenKm {
  n_total: number;
  strata: GoldenStratum[];
}
interface GoldenLogRank {
  chisq: number;
  df: number;
  p: number;
}

const bandColumns = {
  log: ['lower', 'upper'],
  'log-log': ['lower.loglog', 'upper.loglog'],
  plain: ['lower.plain', 'upper.plain'],
} as const;
const medianKey = { log: 'log', 'log-log': 'loglog', plain: 'plain' } as const;

/** R's NaN (0·Inf once S = 0) is reported as null, like NA. */
const orNull = (value: GoldenNumber | undefined): number | null =>
  value === undefined || value === null || Number.isNaN(value) ? null : value;

function expectSameAsR(report: KmReport, golden: GoldenKm, options: KmCommandOptions): void {
  const confType = options.confType;
  expect(report.n, 'rows used').toBe(golden.n_total);
  expect(report.strata.map((stratum) => stratum.name)).toEqual(golden.strata.map((stratum) => stratum.stratum));
  report.strata.forEach((stratum, s) => {
    const expected = golden.strata[s] as GoldenStratum;
    const label = `${stratum.name}`;
    expect([stratum.n, stratum.events], `${label} n, events`).toEqual([expected.n, expected.events]);
    const median = expected.print_median[medianKey[confType]];
    // Medians and their limits are data times (or midpoints of two): exact.
    expect([stratum.median, stratum.lower, stratum.upper], `${label} median (${confType})`).toEqual([
      median.median,
      median.lower,
      median.upper,
    ]);
    const table = expected.table;
    // jsonlite writes a one-row table's columns as scalars.
    const column = (name: string): GoldenNumber[] => {
      const values: GoldenNumber[] | GoldenNumber | undefined = table[name];
      return values === undefined ? [] : Array.isArray(values) ? values : [values];
    };
    expect(stratum.table.map((row) => row.time)).toEqual(column('time'));
    expect(stratum.table.map((row) => row.nRisk)).toEqual(column('n.risk'));
    expect(stratum.table.map((row) => row.nEvent)).toEqual(column('n.event'));
    expect(stratum.table.map((row) => row.nCensor)).toEqual(column('n.censor'));
    const [lowerName, upperName] = bandColumns[confType];
    stratum.table.forEach((row, i) => {
      const at = `${label} t=${row.time}`;
      expectClose(row.surv, column('surv')[i], { rel: 1e-13, label: `${at} surv` });
      expectClose(row.stdErr, orNull(column('std.err.surv')[i]), { rel: 1e-13, label: `${at} std.err` });
      expectClose(row.lower, orNull(column(lowerName)[i]), { rel: 1e-13, label: `${at} lower` });
      expectClose(row.upper, orNull(column(upperName)[i]), { rel: 1e-13, label: `${at} upper` });
    });
  });
}

function expectLogRankAsR(report: KmReport, golden: GoldenLogRank): void {
  if (report.logrank === null) throw new Error('no log-rank test');
  expectClose(report.logrank.chisq, golden.chisq, { rel: 1e-12, label: 'chisq' });
  expectClose(report.logrank.p, golden.p, { rel: 1e-12, label: 'p' });
  expect(report.logrank.df).toBe(golden.df);
}

function options(time: string, event: string, group: string | undefined, confType: KmCommandOptions['confType']) {
  return { time, event, group, confType, confLevel: 0.95, levels: new Map() } satisfies KmCommandOptions;
}

describe('kaplanMeierFromCsv', () => {
  it('reproduces survfit and survdiff on aml by x (string groups)', () => {
    const golden = readGolden<{ km_by_x: GoldenKm; logrank_x: GoldenLogRank }>('aml.json');
    const settings = options('time', 'status', 'x', 'log');
    const report = kaplanMeierFromCsv(readGoldenText('aml.csv'), 'aml.csv', settings);
    expectSameAsR(report, golden.km_by_x, settings);
    expectLogRankAsR(report, golden.logrank_x);
  });

  it.each(['log', 'log-log', 'plain'] as const)('reproduces lung by sex (status 1/2) with %s limits', (confType) => {
    const golden = readGolden<{ km_by_sex: GoldenKm; logrank_sex: GoldenLogRank }>('lung.json');
    const settings = options('time', 'status', 'sex', confType);
    const report = kaplanMeierFromCsv(readGoldenText('lung.csv'), 'lung.csv', settings);
    expectSameAsR(report, golden.km_by_sex, settings);
    expectLogRankAsR(report, golden.logrank_sex);
  });

  it('reproduces the overall lung curve and the four-group ph.ecog test, dropping the row with NA', () => {
    const golden = readGolden<{ km_overall: GoldenKm; 'km_by_ph.ecog': GoldenKm; 'logrank_ph.ecog': GoldenLogRank }>(
      'lung.json',
    );
    const overall = options('time', 'status', undefined, 'log');
    const all = kaplanMeierFromCsv(readGoldenText('lung.csv'), 'lung.csv', overall);
    expectSameAsR(all, golden.km_overall, overall);
    expect(all.logrank).toBeNull();
    const byEcog = options('time', 'status', 'ph.ecog', 'log');
    const report = kaplanMeierFromCsv(readGoldenText('lung.csv'), 'lung.csv', byEcog);
    expect(report.dropped).toBe(1);
    expect(report.strata.map((stratum) => stratum.name)).toEqual(
      golden['km_by_ph.ecog'].strata.map((stratum) => stratum.stratum),
    );
    expectSameAsR(report, golden['km_by_ph.ecog'], byEcog);
    expectLogRankAsR(report, golden['logrank_ph.ecog']);
  });

  it('reproduces veteran by trt', () => {
    const golden = readGolden<{ km_by_trt: GoldenKm; logrank_trt: GoldenLogRank }>('veteran.json');
    const settings = options('time', 'status', 'trt', 'log');
    const report = kaplanMeierFromCsv(readGoldenText('veteran.csv'), 'veteran.csv', settings);
    expectSameAsR(report, golden.km_by_trt, settings);
    expectLogRankAsR(report, golden.logrank_trt);
  });

  it('reproduces veteran by celltype in the data set’s level order given by --levels', () => {
    const golden = readGolden<{ km_by_celltype: GoldenKm; logrank_celltype: GoldenLogRank }>('veteran.json');
    const settings = {
      ...options('time', 'status', 'celltype', 'log'),
      levels: new Map([['celltype', ['squamous', 'smallcell', 'adeno', 'large']]]),
    };
    const report = kaplanMeierFromCsv(readGoldenText('veteran.csv'), 'veteran.csv', settings);
    expectSameAsR(report, golden.km_by_celltype, settings);
    expectLogRankAsR(report, golden.logrank_celltype);
  });

  it('reproduces Musto 2007 PFS by type (NR median, S median 6.5, log-rank p = 0.0709)', () => {
    const golden = readGolden<{
      pfs: Record<string, { km_by_type: GoldenKm; logrank_type: GoldenLogRank }>;
    }>('musto2007.json');
    const primary = golden.pfs['primary_pt12_time_0.5'];
    if (primary === undefined) throw new Error('golden musto2007.json lacks the primary PFS analysis');
    for (const confType of ['log', 'log-log', 'plain'] as const) {
      const settings = options('pfs_months', 'pfs_event', 'type', confType);
      const report = kaplanMeierFromCsv(readGoldenText('musto2007.csv'), 'musto2007.csv', settings);
      expectSameAsR(report, primary.km_by_type, settings);
      expectLogRankAsR(report, primary.logrank_type);
    }
  });
});

// The command-line cases start a Node process with the TypeScript loader: allow for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });

const bin = join(repositoryRoot, 'apps', 'cli', 'bin', 'mmreg.js');
const workspace = mkdtempSync(join(tmpdir(), 'mmreg-km-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function mmreg(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeCsv(name: string, text: string): string {
  const path = join(workspace, name);
  writeFileSync(path, text);
  return path;
}

describe('mmreg km', () => {
  it('prints the JSON result with R’s numbers for aml by x', () => {
    const run = mmreg(
      'km',
      join(goldenDirectory, 'aml.csv'),
      '--time',
      'time',
      '--event',
      'status',
      '--group',
      'x',
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as KmReport;
    const golden = readGolden<{ km_by_x: GoldenKm; logrank_x: GoldenLogRank }>('aml.json');
    expect(Object.keys(report)).toEqual(['n', 'dropped', 'strata', 'logrank']);
    expect(Object.keys(report.strata[0]?.table[0] ?? {})).toEqual([
      'time',
      'nRisk',
      'nEvent',
      'nCensor',
      'surv',
      'stdErr',
      'lower',
      'upper',
    ]);
    expectSameAsR(report, golden.km_by_x, options('time', 'status', 'x', 'log'));
    expectLogRankAsR(report, golden.logrank_x);
  });

  it('prints the readable table with log-log limits and a different confidence level', () => {
    const run = mmreg(
      'km',
      join(goldenDirectory, 'lung.csv'),
      '--time',
      'time',
      '--event',
      'status',
      '--group',
      'sex',
      '--conf-type',
      'log-log',
      '--conf-level',
      '0.9',
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('0.9LCL  0.9UCL');
    expect(run.stdout).toContain('Log-rank test: chisq = 10.327 on 1 df, p = 0.001311');
  });

  const badInputs: ReadonlyArray<readonly [string, string, string]> = [
    ['an unknown column', 'time,status,arm\n1,1,A\n', 'unknown column "x"; the columns are: time, status, arm'],
    [
      'a non-numeric time',
      'time,status,x\n1,1,A\n2,0,B\nsoon,1,A\n',
      'line 4, column time: expected a number; got "soon"',
    ],
    ['a negative time', 'time,status,x\n1,1,A\n-2,0,B\n', 'line 3, column time: expected a time ≥ 0; got -2'],
    [
      'an event code outside 0/1, 1/2, true/false',
      'time,status,x\n1,1,A\n2,3,B\n',
      'line 3, column status: event code 3 is not one of 0/1, 1/2 or true/false',
    ],
    ['an empty file', '', 'the file is empty'],
    ['a file with only a header', 'time,status,x\n', 'the file has a header but no data rows'],
  ];

  it.each(badInputs)('exits 2 with one error and nothing on stdout for %s', (_case, text, message) => {
    const file = writeCsv(`bad-${_case.replaceAll(' ', '-').replaceAll('/', '')}.csv`, text);
    const run = mmreg('km', file, '--time', 'time', '--event', 'status', '--group', 'x');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for a confidence level outside (0, 1)', () => {
    const run = mmreg(
      'km',
      join(goldenDirectory, 'aml.csv'),
      '--time',
      'time',
      '--event',
      'status',
      '--conf-level',
      '95',
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('expected a number between 0 and 1');
  });
});

describe('formatKmReport', () => {
  it('prints R’s print.survfit columns, NR for not reached, and the log-rank line', () => {
    const settings = options('time', 'status', 'x', 'log');
    const report = kaplanMeierFromCsv(readGoldenText('aml.csv'), 'aml.csv', settings);
    expect(formatKmReport(report, { ...settings, file: 'aml.csv' })).toBe(
      [
        'Kaplan–Meier: Surv(time, status) ~ x  (aml.csv; 23 rows used, 0 dropped for missing values)',
        '',
        '                  n  events  median  0.95LCL  0.95UCL',
        'x=Maintained     11       7      31       18       NR',
        'x=Nonmaintained  12      11      23        8       NR',
        '',
        "Median survival with 0.95 CI (log), as R's print(survfit(...)); NR = not reached.",
        'Log-rank test: chisq = 3.3964 on 1 df, p = 0.06534',
        '',
      ].join('\n'),
    );
  });
});
