import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { doubleArcsineProportion } from './double-arcsine-proportion.ts';
import { inverseDoubleArcsine } from './inverse-double-arcsine.ts';

interface GoldenFit {
  readonly measure: string;
  readonly method: string;
  readonly estimate_transformed_scale: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly pooled_proportion: number;
  readonly pooled_ci_lb: number;
  readonly pooled_ci_ub: number;
}
const musto = readGolden<{ literature: { data: { n: number[] }; meta: GoldenFit[] } }>('musto2007.json').literature;
// transf.ipft.hm: 1/mean(1/n) = 7/(1/25 + 1/8 + 1/27 + 1/26 + 1/18 + 1/24 + 1/8).
const harmonicMeanN = musto.data.n.length / musto.data.n.reduce((sum, size) => sum + 1 / size, 0);

describe('inverseDoubleArcsine', () => {
  it.each(musto.meta.filter((fit) => fit.measure === 'PFT'))(
    'matches transf.ipft.hm of the pooled value and CI when given the Musto PFT fit %#',
    (fit) => {
      expectClose(inverseDoubleArcsine(fit.estimate_transformed_scale, harmonicMeanN), fit.pooled_proportion, {
        rel: 1e-12,
        label: 'pred',
      });
      expectClose(inverseDoubleArcsine(fit.ci_lb, harmonicMeanN), fit.pooled_ci_lb, { rel: 1e-12, label: 'ci.lb' });
      expectClose(inverseDoubleArcsine(fit.ci_ub, harmonicMeanN), fit.pooled_ci_ub, { rel: 1e-12, label: 'ci.ub' });
    },
  );

  it('inverts the transformation of every count when given the same n (transf.ipft)', () => {
    for (let events = 0; events <= 20; events += 1) {
      const { yi } = doubleArcsineProportion(events, 20);
      expectClose(inverseDoubleArcsine(yi, 20), events / 20, { rel: 1e-12, abs: 1e-15, label: `${events}/20` });
    }
  });

  it('clamps to 0 and 1 when the value lies outside the range of the transformation', () => {
    const lowest = doubleArcsineProportion(0, 10).yi;
    const highest = doubleArcsineProportion(10, 10).yi;
    expect(inverseDoubleArcsine(lowest - 1e-9, 10)).toBe(0);
    expect(inverseDoubleArcsine(-0.3, 10)).toBe(0);
    expect(inverseDoubleArcsine(0, 10)).toBe(0);
    expect(inverseDoubleArcsine(highest + 1e-9, 10)).toBe(1);
    expect(inverseDoubleArcsine(Math.PI / 2, 10)).toBe(1);
    expect(inverseDoubleArcsine(2, 10)).toBe(1);
  });

  it('gives ½ when the value is π/4 (cos 2t = 0)', () => {
    expectClose(inverseDoubleArcsine(Math.PI / 4, 17.3), 0.5, { rel: 1e-15 });
  });

  it('rejects a non-positive sample size or NaN when given one', () => {
    expect(() => inverseDoubleArcsine(0.7, 0)).toThrow(RangeError);
    expect(() => inverseDoubleArcsine(Number.NaN, 10)).toThrow(RangeError);
  });
});
