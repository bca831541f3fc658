import { expectClose, readGolden, readGoldenText } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { hedgesTau2 } from './hedges-tau2.ts';
import { proportionEffectSizes } from './proportion-effect-sizes.ts';
import { restrictedMaximumLikelihoodTau2 } from './restricted-maximum-likelihood-tau2.ts';

interface GoldenFit {
  readonly measure: 'PLO' | 'PFT';
  readonly method: string;
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  readonly tau2: number;
  readonly se_tau2: number;
}
const musto = readGolden<{ literature: { meta: GoldenFit[] } }>('musto2007.json').literature;
const pritz = readGolden<{ data: { xi: number[]; ni: number[] }; fits: GoldenFit[] }>('metafor_pritz1997.json');
const remlFits = [
  ...musto.meta.filter((fit) => fit.method === 'REML').map((fit) => ['musto-lit', fit] as const),
  ...pritz.fits.filter((fit) => fit.method === 'REML').map((fit) => ['pritz1997', fit] as const),
];

/** golden/reml_threshold_check.txt: metafor's default τ² and τ² with threshold 1e-14 (%.17g). */
function readThresholdCheck(): ReadonlyMap<string, { defaultTau2: number; tightTau2: number }> {
  const rows = new Map<string, { defaultTau2: number; tightTau2: number }>();
  for (const line of readGoldenText('reml_threshold_check.txt').split('\n')) {
    const match = /^(\S+)\s+(PLO|PFT)\s+tau2 default=(\S+)\s+tight=(\S+)/.exec(line);
    if (match === null) continue;
    rows.set(`${match[1]} ${match[2]}`, { defaultTau2: Number(match[3]), tightTau2: Number(match[4]) });
  }
  return rows;
}

describe('restrictedMaximumLikelihoodTau2', () => {
  it.each(remlFits)('matches rma.uni method="REML" tau2 and se.tau2 when given %s %o', (_name, fit) => {
    const result = restrictedMaximumLikelihoodTau2({ yi: fit.yi, vi: fit.vi });
    expectClose(result.tau2, fit.tau2, { rel: 1e-12, label: 'tau2' });
    expectClose(result.seTau2, fit.se_tau2, { rel: 1e-12, label: 'se.tau2' });
    expect(result.isSetToZeroByLl0Check).toBe(false);
  });

  it('starts from max(0, Hedges τ²) when no start is given', () => {
    const effectSizes = proportionEffectSizes({ events: pritz.data.xi, n: pritz.data.ni }, 'double-arcsine');
    const result = restrictedMaximumLikelihoodTau2(effectSizes);
    expect(result.tau2Start).toBe(Math.max(0, hedgesTau2(effectSizes).untruncatedTau2));
    expect(result.iterations).toBeGreaterThan(1);
  });

  it('reproduces the threshold-1e-14 τ² of reml_threshold_check.txt, not metafor’s default, when iterated to convergence', () => {
    const check = readThresholdCheck();
    expect(check.size).toBe(4);
    for (const [name, fit] of remlFits) {
      const row = check.get(`${name} ${fit.measure}`);
      if (row === undefined) throw new Error(`no threshold check for ${name} ${fit.measure}`);
      const effectSizes = { yi: fit.yi, vi: fit.vi };
      const tight = restrictedMaximumLikelihoodTau2(effectSizes, { threshold: 1e-14, maxIterations: 1000 });
      expectClose(tight.tau2, row.tightTau2, { rel: 1e-9, label: `${name} ${fit.measure} converged τ²` });
      expectClose(restrictedMaximumLikelihoodTau2(effectSizes).tau2, row.defaultTau2, {
        rel: 1e-12,
        label: 'default τ²',
      });
    }
    // The Musto logit fit is where stopping at 1e-5 matters most: 3.15e-5 relative (§8).
    const musto = check.get('musto-lit PLO');
    expect(Math.abs((musto?.defaultTau2 ?? 0) / (musto?.tightTau2 ?? 1) - 1)).toBeGreaterThan(1e-5);
  });

  it('stops at τ² = 0 after halving the step when the studies are homogeneous', () => {
    const result = restrictedMaximumLikelihoodTau2({ yi: [0.2, 0.2, 0.2], vi: [0.1, 0.2, 0.3] });
    expect(result.tau2).toBe(0);
    expect(result.iterations).toBe(1);
    expect(result.seTau2).not.toBeNull();
  });

  it('fails like metafor when Fisher scoring needs more than maxIterations steps', () => {
    const effectSizes = proportionEffectSizes({ events: pritz.data.xi, n: pritz.data.ni }, 'logit');
    expect(() => restrictedMaximumLikelihoodTau2(effectSizes, { maxIterations: 1 })).toThrow(/did not converge/);
  });

  it('returns τ² = 0 with an NA standard error when given a single study', () => {
    const result = restrictedMaximumLikelihoodTau2({ yi: [0.3], vi: [0.1] });
    expect(result.tau2).toBe(0);
    expect(result.seTau2).toBeNull();
  });
});
