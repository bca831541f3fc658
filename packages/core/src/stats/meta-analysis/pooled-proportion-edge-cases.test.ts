/**
 * pooledProportion on the edge cases the literature goldens do not reach — studies with 0 or n
 * events, homogeneous data (τ² = 0), k = 2, strong heterogeneity with unequal n, k = 1, and a 90%
 * level — against metafor 3.8-1 (golden/meta_analysis_proportions.json, made by
 * r-scripts/golden_meta_analysis_proportions.R). Tolerances: statistics-reference.md §8.
 */
import { expectAllClose, expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { hedgesTau2 } from './hedges-tau2.ts';
import { pooledProportion } from './pooled-proportion.ts';
import { proportionEffectSizes } from './proportion-effect-sizes.ts';

interface GoldenFit {
  measure: 'PLO' | 'PFT';
  method: 'DL' | 'REML' | 'HE' | 'EE';
  level: number;
  k: number;
  yi: number[];
  vi: number[];
  estimate: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  p: number;
  tau2: number;
  I2: number;
  H2: number;
  QE: number;
  QEp: number;
  pooled_proportion: number;
  pooled_ci_lb: number;
  pooled_ci_ub: number;
  pi_lb: number;
  pi_ub: number;
  weights_pct: number[];
}
interface GoldenCase {
  note: string;
  xi: number[];
  ni: number[];
  fits: GoldenFit[];
}

const golden = readGolden<{ cases: Record<string, GoldenCase> }>('meta_analysis_proportions.json');
const rel = 1e-12;

describe('pooledProportion against metafor edge cases (golden/meta_analysis_proportions.json)', () => {
  for (const [name, entry] of Object.entries(golden.cases)) {
    const studies = { events: entry.xi, n: entry.ni };
    for (const fit of entry.fits) {
      const measure = fit.measure === 'PLO' ? 'logit' : 'double-arcsine';
      const label = `${name} ${fit.measure} ${fit.method} ${fit.level}%`;
      if (fit.method === 'DL' || fit.method === 'REML') {
        it(`matches rma ${label}`, () => {
          const result = pooledProportion(studies, {
            measure,
            tau2Method: fit.method as 'DL' | 'REML',
            confLevel: fit.level / 100,
          });
          expectAllClose(result.yi, fit.yi, { rel, label: `${label} yi` });
          expectAllClose(result.vi, fit.vi, { rel, label: `${label} vi` });
          expectClose(result.transformed.estimate, fit.estimate, { rel, abs: 1e-15, label: `${label} estimate` });
          expectClose(result.transformed.se, fit.se, { rel, label: `${label} se` });
          expectClose(result.transformed.lower, fit.ci_lb, { rel, label: `${label} ci_lb` });
          expectClose(result.transformed.upper, fit.ci_ub, { rel, label: `${label} ci_ub` });
          expectClose(result.heterogeneity.tau2, fit.tau2, { rel, abs: 1e-15, label: `${label} tau2` });
          expectClose(100 * result.heterogeneity.i2, fit.I2, { rel, abs: 1e-12, label: `${label} I2` });
          expectClose(result.heterogeneity.q, fit.QE, { rel, abs: 1e-15, label: `${label} Q` });
          expectClose(result.heterogeneity.qP, fit.QEp, { rel, label: `${label} Q p` });
          expectClose(result.proportion.estimate, fit.pooled_proportion, { rel, label: `${label} proportion` });
          expectClose(result.proportion.lower, fit.pooled_ci_lb, {
            rel,
            abs: 1e-15,
            label: `${label} proportion lower`,
          });
          expectClose(result.proportion.upper, fit.pooled_ci_ub, { rel, label: `${label} proportion upper` });
          expectClose(result.proportion.predictionLower, fit.pi_lb, { rel, abs: 1e-15, label: `${label} PI lower` });
          expectClose(result.proportion.predictionUpper, fit.pi_ub, { rel, label: `${label} PI upper` });
          expectAllClose(
            result.relativeWeights.map((weight) => 100 * weight),
            fit.weights_pct,
            { rel, label: `${label} weights` },
          );
        });
      } else if (fit.method === 'EE') {
        it(`matches the common-effect (EE) fit ${label}`, () => {
          const result = pooledProportion(studies, { measure, tau2Method: 'DL', confLevel: fit.level / 100 });
          expectClose(result.commonEffect.transformed.estimate, fit.estimate, {
            rel,
            abs: 1e-15,
            label: `${label} estimate`,
          });
          expectClose(result.commonEffect.transformed.se, fit.se, { rel, label: `${label} se` });
          expectClose(result.commonEffect.proportion.estimate, fit.pooled_proportion, {
            rel,
            label: `${label} proportion`,
          });
          expectClose(result.commonEffect.proportion.lower, fit.pooled_ci_lb, {
            rel,
            abs: 1e-15,
            label: `${label} lower`,
          });
          expectClose(result.commonEffect.proportion.upper, fit.pooled_ci_ub, { rel, label: `${label} upper` });
        });
      } else {
        it(`matches the Hedges (HE) τ² ${label}`, () => {
          expectClose(hedgesTau2(proportionEffectSizes(studies, measure)).tau2, fit.tau2, {
            rel,
            abs: 1e-15,
            label: `${label} tau2`,
          });
        });
      }
    }
  }

  it('covers every case in the golden file', () => {
    expect(Object.keys(golden.cases)).toEqual([
      'zero_and_all_events',
      'homogeneous',
      'two_studies',
      'heterogeneous_large',
      'single_study',
    ]);
  });
});
