import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { inverseLogit } from './inverse-logit.ts';

interface GoldenFit {
  readonly measure: string;
  readonly estimate_transformed_scale: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly pooled_proportion: number;
  readonly pooled_ci_lb: number;
  readonly pooled_ci_ub: number;
}
const musto = readGolden<{ literature: { meta: GoldenFit[] } }>('musto2007.json').literature;

describe('inverseLogit', () => {
  it.each(musto.meta.filter((fit) => fit.measure === 'PLO'))(
    'matches transf.ilogit of the pooled log odds and CI when given the Musto PLO fit %#',
    (fit) => {
      expectClose(inverseLogit(fit.estimate_transformed_scale), fit.pooled_proportion, { rel: 1e-14, label: 'pred' });
      expectClose(inverseLogit(fit.ci_lb), fit.pooled_ci_lb, { rel: 1e-14, label: 'ci.lb' });
      expectClose(inverseLogit(fit.ci_ub), fit.pooled_ci_ub, { rel: 1e-14, label: 'ci.ub' });
    },
  );

  it('gives ½ at 0 and reaches 0 and 1 when the log odds are infinite', () => {
    expect(inverseLogit(0)).toBe(0.5);
    expect(inverseLogit(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(inverseLogit(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('rejects NaN when given it', () => {
    expect(() => inverseLogit(Number.NaN)).toThrow(RangeError);
  });
});
