/**
 * R agreement suite for logRankTest: every `logrank_*` entry of the goldens (aml, lung, veteran,
 * ovarian, edge_cases ρ = 0/0.5/1, musto2007 PFS variants and OS, and survival_extra: strata, ρ = 0.5
 * with four groups, a group with E = 0, timefix near-ties), §8 tolerance 1e−12 relative.
 */
import { expectAllClose, expectClose, readGolden, readGoldenText } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { type LogRankTestData, logRankTest } from './log-rank-test.ts';

/** §8: log-rank χ² and p to 1e−12 relative (O, E and V are held to the same). */
const logRankTolerance = 1e-12;

interface GoldenLogRank {
  call: string;
  rho: number;
  groups: string[];
  n: number[];
  observed: number[];
  expected: number[];
  var: number[][];
  chisq: number;
  df: number;
  p: number;
}
interface GoldenCase {
  name: string;
  golden: GoldenLogRank;
  data: LogRankTestData;
  strata?: number[];
}
interface ColumnSpec {
  time: string;
  status: string;
  statusOffset?: number;
  group: string;
  /** Stratum column and its levels in R's order (stratum codes 1, 2, … follow it, as R's strata do). */
  strata?: { column: string; levels: string[] };
}

function readCsvColumns(name: string): Record<string, string[]> {
  const unquote = (cell: string) => cell.trim().replace(/^"(.*)"$/, '$1');
  const [header = '', ...lines] = readGoldenText(name).trim().split('\n');
  const names = header.split(',').map(unquote);
  const columns: Record<string, string[]> = Object.fromEntries(names.map((column) => [column, []]));
  for (const line of lines) {
    line.split(',').forEach((cell, j) => {
      columns[names[j] ?? '']?.push(unquote(cell));
    });
  }
  return columns;
}

/** Rows with NA dropped; group levels coded 1, 2, … in the golden's order ("var=level", R's level order). */
function modelFrame(
  columns: Record<string, string[]>,
  spec: ColumnSpec,
  golden: GoldenLogRank,
): { data: LogRankTestData; strata?: number[] } {
  const levels = golden.groups.map((group) => group.slice(group.indexOf('=') + 1));
  const time = columns[spec.time] ?? [];
  const status = columns[spec.status] ?? [];
  const group = columns[spec.group] ?? [];
  const stratumColumn = spec.strata === undefined ? undefined : (columns[spec.strata.column] ?? []);
  const out = { time: [] as number[], event: [] as number[], group: [] as number[] };
  const strata: number[] = [];
  for (let i = 0; i < time.length; i += 1) {
    const code = levels.indexOf(group[i] ?? 'NA') + 1;
    const stratum = stratumColumn === undefined ? 1 : (spec.strata?.levels.indexOf(stratumColumn[i] ?? 'NA') ?? -1) + 1;
    if (code === 0 || stratum === 0 || time[i] === 'NA' || status[i] === 'NA') continue;
    out.time.push(Number(time[i]));
    out.event.push(Number(status[i]) - (spec.statusOffset ?? 0));
    out.group.push(code);
    strata.push(stratum);
  }
  return stratumColumn === undefined ? { data: out } : { data: out, strata };
}

