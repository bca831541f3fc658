import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { findRootBrent } from './brent-root.ts';

interface UnirootGolden {
  readonly f: string;
  readonly lower: number;
  readonly upper: number;
  readonly root: number;
  readonly iter: number;
  readonly estim_prec: number;
}

const functions: Readonly<Record<string, (x: number) => number>> = {
  'x^3 - x - 1': (x) => x ** 3 - x - 1,
  'cos(x) - x': (x) => Math.cos(x) - x,
  'exp(x) - 5': (x) => Math.exp(x) - 5,
  '1/(x + 0.01) - 30': (x) => 1 / (x + 0.01) - 30,
};

const golden = readGolden<{ uniroot: UnirootGolden[] }>('proportions_extra.json').uniroot;

describe('findRootBrent', () => {
  it("reproduces R uniroot()'s root, iteration count and estim.prec with the default tolerance", () => {
    expect(golden.length).toBe(4);
    for (const c of golden) {
      const f = functions[c.f];
      if (f === undefined) throw new Error(`no TypeScript version of ${c.f}`);
      const result = findRootBrent(f, c.lower, c.upper);
      expectClose(result.root, c.root, { rel: 1e-15, label: `${c.f} root` });
      expect(result.iterations, `${c.f} iterations`).toBe(c.iter);
      expectClose(result.estimatedPrecision, c.estim_prec, { rel: 1e-12, label: `${c.f} estim.prec` });
    }
  });

  it('converges to full precision when the tolerance is tiny', () => {
    const result = findRootBrent((x) => x * x - 2, 0, 2, { tolerance: 1e-300 });
    expectClose(result.root, Math.SQRT2, { rel: 4.5e-16, label: 'sqrt(2)' });
  });

  it('throws RangeError when f has the same sign at both ends', () => {
    expect(() => findRootBrent((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });
});
