import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { betaCdf } from './beta-cdf.ts';
import { betaUpperTail } from './beta-upper-tail.ts';

interface BetaGolden {
  readonly x: number[];
  readonly a: number[];
  readonly b: number[];
  readonly lower: number[];
  readonly upper: number[];
}

const golden = readGolden<{ beta_cdf: BetaGolden }>('distributions.json').beta_cdf;

/**
 * 1e−13 relative, widened to 1e−15·|log p| in the far tails: there the result is exp(−L) with L in
 * the hundreds, and rounding L to a double alone moves the result by about L·1e−16.
 */
function tolerance(expected: number): number {
  return Math.max(1e-13, 1e-15 * Math.abs(Math.log(expected)));
}

describe('betaCdf', () => {
  it('matches R pbeta on the distributions.json grid (144 cases, shapes 0.3 to 682)', () => {
    expect(golden.x.length).toBe(144);
    golden.x.forEach((x, i) => {
      const [a, b, expected] = [golden.a[i] ?? 0, golden.b[i] ?? 0, golden.lower[i] ?? 0];
      expectClose(betaCdf(x, a, b), expected, { rel: tolerance(expected), label: `pbeta(${x}, ${a}, ${b})` });
    });
  });

  it('equals the closed form x^a when b is 1', () => {
    for (const [x, a] of [
      [0.3, 2.5],
      [0.9, 7],
      [0.01, 0.4],
    ] as const) {
      expectClose(betaCdf(x, a, 1), x ** a, { rel: 1e-14, label: `pbeta(${x}, ${a}, 1)` });
    }
  });

  it('returns 0 and 1 outside (0, 1) and NaN for invalid shapes', () => {
    expect(betaCdf(0, 2, 3)).toBe(0);
    expect(betaCdf(-1, 2, 3)).toBe(0);
    expect(betaCdf(1, 2, 3)).toBe(1);
    expect(betaCdf(0.5, 0, 3)).toBeNaN();
    expect(betaCdf(0.5, 2, Number.POSITIVE_INFINITY)).toBeNaN();
    expect(betaCdf(Number.NaN, 2, 3)).toBeNaN();
  });
});

describe('betaUpperTail', () => {
  it('matches R pbeta(lower.tail = FALSE) on the distributions.json grid, small tails included', () => {
    golden.x.forEach((x, i) => {
      const [a, b, expected] = [golden.a[i] ?? 0, golden.b[i] ?? 0, golden.upper[i] ?? 0];
      expectClose(betaUpperTail(x, a, b), expected, { rel: tolerance(expected), label: `1 - pbeta(${x}, ${a}, ${b})` });
    });
  });

  it('is betaCdf with the shapes swapped at 1 − x', () => {
    expectClose(betaUpperTail(0.2, 3, 9), betaCdf(0.8, 9, 3), { rel: 1e-14, label: 'symmetry' });
  });
});
