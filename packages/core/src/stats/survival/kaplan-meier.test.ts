/**
 * R agreement suite for Kaplan–Meier and its summaries: every `km_*` entry of the goldens (aml, lung,
 * veteran, ovarian, edge_cases, musto2007, survival_extra) against kaplanMeier, survivalMedian, survivalQuantiles and
 * restrictedMean, with the tolerances of statistics-reference.md §8.
 */
import { expectAllClose, expectClose, readGolden, readGoldenText } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { type KaplanMeierData, type KaplanMeierStratum, kaplanMeier } from './kaplan-meier.ts';
import { restrictedMean } from './restricted-mean.ts';
import type { SurvivalConfidenceType } from './survival-confidence-band.ts';
import { survivalMedian } from './survival-median.ts';
import { survivalQuantiles } from './survival-quantiles.ts';

/** §8: KM surv, Greenwood, Nelson–Aalen and CIs to 1e−13 relative; Inf/NA exactly. */
const kaplanMeierTolerance = 1e-13;

type Limits = { median: number | null; lower: number | null; upper: number | null };
type Quantiles = {
  probs: number[];
  quantile: Array<number | null>;
  lower: Array<number | null>;
  upper: Array<number | null>;
};
type RType = 'log' | 'loglog' | 'plain';
interface GoldenStratum {
  stratum: string;
  n: number;
  events: number;
  print_median: Record<RType, Limits>;
  quantile_fn: Record<RType, Quantiles>;
  rmean_common: { rmean: number; se: number; end_time: number | number[] };
  table: Record<string, Array<number | null> | number | null>;
}
interface GoldenKaplanMeier {
  call: string;
  n_total: number;
  strata: GoldenStratum[];
}
interface GoldenCase {
  name: string;
  golden: GoldenKaplanMeier;
  data: KaplanMeierData;
  timefix: boolean;
}

const confTypes: ReadonlyArray<readonly [RType, SurvivalConfidenceType]> = [
  ['log', 'log'],
  ['loglog', 'log-log'],
  ['plain', 'plain'],
];

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

/**
 * Builds the KM input the way R's model frame does: rows with NA in a used column are dropped, and
 * group levels get codes 1, 2, … in the order of the golden strata ("var=level"), which is R's level
 * order, so the curves come out in the same order.
 */
function modelFrame(
  columns: Record<string, string[]>,
  spec: { time: string; status: string; statusOffset?: number; group?: string },
  golden: GoldenKaplanMeier,
): KaplanMeierData {
  const time = columns[spec.time] ?? [];
  const status = columns[spec.status] ?? [];
  const levels = golden.strata.map((stratum) => stratum.stratum.slice(stratum.stratum.indexOf('=') + 1));
  const groupColumn = spec.group === undefined ? undefined : (columns[spec.group] ?? []);
  const out = { time: [] as number[], event: [] as number[], group: [] as number[] };
  for (let i = 0; i < time.length; i += 1) {
    if (time[i] === 'NA' || status[i] === 'NA') continue;
    if (groupColumn !== undefined) {
      const code = levels.indexOf(groupColumn[i] ?? 'NA') + 1;
      if (code === 0) continue;
      out.group.push(code);
    }
    out.time.push(Number(time[i]));
    out.event.push(Number(status[i]) - (spec.statusOffset ?? 0));
  }
  return groupColumn === undefined ? { time: out.time, event: out.event } : out;
}

function datasetCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const specs: Array<
    [string, Record<string, { time: string; status: string; statusOffset?: number; group?: string }>]
  > = [
    [
      'aml',
      { km_overall: { time: 'time', status: 'status' }, km_by_x: { time: 'time', status: 'status', group: 'x' } },
    ],
    [
      'lung',
      {
        km_overall: { time: 'time', status: 'status', statusOffset: 1 },
        km_by_sex: { time: 'time', status: 'status', statusOffset: 1, group: 'sex' },
        'km_by_ph.ecog': { time: 'time', status: 'status', statusOffset: 1, group: 'ph.ecog' },
      },
    ],
    [
      'veteran',
      {
        km_overall: { time: 'time', status: 'status' },
        km_by_trt: { time: 'time', status: 'status', group: 'trt' },
        km_by_celltype: { time: 'time', status: 'status', group: 'celltype' },
      },
    ],
    [
      'ovarian',
      { km_overall: { time: 'futime', status: 'fustat' }, km_by_rx: { time: 'futime', status: 'fustat', group: 'rx' } },
    ],
  ];
  for (const [dataset, entries] of specs) {
    const json = readGolden<Record<string, GoldenKaplanMeier>>(`${dataset}.json`);
    const columns = readCsvColumns(`${dataset}.csv`);
    for (const [entry, spec] of Object.entries(entries)) {
      const golden = json[entry] as GoldenKaplanMeier;
      cases.push({ name: `${dataset} ${entry}`, golden, data: modelFrame(columns, spec, golden), timefix: true });
    }
  }

  type EdgeCase = {
    time?: number[];
    status?: number[];
    data?: { time: number[]; status: number[]; grp: number[] };
    km: GoldenKaplanMeier;
    km_timefix_false?: GoldenKaplanMeier;
  };
  const edge = readGolden<Record<string, EdgeCase | unknown>>('edge_cases.json');
  for (const [name, value] of Object.entries(edge)) {
    if (name === 'env') continue;
    const entry = value as EdgeCase;
    const data: KaplanMeierData =
      entry.data === undefined
        ? { time: entry.time ?? [], event: entry.status ?? [] }
        : { time: entry.data.time, event: entry.data.status, group: entry.data.grp };
    cases.push({ name: `edge_cases ${name}`, golden: entry.km, data, timefix: true });
    if (entry.km_timefix_false !== undefined) {
      cases.push({ name: `edge_cases ${name} timefix=FALSE`, golden: entry.km_timefix_false, data, timefix: false });
    }
  }

  type Musto = {
    cohort: { pfs_months: number[]; pfs_event: number[]; os_months: number[]; os_event: number[]; type: string[] };
    pfs: Record<string, { km_all: GoldenKaplanMeier; km_by_type: GoldenKaplanMeier }>;
    os: { km_all: GoldenKaplanMeier; km_by_type: GoldenKaplanMeier };
  };
  const musto = readGolden<Musto>('musto2007.json');
  const typeCode = musto.cohort.type.map((type) => (type === 'P' ? 1 : 2));
  const variants: Array<[string, { time: number[]; event: number[]; group: number[] }]> = [
    ['primary_pt12_time_0.5', { time: musto.cohort.pfs_months, event: musto.cohort.pfs_event, group: typeCode }],
    [
      'pt12_time_0',
      {
        time: musto.cohort.pfs_months.map((t, i) => (i === 11 ? 0 : t)),
        event: musto.cohort.pfs_event,
        group: typeCode,
      },
    ],
    [
      'pt12_excluded',
      {
        time: musto.cohort.pfs_months.slice(0, 11),
        event: musto.cohort.pfs_event.slice(0, 11),
        group: typeCode.slice(0, 11),
      },
    ],
  ];
  for (const [variant, data] of variants) {
    const golden = musto.pfs[variant];
    if (golden === undefined) throw new Error(`musto2007.json has no PFS variant ${variant}`);
    cases.push({
      name: `musto2007 pfs ${variant} km_all`,
      golden: golden.km_all,
      data: { time: data.time, event: data.event },
      timefix: true,
    });
    cases.push({ name: `musto2007 pfs ${variant} km_by_type`, golden: golden.km_by_type, data, timefix: true });
  }
  const os = { time: musto.cohort.os_months, event: musto.cohort.os_event, group: typeCode };
  cases.push({
    name: 'musto2007 os km_all',
    golden: musto.os.km_all,
    data: { time: os.time, event: os.event },
    timefix: true,
  });
  cases.push({ name: 'musto2007 os km_by_type', golden: musto.os.km_by_type, data: os, timefix: true });

  const nearTies = readGolden<{
    near_ties_two_groups: {
      data: { time: number[]; status: number[]; grp: number[] };
      km: GoldenKaplanMeier;
      km_timefix_false: GoldenKaplanMeier;
    };
  }>('survival_extra.json').near_ties_two_groups;
  const nearTiesData = { time: nearTies.data.time, event: nearTies.data.status, group: nearTies.data.grp };
  // timefix merges across curves: a group's time 2 becomes the other group's 1.999999999999.
  cases.push({
    name: 'survival_extra near_ties_two_groups km',
    golden: nearTies.km,
    data: nearTiesData,
    timefix: true,
  });
  cases.push({
    name: 'survival_extra near_ties_two_groups km timefix=FALSE',
    golden: nearTies.km_timefix_false,
    data: nearTiesData,
    timefix: false,
  });
  return cases;
}

const cases = datasetCases();

/** R writes NaN where 0·Inf occurs once S = 0 (std.err·surv, the plain limits); the port reports null. */
function nanAsNull(values: ReadonlyArray<number | null>): Array<number | null> {
  return values.map((value) => (value !== null && Number.isNaN(value) ? null : value));
}

function column(stratum: GoldenStratum, name: string): Array<number | null> {
  const values = stratum.table[name];
  if (values === undefined) throw new Error(`golden table has no column ${name}`);
  // The JSON writer stores a one-row column (lung ph.ecog=3) as a scalar.
  return [values].flat();
}

