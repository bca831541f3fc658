import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { derSimonianLairdTau2 } from './dersimonian-laird-tau2.ts';

interface GoldenFit {
  readonly measure: string;
  readonly method: string;
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  readonly tau2: number;
  readonly se_tau2: number;
}
const musto = readGolden<{ literature: { meta: GoldenFit[] } }>('musto2007.json').literature;
const pritz = readGolden<{ fits: GoldenFit[] }>('metafor_pritz1997.json');
const dlFits = [
  ...musto.meta.filter((fit) => fit.method === 'DL').map((fit) => [`Musto ${fit.measure}`, fit] as const),
  ...pritz.fits.filter((fit) => fit.method === 'DL').map((fit) => [`pritz1997 ${fit.measure}`, fit] as const),
];

describe('derSimonianLairdTau2', () => {
  it.each(dlFits)('matches rma.uni method="DL" tau2 and se.tau2 when given %s', (_name, fit) => {
    const result = derSimonianLairdTau2({ yi: fit.yi, vi: fit.vi });
    expect(result.method).toBe('DL');
    expectClose(result.tau2, fit.tau2, { rel: 1e-12, label: 'tau2' });
    expectClose(result.seTau2, fit.se_tau2, { rel: 1e-12, label: 'se.tau2' });
  });

  it('truncates τ² at 0 and keeps se = √(2(k−1))/tr P when Q is below its degrees of freedom', () => {
    const vi = [0.04, 0.05, 0.06];
    const result = derSimonianLairdTau2({ yi: [0.1, 0.11, 0.09], vi });
    const w = vi.map((v) => 1 / v);
    const sumW = w.reduce((sum, x) => sum + x, 0);
    const traceP = sumW - w.reduce((sum, x) => sum + x * x, 0) / sumW;
    expect(result.tau2).toBe(0);
    expectClose(result.seTau2, Math.sqrt(2 * 2) / traceP, { rel: 1e-12, label: 'se.tau2' });
  });

  it('returns τ² = 0 with an NA standard error when given a single study', () => {
    expect(derSimonianLairdTau2({ yi: [0.3], vi: [0.1] })).toEqual({ method: 'DL', tau2: 0, seTau2: null });
  });
});
