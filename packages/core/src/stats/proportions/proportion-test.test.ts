import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import type { Alternative } from './alternative.ts';
import { proportionTest } from './proportion-test.ts';

interface PropGolden {
  readonly x: number[];
  readonly n: number[];
  readonly p0: number[] | null;
  readonly correct: boolean;
  readonly alternative?: Alternative;
  readonly result_alternative?: Alternative;
  readonly statistic: number;
  readonly df: number;
  readonly p_value: number;
  readonly estimate: number[];
  readonly conf_int: [number, number] | null;
  readonly warnings?: string[];
}

// §8: prop.test ≤ 1e−13 relative.
const rel = 1e-13;
const stats = readGolden<{ prop_test: PropGolden[] }>('stats_tests.json').prop_test;
const extra = readGolden<{ prop_test: PropGolden[] }>('proportions_extra.json').prop_test;
const musto = readGolden<{ response: Record<string, { statistic: number; p: number; conf_int: number[] }> }>(
  'musto2007.json',
).response;

function checkCases(cases: readonly PropGolden[]): void {
  for (const c of cases) {
    const result = proportionTest(c.x, c.n, {
      ...(c.p0 === null ? {} : { p: c.p0 }),
      correct: c.correct,
      alternative: c.alternative ?? 'two.sided',
    });
    const label = `prop.test(${JSON.stringify(c.x)}, ${JSON.stringify(c.n)}, ${c.alternative ?? 'two.sided'}, correct = ${c.correct})`;
    expectClose(result.statistic, c.statistic, { rel, label: `${label} X²` });
    expect(result.df, `${label} df`).toBe(c.df);
    expectClose(result.pValue, c.p_value, { rel, label: `${label} p` });
    result.estimate.forEach((value, i) => {
      expectClose(value, c.estimate[i], { rel, label: `${label} estimate` });
    });
    expectClose(result.lower, c.conf_int?.[0] ?? null, { rel, label: `${label} lower` });
    expectClose(result.upper, c.conf_int?.[1] ?? null, { rel, label: `${label} upper` });
    if (c.result_alternative !== undefined) expect(result.alternative).toBe(c.result_alternative);
    if (c.warnings !== undefined) expect(result.warnings.length > 0, `${label} warning`).toBe(c.warnings.length > 0);
  }
}

describe('proportionTest', () => {
  it('matches R prop.test for the 7 stats_tests.json cases (1 sample, 2 samples, 4 samples)', () => {
    expect(stats.length).toBe(7);
    checkCases(stats);
  });

  it('matches R for one-sided, given-p and edge cases (proportions_extra.json)', () => {
    checkCases(extra);
  });

  it('gives the Musto 2007 Yates test of ORR 11/12 against 0.45', () => {
    const golden = musto['prop_test_vs_0.45_yates'];
    if (golden === undefined) throw new Error('musto2007.json: response.prop_test_vs_0.45_yates missing');
    const result = proportionTest([11], [12], { p: 0.45 });
    expectClose(result.statistic, golden.statistic, { rel, label: 'X²' });
    expectClose(result.pValue, golden.p, { rel, label: 'p' });
    expectClose(result.lower, golden.conf_int[0], { rel, label: 'lower' });
    expectClose(result.upper, golden.conf_int[1], { rel, label: 'upper' });
    // R does not warn here: the expected counts are 5.4 and 6.6.
    expect(result.warnings).toEqual([]);
  });

  it('flags small expected counts as R warns "Chi-squared approximation may be incorrect"', () => {
    expect(proportionTest([0], [20], { p: 0.2 }).warnings).toEqual(['expected-count-below-5']);
  });

  it('throws RangeError when x exceeds n or p is not in (0, 1)', () => {
    expect(() => proportionTest([13], [12])).toThrow(RangeError);
    expect(() => proportionTest([3], [12], { p: 1 })).toThrow(RangeError);
    expect(() => proportionTest([3, 4], [12])).toThrow(RangeError);
  });
});
