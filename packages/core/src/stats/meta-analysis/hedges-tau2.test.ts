import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { hedgesTau2 } from './hedges-tau2.ts';
import { proportionEffectSizes } from './proportion-effect-sizes.ts';

const musto = readGolden<{ literature: { data: { n: number[]; responders: number[] } } }>('musto2007.json').literature;
const pritz = readGolden<{ data: { xi: number[]; ni: number[] } }>('metafor_pritz1997.json');

/** metafor's HE block transcribed with explicit k × k matrices: P = I − J/k, PV = P·diag(vi). */
function hedgesByMatrices(yi: readonly number[], vi: readonly number[]): { tau2: number; se: number } {
  const k = yi.length;
  const p = (i: number, j: number): number => (i === j ? 1 : 0) - 1 / k;
  const meanY = yi.reduce((sum, y) => sum + y, 0) / k;
  const centred = yi.map((y) => y - meanY);
  let rss = 0;
  let tracePV = 0;
  let sumPVtPV = 0;
  for (let i = 0; i < k; i += 1) {
    tracePV += p(i, i) * (vi[i] ?? 0);
    for (let j = 0; j < k; j += 1) {
      rss += (centred[i] ?? 0) * p(i, j) * (centred[j] ?? 0);
      sumPVtPV += p(i, j) * (vi[j] ?? 0) * (p(j, i) * (vi[i] ?? 0));
    }
  }
  const tau2 = Math.max(0, (rss - tracePV) / (k - 1));
  const se = Math.sqrt((2 * sumPVtPV + 4 * tau2 * tracePV + 2 * tau2 * tau2 * (k - 1)) / (k - 1) ** 2);
  return { tau2, se };
}

describe('hedgesTau2', () => {
  it.each([
    ['Musto logit', proportionEffectSizes({ events: musto.data.responders, n: musto.data.n }, 'logit')],
    [
      'Musto double arcsine',
      proportionEffectSizes({ events: musto.data.responders, n: musto.data.n }, 'double-arcsine'),
    ],
    ['pritz1997 logit', proportionEffectSizes({ events: pritz.data.xi, n: pritz.data.ni }, 'logit')],
    ['pritz1997 double arcsine', proportionEffectSizes({ events: pritz.data.xi, n: pritz.data.ni }, 'double-arcsine')],
  ])('equals var(yi) − mean(vi) and metafor’s matrix formulas when given %s', (_name, effectSizes) => {
    const { yi, vi } = effectSizes;
    const k = yi.length;
    const mean = yi.reduce((sum, y) => sum + y, 0) / k;
    const sampleVariance = yi.reduce((sum, y) => sum + (y - mean) ** 2, 0) / (k - 1);
    const meanV = vi.reduce((sum, v) => sum + v, 0) / k;
    const result = hedgesTau2(effectSizes);
    const byMatrices = hedgesByMatrices(yi, vi);
    expectClose(result.untruncatedTau2, sampleVariance - meanV, { rel: 1e-12, label: 'untruncated τ²' });
    expectClose(result.tau2, byMatrices.tau2, { rel: 1e-12, label: 'τ²' });
    expectClose(result.seTau2, byMatrices.se, { rel: 1e-12, label: 'se(τ²)' });
  });

  it('truncates at 0 but keeps the negative moment estimate when the spread is below the sampling variance', () => {
    const result = hedgesTau2({ yi: [0.1, 0.11, 0.09], vi: [0.04, 0.05, 0.06] });
    expectClose(result.untruncatedTau2, 0.0001 - 0.05, { rel: 1e-12, label: 'untruncated τ²' });
    expect(result.tau2).toBe(0);
    expectClose(result.seTau2, hedgesByMatrices([0.1, 0.11, 0.09], [0.04, 0.05, 0.06]).se, { rel: 1e-12 });
  });

  it('returns τ² = 0 with an NA standard error when given a single study', () => {
    expect(hedgesTau2({ yi: [0.3], vi: [0.1] })).toEqual({ method: 'HE', tau2: 0, seTau2: null, untruncatedTau2: 0 });
  });

  it('rejects a non-positive sampling variance when given one', () => {
    expect(() => hedgesTau2({ yi: [0.3, 0.2], vi: [0.1, 0] })).toThrow(RangeError);
  });
});
