import { expectClose, readGolden } from '@mmreg/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaCdf } from './beta-cdf.ts';
import { betaQuantile } from './beta-quantile.ts';
import { betaUpperTail } from './beta-upper-tail.ts';

const golden = readGolden<{ beta_quantile: { p: number[]; a: number[]; b: number[]; quantile: number[] } }>(
  'distributions.json',
).beta_quantile;

describe('betaQuantile', () => {
  it('matches R qbeta to 1e-13 relative on the distributions.json grid (p from 1e-10 to 1 - 1e-10)', () => {
    expect(golden.p.length).toBe(120);
    golden.p.forEach((p, i) => {
      const [a, b] = [golden.a[i] ?? 0, golden.b[i] ?? 0];
      expectClose(betaQuantile(p, a, b), golden.quantile[i], { rel: 1e-13, label: `qbeta(${p}, ${a}, ${b})` });
    });
  });

  it('gives the Clopper-Pearson lower limit for 11/12 when p is 0.025 and shapes are 11 and 2', () => {
    expectClose(betaQuantile(0.025, 11, 2), 0.6152038348490559, { rel: 1e-13, label: 'qbeta(0.025, 11, 2)' });
  });

  it('inverts betaCdf when the shapes are small', () => {
    for (const p of [1e-8, 0.2, 0.5, 0.7]) {
      expectClose(betaCdf(betaQuantile(p, 0.4, 0.7), 0.4, 0.7), p, { rel: 1e-13, label: `pbeta(qbeta(${p}))` });
    }
  });

  it('returns the double whose probability is closest to p, within 4 ulp, for any shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 2000, noNaN: true }),
        fc.double({ min: 0.05, max: 2000, noNaN: true }),
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        (a, b, p) => {
          const q = betaQuantile(p, a, b);
          // Quantiles within 1e-16 of 1 round to 1 in double precision (as in R).
          if (q === 1) return p > 0.5;
          // Compare on the tail that was solved, so 1 − p loses nothing.
          const tail = (v: number): number => (p <= 0.5 ? betaCdf(v, a, b) : betaUpperTail(v, a, b));
          const target = p <= 0.5 ? p : 1 - p;
          const delta = 4 * Number.EPSILON * q;
          const spread = Math.abs(tail(Math.min(1, q + delta)) - tail(Math.max(0, q - delta)));
          return q > 0 && Math.abs(tail(q) - target) <= spread + 1e-12 * target;
        },
      ),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('returns 0 and 1 at p = 0 and 1, and NaN outside [0, 1]', () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(1.2, 2, 3)).toBeNaN();
    expect(betaQuantile(0.5, -1, 3)).toBeNaN();
  });
});
