import { expectAllClose, expectClose, readGolden } from '@mmreg/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PooledProportion, pooledProportion } from './pooled-proportion.ts';

/** One `meta_fit()` of golden_musto2007.R / golden_edge_and_tests.R (the two name the estimate differently). */
interface GoldenFit {
  readonly measure: 'PLO' | 'PFT';
  readonly method: 'DL' | 'REML';
  readonly k: number;
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  readonly estimate_transformed_scale?: number;
  readonly estimate?: number;
  readonly se: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly z: number;
  readonly p: number;
  readonly tau2: number;
  readonly se_tau2: number;
  readonly tau?: number;
  readonly I2: number;
  readonly H2: number;
  readonly QE: number;
  readonly QEp: number;
  readonly QE_df?: number;
  readonly pooled_proportion: number;
  readonly pooled_ci_lb: number;
  readonly pooled_ci_ub: number;
  readonly pi_lb: number;
  readonly pi_ub: number;
  readonly weights_pct: readonly number[];
}
interface MustoLiterature {
  readonly data: { readonly series: string[]; readonly n: number[]; readonly responders: number[] };
  readonly meta: GoldenFit[];
  readonly meta_common_effect_PLO: {
    readonly pooled_proportion: number;
    readonly ci_lb: number;
    readonly ci_ub: number;
    readonly QE: number;
    readonly QEp: number;
    readonly I2: number;
  };
}
const musto = readGolden<{ literature: MustoLiterature }>('musto2007.json').literature;
const pritz = readGolden<{ data: { xi: number[]; ni: number[] }; fits: GoldenFit[] }>('metafor_pritz1997.json');
const measureOf = { PLO: 'logit', PFT: 'double-arcsine' } as const;
// §8: DL ≤ 1e-12 relative; REML replicates metafor's Fisher scoring, so the same bound holds.
const tolerance = { rel: 1e-12 };
const mustoStudies = { events: musto.data.responders, n: musto.data.n, labels: musto.data.series };

function expectFitMatchesGolden(result: PooledProportion, fit: GoldenFit): void {
  const close = (actual: number | null, expected: number, label: string): void =>
    expectClose(actual, expected, { ...tolerance, label });
  expect(result.k).toBe(fit.k);
  expectAllClose(result.yi, fit.yi, { ...tolerance, label: 'yi' });
  expectAllClose(result.vi, fit.vi, { ...tolerance, label: 'vi' });
  close(result.transformed.estimate, fit.estimate_transformed_scale ?? fit.estimate ?? Number.NaN, 'estimate');
  close(result.transformed.se, fit.se, 'se');
  close(result.transformed.lower, fit.ci_lb, 'ci.lb');
  close(result.transformed.upper, fit.ci_ub, 'ci.ub');
  close(result.transformed.z, fit.z, 'zval');
  close(result.transformed.p, fit.p, 'pval');
  close(result.heterogeneity.tau2, fit.tau2, 'tau2');
  close(result.heterogeneity.seTau2, fit.se_tau2, 'se.tau2');
  close(result.heterogeneity.tau, fit.tau ?? Math.sqrt(fit.tau2), 'tau');
  close(100 * result.heterogeneity.i2, fit.I2, 'I2 (%)');
  close(result.heterogeneity.h2, fit.H2, 'H2');
  close(result.heterogeneity.q, fit.QE, 'QE');
  expect(result.heterogeneity.qDf).toBe(fit.QE_df ?? fit.k - 1);
  close(result.heterogeneity.qP, fit.QEp, 'QEp');
  close(result.proportion.estimate, fit.pooled_proportion, 'pred');
  close(result.proportion.lower, fit.pooled_ci_lb, 'ci.lb (proportion)');
  close(result.proportion.upper, fit.pooled_ci_ub, 'ci.ub (proportion)');
  close(result.proportion.predictionLower, fit.pi_lb, 'pi.lb (proportion)');
  close(result.proportion.predictionUpper, fit.pi_ub, 'pi.ub (proportion)');
  expectAllClose(
    result.relativeWeights.map((weight) => 100 * weight),
    fit.weights_pct,
    { ...tolerance, label: 'weights (%)' },
  );
}