function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const specs: Array<[string, Record<string, ColumnSpec>]> = [
    ['aml', { logrank_x: { time: 'time', status: 'status', group: 'x' } }],
    [
      'lung',
      {
        logrank_sex: { time: 'time', status: 'status', statusOffset: 1, group: 'sex' },
        logrank_sex_rho1: { time: 'time', status: 'status', statusOffset: 1, group: 'sex' },
        'logrank_ph.ecog': { time: 'time', status: 'status', statusOffset: 1, group: 'ph.ecog' },
      },
    ],
    [
      'veteran',
      {
        logrank_trt: { time: 'time', status: 'status', group: 'trt' },
        logrank_celltype: { time: 'time', status: 'status', group: 'celltype' },
      },
    ],
    ['ovarian', { logrank_rx: { time: 'futime', status: 'fustat', group: 'rx' } }],
  ];
  for (const [dataset, entries] of specs) {
    const json = readGolden<Record<string, GoldenLogRank>>(`${dataset}.json`);
    const columns = readCsvColumns(`${dataset}.csv`);
    for (const [entry, spec] of Object.entries(entries)) {
      const golden = json[entry] as GoldenLogRank;
      cases.push({ name: `${dataset} ${entry}`, golden, ...modelFrame(columns, spec, golden) });
    }
  }
  const aml = readGolden<Record<string, GoldenLogRank>>('aml.json');
  const amlColumns = readCsvColumns('aml.csv');
  const amlRho1 = aml['logrank_x_rho1'] as GoldenLogRank;
  cases.push({
    name: 'aml logrank_x_rho1',
    golden: amlRho1,
    ...modelFrame(amlColumns, { time: 'time', status: 'status', group: 'x' }, amlRho1),
  });

  const edge = readGolden<{
    two_group_heavy_ties: { data: { time: number[]; status: number[]; grp: number[] } } & Record<string, GoldenLogRank>;
  }>('edge_cases.json').two_group_heavy_ties;
  const edgeData = { time: edge.data.time, event: edge.data.status, group: edge.data.grp };
  for (const entry of ['logrank', 'logrank_rho0.5', 'logrank_rho1']) {
    cases.push({
      name: `edge_cases two_group_heavy_ties ${entry}`,
      golden: edge[entry] as GoldenLogRank,
      data: edgeData,
    });
  }

  const musto = readGolden<{
    cohort: { pfs_months: number[]; pfs_event: number[]; os_months: number[]; os_event: number[]; type: string[] };
    pfs: Record<string, { logrank_type: GoldenLogRank }>;
    os: { logrank_type: GoldenLogRank };
  }>('musto2007.json');
  const { cohort } = musto;
  const type = cohort.type.map((value) => (value === 'P' ? 1 : 2));
  const pfs: Array<[string, LogRankTestData]> = [
    ['primary_pt12_time_0.5', { time: cohort.pfs_months, event: cohort.pfs_event, group: type }],
    [
      'pt12_time_0',
      { time: cohort.pfs_months.map((t, i) => (i === 11 ? 0 : t)), event: cohort.pfs_event, group: type },
    ],
    [
      'pt12_excluded',
      { time: cohort.pfs_months.slice(0, 11), event: cohort.pfs_event.slice(0, 11), group: type.slice(0, 11) },
    ],
  ];
  for (const [variant, data] of pfs) {
    const golden = musto.pfs[variant]?.logrank_type;
    if (golden === undefined) throw new Error(`musto2007.json has no PFS variant ${variant}`);
    cases.push({ name: `musto2007 pfs ${variant}`, golden, data });
  }
  cases.push({
    name: 'musto2007 os',
    golden: musto.os.logrank_type,
    data: { time: cohort.os_months, event: cohort.os_event, group: type },
  });

  type Extra = Record<string, { data?: { time: number[]; status: number[]; grp: number[] } } & Record<string, unknown>>;
  const extra = readGolden<Extra>('survival_extra.json');
  const entry = (name: string, key: string) => extra[name]?.[key] as GoldenLogRank;
  const lung = readCsvColumns('lung.csv');
  const lungSpec = { time: 'time', status: 'status', statusOffset: 1, group: 'sex' };
  const byEcog = { column: 'ph.ecog', levels: ['0', '1', '2', '3'] };
  for (const key of ['logrank', 'logrank_rho1']) {
    const golden = entry('lung_sex_strata_ph.ecog', key);
    cases.push({
      name: `survival_extra lung sex + strata(ph.ecog) ${key}`,
      golden,
      ...modelFrame(lung, { ...lungSpec, strata: byEcog }, golden),
    });
  }
  const veteran = readCsvColumns('veteran.csv');
  const celltypes = ['squamous', 'smallcell', 'adeno', 'large'];
  const veteranStrata = entry('veteran_trt_strata_celltype', 'logrank');
  cases.push({
    name: 'survival_extra veteran trt + strata(celltype)',
    golden: veteranStrata,
    ...modelFrame(
      veteran,
      { time: 'time', status: 'status', group: 'trt', strata: { column: 'celltype', levels: celltypes } },
      veteranStrata,
    ),
  });
  const veteranRho = entry('veteran_celltype_rho0.5', 'logrank');
  cases.push({
    name: 'survival_extra veteran celltype rho 0.5',
    golden: veteranRho,
    ...modelFrame(veteran, { time: 'time', status: 'status', group: 'celltype' }, veteranRho),
  });
  for (const name of ['zero_expected_group', 'near_ties_two_groups']) {
    const data = extra[name]?.data;
    if (data === undefined) throw new Error(`survival_extra.json has no data for ${name}`);
    cases.push({
      name: `survival_extra ${name}`,
      golden: entry(name, 'logrank'),
      data: { time: data.time, event: data.status, group: data.grp },
    });
  }
  return cases;
}

