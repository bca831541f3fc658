import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf.ts';
import { normalUpperTail } from './normal-upper-tail.ts';

interface NormalGolden {
  readonly normal: { readonly x: number[]; readonly lower: number[]; readonly upper: number[] };
}

const golden = readGolden<{ normal: NormalGolden['normal'] }>('distributions.json').normal;

describe('normalCdf', () => {
  it('matches R pnorm to 1e-14 relative from x = -38 to 12 when compared with distributions.json', () => {
    golden.x.forEach((x, i) => {
      expectClose(normalCdf(x), golden.lower[i], { rel: 1e-14, label: `pnorm(${x})` });
    });
  });

  it('keeps full relative accuracy in the far lower tail when x is -20', () => {
    expectClose(normalCdf(-20), 2.7536241186062337e-89, { rel: 1e-14, label: 'pnorm(-20)' });
  });

  it('returns NaN when x is NaN and the limits when x is infinite', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe('normalUpperTail', () => {
  it('matches R pnorm(lower.tail = FALSE) to 1e-14 relative when compared with distributions.json', () => {
    golden.x.forEach((x, i) => {
      expectClose(normalUpperTail(x), golden.upper[i], { rel: 1e-14, label: `pnorm(${x}, lower = FALSE)` });
    });
  });

  it('is the mirror image of normalCdf when x changes sign', () => {
    for (const x of [0.1, 0.7, 1.3, 4.2, 6.5, 9.9, 25]) {
      expect(normalUpperTail(x)).toBe(normalCdf(-x));
    }
  });
});
