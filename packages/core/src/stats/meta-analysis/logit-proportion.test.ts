import { expectAllClose, expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { logitProportion } from './logit-proportion.ts';

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

function logitFit(fits: readonly GoldenFit[]): GoldenFit {
  const fit = fits.find((candidate) => candidate.measure === 'PLO');
  if (fit === undefined) throw new Error('golden has no PLO fit');
  return fit;
}

describe('logitProportion', () => {
  it('matches escalc PLO yi and vi when given the Musto literature series (7 series, 136 patients)', () => {
    const studies = musto.data.responders.map((events, i) => logitProportion(events, musto.data.n[i] ?? Number.NaN));
    expectAllClose(
      studies.map((study) => study.yi),
      logitFit(musto.meta).yi,
      { ...tolerance, label: 'yi' },
    );
    expectAllClose(
      studies.map((study) => study.vi),
      logitFit(musto.meta).vi,
      { ...tolerance, label: 'vi' },
    );
    expect(studies.every((study) => !study.isContinuityCorrected)).toBe(true);
  });

  it('adds ½ to both cells only when a study has n events, as escalc add=1/2 to="only0" (dat.pritz1997)', () => {
    const studies = pritz.data.xi.map((events, i) => logitProportion(events, pritz.data.ni[i] ?? Number.NaN));
    expectAllClose(
      studies.map((study) => study.yi),
      logitFit(pritz.fits).yi,
      { ...tolerance, label: 'yi' },
    );
    expectAllClose(
      studies.map((study) => study.vi),
      logitFit(pritz.fits).vi,
      { ...tolerance, label: 'vi' },
    );
    // Studies 5 (10/10) and 8 (12/12) are the only ones with x = n.
    expect(studies.map((study) => study.isContinuityCorrected)).toEqual(
      pritz.data.xi.map((events, i) => events === pritz.data.ni[i]),
    );
    expect(studies[4]?.isContinuityCorrected).toBe(true);
  });

  it('gives log(0.5/(n + 0.5)) and 1/0.5 + 1/(n + 0.5) when a study has no events', () => {
    const study = logitProportion(0, 9);
    expectClose(study.yi, Math.log(0.5 / 9.5), { ...tolerance, label: 'yi' });
    expectClose(study.vi, 2 + 1 / 9.5, { ...tolerance, label: 'vi' });
    expect(study.isContinuityCorrected).toBe(true);
  });

  it('is antisymmetric in events and non-events when the counts are swapped', () => {
    expectClose(logitProportion(3, 10).yi, -logitProportion(7, 10).yi, { ...tolerance, label: 'yi' });
  });

  it.each([
    [-1, 10],
    [11, 10],
    [2.5, 10],
    [0, 0],
    [1, Number.NaN],
  ])('rejects %s events of %s when the counts are impossible', (events, n) => {
    expect(() => logitProportion(events, n)).toThrow(RangeError);
  });
});
