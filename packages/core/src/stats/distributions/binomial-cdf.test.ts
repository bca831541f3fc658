import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { binomialCdf } from './binomial-cdf.ts';
import { binomialUpperTail } from './binomial-upper-tail.ts';

interface BinomialGolden {
  readonly x: number[];
  readonly n: number[];
  readonly p: number[];
  readonly lower: number[];
  readonly upper: number[];
}

const golden = readGolden<{ binomial: BinomialGolden }>('distributions.json').binomial;

describe('binomialCdf', () => {
  it('matches R pbinom to 1e-13 relative on the distributions.json cases', () => {
    golden.x.forEach((x, i) => {
      const [n, p] = [golden.n[i] ?? 0, golden.p[i] ?? 0];
      expectClose(binomialCdf(x, n, p), golden.lower[i], { rel: 1e-13, label: `pbinom(${x}, ${n}, ${p})` });
    });
  });

  it('returns 0 below the support and 1 at or above n', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialCdf(3, 10, -0.1)).toBeNaN();
  });
});

describe('binomialUpperTail', () => {
  it('matches R pbinom(lower.tail = FALSE) to 1e-13 relative, small upper tails included', () => {
    golden.x.forEach((x, i) => {
      const [n, p] = [golden.n[i] ?? 0, golden.p[i] ?? 0];
      expectClose(binomialUpperTail(x, n, p), golden.upper[i], {
        rel: 1e-13,
        label: `pbinom(${x}, ${n}, ${p}, lower = FALSE)`,
      });
    });
  });

  it('gives the one-sided Musto binomial p when testing 11/12 against 0.45', () => {
    expectClose(binomialUpperTail(10, 12, 0.45), 0.0010802562023605957, { rel: 1e-13, label: 'P[X >= 11]' });
  });
});
