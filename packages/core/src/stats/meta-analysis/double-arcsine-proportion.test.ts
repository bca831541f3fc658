import { expectAllClose, expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { doubleArcsineProportion } from './double-arcsine-proportion.ts';

interface GoldenFit {
  readonly measure: string;
  readonly yi: readonly number[];
  readonly vi: readonly number[];
}
const musto = readGolden<{
  literature: { data: { n: number[]; responders: number[] }; meta: GoldenFit[] };
}>('musto2007.json').literature;
const pritz = readGolden<{ data: { xi: number[]; ni: number[] }; fits: GoldenFit[] }>('metafor_pritz1997.json');
const tolerance = { rel: 1e-12 };

function doubleArcsineFit(fits: readonly GoldenFit[]): GoldenFit {
  const fit = fits.find((candidate) => candidate.measure === 'PFT');
  if (fit === undefined) throw new Error('golden has no PFT fit');
  return fit;
}

describe('doubleArcsineProportion', () => {
  it.each([
    ['the Musto literature', musto.data.responders, musto.data.n, doubleArcsineFit(musto.meta)],
    ['dat.pritz1997 (two studies with x = n)', pritz.data.xi, pritz.data.ni, doubleArcsineFit(pritz.fits)],
  ])('matches escalc PFT yi and vi when given %s', (_name, events, n, fit) => {
    const studies = events.map((x, i) => doubleArcsineProportion(x, n[i] ?? Number.NaN));
    expectAllClose(
      studies.map((study) => study.yi),
      fit.yi,
      { ...tolerance, label: 'yi' },
    );
    expectAllClose(
      studies.map((study) => study.vi),
      fit.vi,
      { ...tolerance, label: 'vi' },
    );
  });

  it('is finite and symmetric about π/4 when a study has 0 or n events (no correction needed)', () => {
    const none = doubleArcsineProportion(0, 12);
    const all = doubleArcsineProportion(12, 12);
    expectClose(none.yi, 0.5 * Math.asin(Math.sqrt(1 / 13)), { ...tolerance, label: 'yi(0/12)' });
    expectClose(none.yi + all.yi, Math.PI / 2, { ...tolerance, label: 'yi(0) + yi(n)' });
    expectClose(none.vi, 1 / 50, { ...tolerance, label: 'vi' });
  });

  it('rejects more events than patients when given 13 of 12', () => {
    expect(() => doubleArcsineProportion(13, 12)).toThrow(RangeError);
  });
});