function fitsByType(goldenCase: GoldenCase): Record<RType, readonly KaplanMeierStratum[]> {
  const fit = (confType: SurvivalConfidenceType) =>
    kaplanMeier(goldenCase.data, { confType, timefix: goldenCase.timefix }).strata;
  return { log: fit('log'), loglog: fit('log-log'), plain: fit('plain') };
}

describe('kaplanMeier', () => {
  it('covers every KM entry of the goldens when the suite is assembled', () => {
    expect(cases.length).toBe(31);
  });

  describe.each(cases)('$name', (goldenCase) => {
    const fits = fitsByType(goldenCase);

    it('gives R’s strata, n and events when fitted', () => {
      expect(fits.log.length).toBe(goldenCase.golden.strata.length);
      expect(fits.log.reduce((sum, stratum) => sum + stratum.n, 0)).toBe(goldenCase.golden.n_total);
      goldenCase.golden.strata.forEach((golden, s) => {
        expect(fits.log[s]?.n).toBe(golden.n);
        expect(fits.log[s]?.events).toBe(golden.events);
      });
    });

    it('gives R’s survfit table column by column when fitted with each CI type', () => {
      goldenCase.golden.strata.forEach((golden, s) => {
        const label = `${goldenCase.name} ${golden.stratum}`;
        const log = fits.log[s] as KaplanMeierStratum;
        // Times and counts are data and integers: exact.
        expect(log.time).toEqual(column(golden, 'time'));
        expect(log.nRisk).toEqual(column(golden, 'n.risk'));
        expect(log.nEvent).toEqual(column(golden, 'n.event'));
        expect(log.nCensor).toEqual(column(golden, 'n.censor'));
        const rel = kaplanMeierTolerance;
        expectAllClose(log.surv, column(golden, 'surv'), { rel, label: `${label} surv` });
        expectAllClose(log.stdErr, column(golden, 'std.err'), { rel, label: `${label} std.err` });
        expectAllClose(log.stdErrSurv, nanAsNull(column(golden, 'std.err.surv')), {
          rel,
          label: `${label} std.err.surv`,
        });
        expectAllClose(log.cumulativeHazard, column(golden, 'cumhaz'), { rel, label: `${label} cumhaz` });
        expectAllClose(log.stdErrCumulativeHazard, column(golden, 'std.chaz'), { rel, label: `${label} std.chaz` });
        expectAllClose(log.lower, column(golden, 'lower'), { rel, label: `${label} lower` });
        expectAllClose(log.upper, column(golden, 'upper'), { rel, label: `${label} upper` });
        const logLog = fits.loglog[s] as KaplanMeierStratum;
        expectAllClose(logLog.lower, column(golden, 'lower.loglog'), { rel, label: `${label} lower.loglog` });
        expectAllClose(logLog.upper, column(golden, 'upper.loglog'), { rel, label: `${label} upper.loglog` });
        const plain = fits.plain[s] as KaplanMeierStratum;
        expectAllClose(plain.lower, nanAsNull(column(golden, 'lower.plain')), { rel, label: `${label} lower.plain` });
        expectAllClose(plain.upper, nanAsNull(column(golden, 'upper.plain')), { rel, label: `${label} upper.plain` });
      });
    });

    it('gives print.survfit’s median and CI exactly when summarised with each CI type', () => {
      goldenCase.golden.strata.forEach((golden, s) => {
        for (const [rType] of confTypes) {
          expect(survivalMedian(fits[rType][s] as KaplanMeierStratum), `${golden.stratum} ${rType}`).toEqual(
            golden.print_median[rType],
          );
        }
      });
    });

    it('gives quantile.survfit’s quartiles and limits exactly when summarised with each CI type', () => {
      goldenCase.golden.strata.forEach((golden, s) => {
        for (const [rType] of confTypes) {
          expect(survivalQuantiles(fits[rType][s] as KaplanMeierStratum), `${golden.stratum} ${rType}`).toEqual(
            golden.quantile_fn[rType],
          );
        }
      });
    });

    it('gives summary()’s rmean="common" and its SE when integrated to the common end time', () => {
      const fit = kaplanMeier(goldenCase.data, { timefix: goldenCase.timefix });
      goldenCase.golden.strata.forEach((golden, s) => {
        const result = restrictedMean(fit.strata[s] as KaplanMeierStratum, fit.commonEndTime);
        const endTimes = [golden.rmean_common.end_time].flat();
        expect(result.endTime).toBe(endTimes[s] ?? endTimes[0]);
        expectClose(result.restrictedMean, golden.rmean_common.rmean, { rel: 1e-14, label: `${golden.stratum} rmean` });
        expectClose(result.stdErr, golden.rmean_common.se, { rel: 1e-14, label: `${golden.stratum} se(rmean)` });
      });
    });
  });

  it('gives surv, std.err, cumhaz and std.chaz bit-identical to R for every golden curve (same operation order)', () => {
    // §8: "bit-exact if same multiply order"; a different order (e.g. S·(1 − d/n)) fails this test.
    for (const goldenCase of cases) {
      const fit = kaplanMeier(goldenCase.data, { timefix: goldenCase.timefix });
      goldenCase.golden.strata.forEach((golden, s) => {
        const curve = fit.strata[s];
        expect(curve?.surv, `${goldenCase.name} ${golden.stratum} surv`).toEqual(column(golden, 'surv'));
        expect(curve?.stdErr, `${goldenCase.name} ${golden.stratum} std.err`).toEqual(column(golden, 'std.err'));
        expect(curve?.cumulativeHazard, `${goldenCase.name} ${golden.stratum} cumhaz`).toEqual(
          column(golden, 'cumhaz'),
        );
        expect(curve?.stdErrCumulativeHazard, `${goldenCase.name} ${golden.stratum} std.chaz`).toEqual(
          column(golden, 'std.chaz'),
        );
      });
    }
  });

  it('multiplies in R’s order so the aml Maintained curve is bit-identical to R when fitted', () => {
    // statistics-reference.md §1: R gives 0.7159090909090908 (…09 with another multiplication order).
    const aml = cases.find((goldenCase) => goldenCase.name === 'aml km_by_x');
    const maintained = aml === undefined ? undefined : kaplanMeier(aml.data).strata[0];
    expect(maintained?.surv).toContain(0.7159090909090908);
    expect(maintained?.surv).toEqual(aml?.golden.strata[0] && column(aml.golden.strata[0], 'surv'));
  });
});