describe('pooledProportion', () => {
  it.each(musto.meta.map((fit) => [fit.measure, fit.method, fit] as const))(
    'matches metafor %s %s field by field when given the Musto literature (7 series, 136 patients)',
    (_measure, _method, fit) => {
      const result = pooledProportion(mustoStudies, { measure: measureOf[fit.measure], tau2Method: fit.method });
      expectFitMatchesGolden(result, fit);
      expect(result.labels).toEqual(musto.data.series);
    },
  );

  it.each(pritz.fits.map((fit) => [fit.measure, fit.method, fit] as const))(
    'matches metafor %s %s field by field when given dat.pritz1997 (k = 14, two studies with x = n)',
    (_measure, _method, fit) => {
      const result = pooledProportion(
        { events: pritz.data.xi, n: pritz.data.ni },
        { measure: measureOf[fit.measure], tau2Method: fit.method },
      );
      expectFitMatchesGolden(result, fit);
      expect(result.labels).toBeNull();
    },
  );

  it('matches the common-effect (method="EE") logit fit when given the Musto literature', () => {
    const golden = musto.meta_common_effect_PLO;
    const { commonEffect, heterogeneity } = pooledProportion(mustoStudies, { measure: 'logit', tau2Method: 'REML' });
    expectClose(commonEffect.proportion.estimate, golden.pooled_proportion, { ...tolerance, label: 'pred' });
    expectClose(commonEffect.proportion.lower, golden.ci_lb, { ...tolerance, label: 'ci.lb' });
    expectClose(commonEffect.proportion.upper, golden.ci_ub, { ...tolerance, label: 'ci.ub' });
    expectClose(100 * commonEffect.i2, golden.I2, { ...tolerance, label: 'I2 (EE, Q-based)' });
    expectClose(heterogeneity.q, golden.QE, { ...tolerance, label: 'QE' });
    expectClose(heterogeneity.qP, golden.QEp, { ...tolerance, label: 'QEp' });
    expectClose(commonEffect.h2, golden.QE / 6, { ...tolerance, label: 'H2 = QE/df' });
    // The REML τ²-based I² (20.95 %) is below the Q-based one (22.59 %) that meta::metaprop prints.
    expectClose(heterogeneity.higginsI2, golden.I2 / 100, { ...tolerance, label: 'Higgins I²' });
    expect(heterogeneity.i2).toBeLessThan(heterogeneity.higginsI2 ?? 0);
  });

  it('uses the harmonic mean of n for the double arcsine and none for the logit', () => {
    const n = musto.data.n;
    const harmonic = n.length / n.reduce((sum, size) => sum + 1 / size, 0);
    const doubleArcsine = pooledProportion(mustoStudies, { measure: 'double-arcsine', tau2Method: 'DL' });
    expectClose(doubleArcsine.harmonicMeanN, harmonic, { rel: 1e-14 });
    expect(pooledProportion(mustoStudies, { measure: 'logit', tau2Method: 'DL' }).harmonicMeanN).toBeNull();
  });

  it('narrows the CI by the ratio of normal quantiles when the confidence level is 0.90', () => {
    const at95 = pooledProportion(mustoStudies, { measure: 'logit', tau2Method: 'DL' }).transformed;
    const at90 = pooledProportion(mustoStudies, { measure: 'logit', tau2Method: 'DL', confLevel: 0.9 }).transformed;
    // qnorm(0.95)/qnorm(0.975) from R.
    const ratio = 1.6448536269514722 / 1.959963984540054;
    expectClose(at90.upper - at90.estimate, ratio * (at95.upper - at95.estimate), { rel: 1e-12, label: 'half-width' });
    expectClose(at90.estimate, at95.estimate, { rel: 1e-15 });
  });

  it('reduces to the single study with I² = 0, H² = 1, Q = 0 and p_Q = 1 when given one study', () => {
    const result = pooledProportion({ events: [12], n: [25] }, { measure: 'logit', tau2Method: 'REML' });
    expectClose(result.transformed.estimate, Math.log(12 / 13), { rel: 1e-12 });
    expectClose(result.transformed.se, Math.sqrt(1 / 12 + 1 / 13), { rel: 1e-12 });
    expect(result.heterogeneity).toMatchObject({
      tau2: 0,
      seTau2: null,
      i2: 0,
      h2: 1,
      higginsI2: null,
      q: 0,
      qDf: 0,
      qP: 1,
    });
    expect(result.relativeWeights).toEqual([1]);
  });

  it('rejects a confidence level outside (0, 1) when given 95', () => {
    expect(() => pooledProportion(mustoStudies, { measure: 'logit', tau2Method: 'DL', confLevel: 95 })).toThrow(
      RangeError,
    );
  });

  const studyArbitrary = fc
    .integer({ min: 1, max: 200 })
    .chain((n) => fc.record({ events: fc.integer({ min: 0, max: n }), n: fc.constant(n) }));
  const studiesWithPermutation = fc
    .array(studyArbitrary, { minLength: 2, maxLength: 12 })
    .chain((studies) =>
      fc.tuple(
        fc.constant(studies),
        fc.shuffledSubarray(studies, { minLength: studies.length, maxLength: studies.length }),
      ),
    );
  const optionsArbitrary = fc.record({
    measure: fc.constantFrom('logit' as const, 'double-arcsine' as const),
    tau2Method: fc.constantFrom('DL' as const, 'REML' as const),
  });
  const toInput = (studies: ReadonlyArray<{ events: number; n: number }>) => ({
    events: studies.map((study) => study.events),
    n: studies.map((study) => study.n),
  });

  it('gives the same pooled estimate, τ² and proportion CI when the studies are reordered', () => {
    fc.assert(
      fc.property(studiesWithPermutation, optionsArbitrary, ([studies, permuted], options) => {
        const original = pooledProportion(toInput(studies), options);
        const reordered = pooledProportion(toInput(permuted), options);
        // Only summation order differs, so agreement is to rounding (absolute floor for τ² ≈ 0).
        const near = { rel: 1e-9, abs: 1e-12 };
        expectClose(reordered.transformed.estimate, original.transformed.estimate, { ...near, label: 'μ' });
        expectClose(reordered.heterogeneity.tau2, original.heterogeneity.tau2, { ...near, label: 'τ²' });
        expectClose(reordered.proportion.estimate, original.proportion.estimate, { ...near, label: 'p' });
        expectClose(reordered.proportion.lower, original.proportion.lower, { ...near, label: 'lower' });
        expectClose(reordered.proportion.upper, original.proportion.upper, { ...near, label: 'upper' });
      }),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('keeps the back-transformed estimate inside its CI, and the CI inside the PI, all within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(studyArbitrary, { minLength: 1, maxLength: 12 }), optionsArbitrary, (studies, options) => {
        const { proportion } = pooledProportion(toInput(studies), options);
        expect(0).toBeLessThanOrEqual(proportion.predictionLower);
        expect(proportion.predictionLower).toBeLessThanOrEqual(proportion.lower);
        expect(proportion.lower).toBeLessThanOrEqual(proportion.estimate);
        expect(proportion.estimate).toBeLessThanOrEqual(proportion.upper);
        expect(proportion.upper).toBeLessThanOrEqual(proportion.predictionUpper);
        expect(proportion.predictionUpper).toBeLessThanOrEqual(1);
      }),
      { seed: 20240601, numRuns: 200 },
    );
  });
});