const cases = goldenCases();

describe('logRankTest', () => {
  it('covers every log-rank entry of the goldens when the suite is assembled', () => {
    expect(cases.length).toBe(21);
  });

  it('gives O, E and V bit-identical to R for every golden (survdiff2.c’s order of operations)', () => {
    for (const { name, golden, data, strata } of cases) {
      const result = logRankTest(data, strata === undefined ? { rho: golden.rho } : { rho: golden.rho, strata });
      expect(result.observed, `${name} observed`).toEqual(golden.observed);
      expect(result.expected, `${name} expected`).toEqual(golden.expected);
      expect(result.variance, `${name} var`).toEqual(golden.var);
    }
  });

  describe.each(cases)('$name', ({ name, golden, data, strata }) => {
    const result = logRankTest(data, strata === undefined ? { rho: golden.rho } : { rho: golden.rho, strata });
    const rel = logRankTolerance;

    it('gives R’s group sizes, observed and expected counts when tested', () => {
      expect(result.groups).toEqual(golden.groups.map((_, k) => k + 1));
      expect(result.n).toEqual(golden.n);
      expectAllClose(result.observed, golden.observed, { rel, label: `${name} observed` });
      expectAllClose(result.expected, golden.expected, { rel, label: `${name} expected` });
    });

    it('gives R’s variance matrix entry by entry when tested', () => {
      expect(result.variance.length).toBe(golden.var.length);
      golden.var.forEach((row, r) => {
        expectAllClose(result.variance[r] ?? [], row, { rel, label: `${name} var[${r}]` });
      });
    });

    it('gives R’s chi-square, df and p when tested', () => {
      expectClose(result.chisq, golden.chisq, { rel, label: `${name} chisq` });
      expect(result.df).toBe(golden.df);
      expectClose(result.p, golden.p, { rel, label: `${name} p` });
    });
  });
});

describe('logRankTest', () => {
  it('gives (O₂ − E₂)²/V₂₂ for two groups when worked by hand', () => {
    // Deaths at 1, 2, 3 (group 1, at risk 6, 5, 4 with 3, 2, 1 of group 1) and 4, 5 (group 2 only).
    const result = logRankTest({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 1, 1, 0], group: [1, 1, 1, 2, 2, 2] });
    expect(result.observed).toEqual([3, 2]);
    expectAllClose(result.expected, [3 / 6 + 2 / 5 + 1 / 4, 3 / 6 + 3 / 5 + 3 / 4 + 1 + 1], { rel: 1e-15 });
    const v = (3 * 3) / 36 + (2 * 3) / 25 + (1 * 3) / 16;
    expectClose(result.chisq, (2 - (result.expected[1] ?? 0)) ** 2 / v, { rel: 1e-14 });
    expect(result.strataCount).toBe(1);
  });

  it('gives chisq 0, df 0 and a null p when no group has expected events', () => {
    const result = logRankTest({ time: [1, 2, 3, 4], event: [0, 0, 0, 0], group: [1, 1, 2, 2] });
    expect(result).toMatchObject({ chisq: 0, df: 0, p: null, expected: [0, 0] });
  });

  it('throws when there are fewer than two groups or rho is not finite', () => {
    expect(() => logRankTest({ time: [1, 2], event: [1, 1], group: [1, 1] })).toThrow(/at least two groups/);
    expect(() => logRankTest({ time: [1, 2], event: [1, 1], group: [1, 2] }, { rho: Number.NaN })).toThrow(/rho/);
    expect(() => logRankTest({ time: [1, 2], event: [1, 1], group: [1, 2] }, { strata: [1] })).toThrow(
      /strata has 1 values/,
    );
  });

  it('gives the unstratified result when every row is in one stratum', () => {
    const data = { time: [3, 1, 4, 1, 5, 9, 2, 6], event: [1, 0, 1, 1, 1, 0, 1, 1], group: [1, 2, 1, 2, 2, 1, 2, 1] };
    const stratified = logRankTest(data, { strata: new Array(8).fill(5) });
    expect({ ...stratified, strataCount: 1 }).toEqual(logRankTest(data));
  });
});