describe('kaplanMeier', () => {
  it('throws a RangeError naming the index when a time or event is invalid', () => {
    expect(() => kaplanMeier({ time: [1, Number.NaN], event: [1, 1] })).toThrow(/time\[1\]/);
    expect(() => kaplanMeier({ time: [1, -2], event: [1, 1] })).toThrow(/time\[1\] must be finite and ≥ 0/);
    expect(() => kaplanMeier({ time: [Number.POSITIVE_INFINITY], event: [1] })).toThrow(/time\[0\]/);
    expect(() => kaplanMeier({ time: [1, 2, 3], event: [1, 2, 0] })).toThrow(/event\[1\]/);
    expect(() => kaplanMeier({ time: [1, 2], event: [1, 0], group: [1, Number.NaN] })).toThrow(/group\[1\]/);
    expect(() => kaplanMeier({ time: [1, 2], event: [1] })).toThrow(/event has 1 values but time has 2/);
    expect(() => kaplanMeier({ time: [], event: [] })).toThrow(/at least one observation/);
    expect(() => kaplanMeier({ time: [1], event: [1] }, { confLevel: 1 })).toThrow(/confLevel/);
  });

  it('gives the same curves for typed-array and plain-array columns and reads −0 as 0', () => {
    const plain = kaplanMeier({ time: [0, 2, 2, 5, 1], event: [1, 1, 0, 1, 0], group: [2, 1, 1, 2, 1] });
    const typed = kaplanMeier({
      time: new Float64Array([-0, 2, 2, 5, 1]),
      event: new Uint8Array([1, 1, 0, 1, 0]),
      group: new Int32Array([2, 1, 1, 2, 1]),
    });
    expect(typed).toEqual(plain);
    expect(Object.is(typed.strata[1]?.time[0], 0)).toBe(true);
    expect(plain.strata.map((stratum) => stratum.group)).toEqual([1, 2]);
  });

  it('builds limits from qnorm(1 − (1 − confLevel)/2) when another level is asked for', () => {
    const curve = kaplanMeier({ time: [1, 2, 3, 4, 5], event: [1, 0, 1, 1, 0] }, { confLevel: 0.9 }).strata[0];
    if (curve === undefined) throw new Error('no curve');
    const z = 1.6448536269514722; // qnorm(0.95) in R
    const s = curve.surv[0] as number;
    const se = curve.stdErr[0] as number;
    expectClose(curve.lower[0], Math.exp(Math.log(s) - z * se), { rel: 1e-15, label: 'lower at 90%' });
    expect(curve.confLevel).toBe(0.9);
  });

  it('keeps one row per distinct time including censor-only times and marks curves without events', () => {
    const fit = kaplanMeier({ time: [2, 3, 5], event: [0, 0, 0] });
    expect(fit.strata[0]).toMatchObject({ events: 0, time: [2, 3, 5], surv: [1, 1, 1], stdErr: [0, 0, 0] });
    expect(fit.strata[0]?.lower).toEqual([1, 1, 1]);
    expect(kaplanMeier({ time: [2, 3, 5], event: [0, 0, 0] }, { confType: 'log-log' }).strata[0]?.lower).toEqual([
      null,
      null,
      null,
    ]);
  });
});
