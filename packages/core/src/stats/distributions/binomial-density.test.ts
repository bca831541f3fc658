import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { binomialDensity } from './binomial-density.ts';

interface BinomialGolden {
  readonly x: number[];
  readonly n: number[];
  readonly p: number[];
  readonly density: number[];
}

const golden = readGolden<{ binomial: BinomialGolden }>('distributions.json').binomial;

describe('binomialDensity', () => {
  it('matches R dbinom to 1e-14 relative on the distributions.json cases (n up to 10000, far tails)', () => {
    golden.x.forEach((x, i) => {
      const [n, p] = [golden.n[i] ?? 0, golden.p[i] ?? 0];
      expectClose(binomialDensity(x, n, p), golden.density[i], { rel: 1e-14, label: `dbinom(${x}, ${n}, ${p})` });
    });
  });

  it('sums to 1 over the support when n is 12', () => {
    let total = 0;
    for (let x = 0; x <= 12; x += 1) total += binomialDensity(x, 12, 0.45);
    expectClose(total, 1, { rel: 1e-15, label: 'sum' });
  });

  it('returns 0 off the support and NaN for invalid parameters', () => {
    expect(binomialDensity(2.5, 10, 0.3)).toBe(0);
    expect(binomialDensity(-1, 10, 0.3)).toBe(0);
    expect(binomialDensity(11, 10, 0.3)).toBe(0);
    expect(binomialDensity(0, 10, 0)).toBe(1);
    expect(binomialDensity(10, 10, 1)).toBe(1);
    expect(binomialDensity(3, 10, 1.2)).toBeNaN();
    expect(binomialDensity(3, 10.5, 0.2)).toBeNaN();
  });
});
