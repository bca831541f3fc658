import { expectClose, readGolden } from '@mmreg/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alternative } from './alternative.ts';
import { clopperPearsonInterval } from './clopper-pearson-interval.ts';

interface BinomGolden {
  readonly x: number;
  readonly n: number;
  readonly conf_level?: number;
  readonly tests: ReadonlyArray<{ readonly alternative: Alternative; readonly conf_int: [number, number] }>;
}

interface MustoGolden {
  readonly response: Record<
    'orr' | 'vgpr_or_better' | 'cr',
    { x: number; n: number; estimate: number; cp95: number[] }
  >;
  readonly literature: { readonly pooled_rounded_counts: { responders: number; n: number; cp95: number[] } };
}

// §8: binom.test p / CP CI ≤ 1e−12 relative.
const rel = 1e-12;
const stats = readGolden<{ binom_test: BinomGolden[] }>('stats_tests.json').binom_test;
const extra = readGolden<{ binom_test: BinomGolden[] }>('proportions_extra.json').binom_test;
const musto = readGolden<MustoGolden>('musto2007.json');

describe('clopperPearsonInterval', () => {
  it('matches R binom.test conf.int for every stats_tests.json case and alternative', () => {
    expect(stats.length).toBe(11);
    for (const c of stats) {
      for (const t of c.tests) {
        const interval = clopperPearsonInterval(c.x, c.n, { alternative: t.alternative });
        const label = `${c.x}/${c.n} ${t.alternative}`;
        expectClose(interval.lower, t.conf_int[0], { rel, label: `${label} lower` });
        expectClose(interval.upper, t.conf_int[1], { rel, label: `${label} upper` });
      }
    }
  });

  it('matches R at confidence levels 0.8, 0.9 and 0.99 (proportions_extra.json)', () => {
    for (const c of extra) {
      for (const t of c.tests) {
        const interval = clopperPearsonInterval(c.x, c.n, {
          alternative: t.alternative,
          confLevel: c.conf_level ?? 0.95,
        });
        const label = `${c.x}/${c.n} ${t.alternative} ${c.conf_level}`;
        expectClose(interval.lower, t.conf_int[0], { rel, label: `${label} lower` });
        expectClose(interval.upper, t.conf_int[1], { rel, label: `${label} upper` });
      }
    }
  });

  it('reproduces the Musto 2007 response intervals (ORR 11/12, VGPR or better 6/12, CR 2/12)', () => {
    for (const key of ['orr', 'vgpr_or_better', 'cr'] as const) {
      const golden = musto.response[key];
      const interval = clopperPearsonInterval(golden.x, golden.n);
      expectClose(interval.estimate, golden.estimate, { rel: 1e-15, label: `${key} estimate` });
      expectClose(interval.lower, golden.cp95[0], { rel, label: `${key} lower` });
      expectClose(interval.upper, golden.cp95[1], { rel, label: `${key} upper` });
    }
  });

  it('reproduces the interval of the pooled literature counts 59/136', () => {
    const golden = musto.literature.pooled_rounded_counts;
    const interval = clopperPearsonInterval(golden.responders, golden.n);
    expectClose(interval.lower, golden.cp95[0], { rel, label: 'lower' });
    expectClose(interval.upper, golden.cp95[1], { rel, label: 'upper' });
  });

  it('contains the observed proportion for any x, n and level (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.constantFrom<Alternative>('two.sided', 'less', 'greater'),
        ([x, n], confLevel, alternative) => {
          const interval = clopperPearsonInterval(x, n, { confLevel, alternative });
          return 0 <= interval.lower && interval.lower <= x / n && x / n <= interval.upper && interval.upper <= 1;
        },
      ),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('throws RangeError when x is outside [0, n] or confLevel is outside (0, 1)', () => {
    expect(() => clopperPearsonInterval(13, 12)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(1.5, 12)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(0, 0)).toThrow(RangeError);
    expect(() => clopperPearsonInterval(3, 12, { confLevel: 1 })).toThrow(RangeError);
  });
});
