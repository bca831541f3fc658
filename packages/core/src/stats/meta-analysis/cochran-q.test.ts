import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { cochranQ } from './cochran-q.ts';

interface GoldenFit {
  readonly measure: string;
  readonly method: string;
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  readonly QE: number;
  readonly QEp: number;
}
const musto = readGolden<{ literature: { meta: GoldenFit[] } }>('musto2007.json').literature;
const pritz = readGolden<{ fits: GoldenFit[] }>('metafor_pritz1997.json');

describe('cochranQ', () => {
  it.each([
    ...musto.meta.map((fit) => [`Musto ${fit.measure} ${fit.method}`, fit] as const),
    ...pritz.fits.map((fit) => [`pritz1997 ${fit.measure} ${fit.method}`, fit] as const),
  ])('matches rma.uni QE and QEp when given %s', (_name, fit) => {
    const result = cochranQ({ yi: fit.yi, vi: fit.vi });
    expectClose(result.q, fit.QE, { rel: 1e-12, label: 'QE' });
    expect(result.df).toBe(fit.yi.length - 1);
    expectClose(result.p, fit.QEp, { rel: 1e-12, label: 'QEp' });
  });

  it('gives Q = 0 and p = 1 when every study has the same effect', () => {
    const result = cochranQ({ yi: [0.4, 0.4, 0.4], vi: [0.1, 0.2, 0.3] });
    expect(result.q).toBe(0);
    expectClose(result.p, 1, { rel: 1e-15 });
  });

  it('gives Q = 0 on 0 df with p = 1 when given a single study, as metafor', () => {
    expect(cochranQ({ yi: [0.4], vi: [0.1] })).toEqual({ q: 0, df: 0, p: 1 });
  });
});
