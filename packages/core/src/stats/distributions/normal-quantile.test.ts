import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf.ts';
import { normalQuantile } from './normal-quantile.ts';

const golden = readGolden<{ normal_quantile: { p: number[]; quantile: number[] } }>(
  'distributions.json',
).normal_quantile;

describe('normalQuantile', () => {
  it('returns the same double as R qnorm(0.975) when p is 0.975', () => {
    // R's double is 1.9599639845400536 (%.17g); its 16-digit print 1.959963984540054 parses 2 ulp higher.
    expect(normalQuantile(0.975)).toBe(1.9599639845400536);
  });

  it('matches R qnorm to 1e-15 relative from p = 1e-300 to 1 when compared with distributions.json', () => {
    golden.p.forEach((p, i) => {
      expectClose(normalQuantile(p), golden.quantile[i], { rel: 1e-15, label: `qnorm(${p})` });
    });
  });

  it('inverts normalCdf when p is in the central range', () => {
    for (const p of [0.01, 0.2, 0.5, 0.77, 0.999]) {
      expectClose(normalCdf(normalQuantile(p)), p, { rel: 4e-15, label: `pnorm(qnorm(${p}))` });
    }
  });

  it('returns -Infinity, Infinity and NaN when p is 0, 1 or outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
