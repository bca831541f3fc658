import { expectClose, readGolden } from '@mmreg/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alternative } from './alternative.ts';
import { binomialTest } from './binomial-test.ts';

interface BinomGolden {
  readonly x: number;
  readonly n: number;
  readonly p0: number;
  readonly conf_level?: number;
  readonly tests: ReadonlyArray<{
    readonly alternative: Alternative;
    readonly p_value: number;
    readonly conf_int: [number, number];
  }>;
}

interface MustoBinomGolden {
  readonly two_sided_p: number;
  readonly greater_p: number;
  readonly conf_int_two_sided: number[];
  readonly conf_int_greater: number[];
}

// §8: binom.test p / CP CI ≤ 1e−12 relative.
const rel = 1e-12;
const stats = readGolden<{ binom_test: BinomGolden[] }>('stats_tests.json').binom_test;
const extra = readGolden<{ binom_test: BinomGolden[] }>('proportions_extra.json').binom_test;
const musto = readGolden<{ response: Record<string, MustoBinomGolden> }>('musto2007.json').response;

function checkCases(cases: readonly BinomGolden[]): void {
  for (const c of cases) {
    for (const t of c.tests) {
      const result = binomialTest(c.x, c.n, { p: c.p0, alternative: t.alternative, confLevel: c.conf_level ?? 0.95 });
      const label = `binom.test(${c.x}, ${c.n}, p = ${c.p0}, ${t.alternative})`;
      expectClose(result.pValue, t.p_value, { rel, label: `${label} p` });
      expectClose(result.lower, t.conf_int[0], { rel, label: `${label} lower` });
      expectClose(result.upper, t.conf_int[1], { rel, label: `${label} upper` });
      expect(result.estimate).toBe(c.x / c.n);
    }
  }
}

describe('binomialTest', () => {
  it('matches R binom.test for all 11 stats_tests.json cases and 3 alternatives', () => {
    expect(stats.length).toBe(11);
    checkCases(stats);
  });

  it('matches R for other confidence levels and the null values 0 and 1 (proportions_extra.json)', () => {
    checkCases(extra);
  });

  it('gives the Musto 2007 test of ORR 11/12 against 0.45', () => {
    const golden = musto['binom_test_vs_0.45'];
    if (golden === undefined) throw new Error('musto2007.json: response.binom_test_vs_0.45 missing');
    const twoSided = binomialTest(11, 12, { p: 0.45 });
    expectClose(twoSided.pValue, golden.two_sided_p, { rel, label: 'two-sided p' });
    expectClose(twoSided.lower, golden.conf_int_two_sided[0], { rel, label: 'lower' });
    expectClose(twoSided.upper, golden.conf_int_two_sided[1], { rel, label: 'upper' });
    const greater = binomialTest(11, 12, { p: 0.45, alternative: 'greater' });
    expectClose(greater.pValue, golden.greater_p, { rel, label: 'greater p' });
    expectClose(greater.lower, golden.conf_int_greater[0], { rel, label: 'one-sided lower' });
    expect(greater.upper).toBe(1);
  });

  it('returns a p-value in [0, 1] for any x, n, p and alternative (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<Alternative>('two.sided', 'less', 'greater'),
        ([x, n], p, alternative) => {
          const { pValue } = binomialTest(x, n, { p, alternative });
          return pValue >= 0 && pValue <= 1;
        },
      ),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('gives p = 1 when x equals n·p exactly', () => {
    expect(binomialTest(50, 100, { p: 0.5 }).pValue).toBe(1);
  });

  it('throws RangeError when p is outside [0, 1]', () => {
    expect(() => binomialTest(3, 10, { p: 1.1 })).toThrow(RangeError);
  });
});
