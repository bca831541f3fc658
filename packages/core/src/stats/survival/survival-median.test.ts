import { readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.ts';
import { firstTimeAtOrBelowHalf, type SurvivalMedian, survivalMedian } from './survival-median.ts';

type Edge = { time: number[]; status: number[]; km: { strata: Array<{ print_median: { log: SurvivalMedian } }> } };
const edge = readGolden<Record<string, Edge>>('edge_cases.json');

function medianOf(name: string): SurvivalMedian {
  const entry = edge[name] as Edge;
  const curve = kaplanMeier({ time: entry.time, event: entry.status }).strata[0];
  if (curve === undefined) throw new Error('no curve');
  return survivalMedian(curve);
}

describe('survivalMedian', () => {
  it.each([
    ['median_on_plateau_interior', { median: 3.5, lower: 2, upper: null }],
    ['median_plateau_at_end', { median: 2, lower: 1, upper: null }],
    ['median_not_reached', { median: null, lower: null, upper: null }],
    ['all_censored', { median: null, lower: null, upper: null }],
    ['lower_ci_median_defined_upper_na', { median: 13, lower: 9, upper: null }],
    ['curve_hits_zero', { median: 2.5, lower: 1, upper: null }],
  ])('follows print.survfit for %s', (name, expected) => {
    expect(medianOf(name)).toEqual(expected);
    expect(medianOf(name)).toEqual((edge[name] as Edge).km.strata[0]?.print_median.log);
  });

  it('treats S within √ε of 0.5 as on 0.5 when rounding leaves it just off (R: survfit(Surv(1:100)))', () => {
    const curve = kaplanMeier({ time: Array.from({ length: 100 }, (_, i) => i + 1), event: new Array(100).fill(1) })
      .strata[0];
    expect(curve?.surv[49]).not.toBe(0.5);
    expect(curve === undefined ? undefined : survivalMedian(curve)).toEqual({ median: 50.5, lower: 42, upper: 61 });
  });

  it('skips NA limits and takes the midpoint only when a later value is lower', () => {
    expect(firstTimeAtOrBelowHalf([null, 0.7, 0.5, 0.5, 0.2], [1, 2, 3, 4, 5])).toBe(4);
    expect(firstTimeAtOrBelowHalf([0.9, 0.5, 0.5], [1, 2, 3])).toBe(2);
    expect(firstTimeAtOrBelowHalf([null, null], [1, 2])).toBeNull();
  });
});
