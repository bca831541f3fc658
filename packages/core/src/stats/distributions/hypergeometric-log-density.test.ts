import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { hypergeometricLogDensity } from './hypergeometric-log-density.ts';

interface HypergeometricGolden {
  readonly x: number[];
  readonly m: number[];
  readonly n: number[];
  readonly k: number[];
  readonly log_density: number[];
}

const golden = readGolden<{ hypergeometric: HypergeometricGolden }>('distributions.json').hypergeometric;

describe('hypergeometricLogDensity', () => {
  it('matches R dhyper(log = TRUE) to 1e-14 relative on the distributions.json cases', () => {
    golden.x.forEach((x, i) => {
      const urn = { successes: golden.m[i] ?? 0, failures: golden.n[i] ?? 0, draws: golden.k[i] ?? 0 };
      expectClose(hypergeometricLogDensity(x, urn), golden.log_density[i], {
        rel: 1e-14,
        label: `dhyper(${x}, ${urn.successes}, ${urn.failures}, ${urn.draws})`,
      });
    });
  });

  it('equals log(16/70) for 3 of 4 white balls when drawing 4 from 4 white and 4 black', () => {
    expectClose(hypergeometricLogDensity(3, { successes: 4, failures: 4, draws: 4 }), Math.log(16 / 70), {
      rel: 1e-15,
      label: 'log dhyper(3, 4, 4, 4)',
    });
  });

  it('returns -Infinity off the support and NaN for impossible urns', () => {
    expect(hypergeometricLogDensity(5, { successes: 4, failures: 4, draws: 4 })).toBe(Number.NEGATIVE_INFINITY);
    expect(hypergeometricLogDensity(0, { successes: 2, failures: 1, draws: 3 })).toBe(Number.NEGATIVE_INFINITY);
    expect(hypergeometricLogDensity(1, { successes: 2, failures: 1, draws: 4 })).toBeNaN();
    expect(hypergeometricLogDensity(0, { successes: 2, failures: 1, draws: 0 })).toBe(0);
  });
});
