import { expectAllClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import type { ProportionStudies } from './effect-sizes.ts';
import { proportionEffectSizes } from './proportion-effect-sizes.ts';

interface GoldenFit {
  readonly measure: 'PLO' | 'PFT';
  readonly method: string;
  readonly yi: readonly number[];
  readonly vi: readonly number[];
}
const musto = readGolden<{
  literature: { data: { n: number[]; responders: number[] }; meta: GoldenFit[] };
}>('musto2007.json').literature;
const pritz = readGolden<{ data: { xi: number[]; ni: number[] }; fits: GoldenFit[] }>('metafor_pritz1997.json');
const measureOf = { PLO: 'logit', PFT: 'double-arcsine' } as const;

describe('proportionEffectSizes', () => {
  const cases = [
    ...musto.meta.map((fit) => ['Musto', fit, { events: musto.data.responders, n: musto.data.n }] as const),
    ...pritz.fits.map((fit) => ['pritz1997', fit, { events: pritz.data.xi, n: pritz.data.ni }] as const),
  ];
  it.each(cases)('matches escalc yi and vi when given %s with %o', (_name, fit, studies) => {
    const effectSizes = proportionEffectSizes(studies, measureOf[fit.measure]);
    expect(effectSizes.measure).toBe(measureOf[fit.measure]);
    expectAllClose(effectSizes.yi, fit.yi, { rel: 1e-12, label: 'yi' });
    expectAllClose(effectSizes.vi, fit.vi, { rel: 1e-12, label: 'vi' });
  });

  it('flags continuity corrections for the logit only when a study has 0 or n events', () => {
    const studies = { events: [0, 3, 5], n: [5, 5, 5] };
    expect(proportionEffectSizes(studies, 'logit').isContinuityCorrected).toEqual([true, false, true]);
    expect(proportionEffectSizes(studies, 'double-arcsine').isContinuityCorrected).toEqual([false, false, false]);
  });

  it.each<[ProportionStudies, string]>([
    [{ events: [], n: [] }, 'no studies'],
    [{ events: [1, 2], n: [5] }, 'events and n of different lengths'],
    [{ events: [1], n: [5], labels: ['a', 'b'] }, 'labels of a different length'],
    [{ events: [6], n: [5] }, 'more events than patients'],
  ])('rejects %o when given %s', (studies) => {
    expect(() => proportionEffectSizes(studies, 'logit')).toThrow(RangeError);
  });
});
