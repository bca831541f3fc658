import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { higginsI2 } from './higgins-i2.ts';

interface GoldenFit {
  readonly measure: string;
  readonly method: string;
  readonly I2: number;
  readonly QE: number;
  readonly QE_df: number;
}
const literature = readGolden<{
  literature: { meta: GoldenFit[]; meta_common_effect_PLO: { QE: number; I2: number } };
}>('musto2007.json').literature;

function fitOf(measure: string, method: string): GoldenFit {
  const fit = literature.meta.find((candidate) => candidate.measure === measure && candidate.method === method);
  if (fit === undefined) throw new Error(`no ${measure} ${method} fit`);
  return fit;
}

describe('higginsI2', () => {
  it('matches metafor’s equal-effects I² when given the Musto logit Q on 6 df', () => {
    const commonEffect = literature.meta_common_effect_PLO;
    expectClose(100 * (higginsI2(commonEffect.QE, 6) ?? Number.NaN), commonEffect.I2, { rel: 1e-12, label: 'I2' });
  });

  it.each([
    ['PLO', 'DL'],
    ['PFT', 'DL'],
  ])('equals metafor’s τ²-based I² when given the %s %s fit (algebraically equal for DL)', (measure, method) => {
    const fit = fitOf(measure, method);
    expectClose(100 * (higginsI2(fit.QE, fit.QE_df) ?? Number.NaN), fit.I2, { rel: 1e-12, label: 'I2' });
  });

  it('differs from metafor’s τ²-based I² when given the REML fits (22.59 % vs 20.95 % and 22.48 % vs 23.16 %)', () => {
    for (const measure of ['PLO', 'PFT']) {
      const fit = fitOf(measure, 'REML');
      expect(Math.abs(100 * (higginsI2(fit.QE, fit.QE_df) ?? Number.NaN) - fit.I2)).toBeGreaterThan(0.5);
    }
  });

  it('gives 0 when Q does not exceed its df, including Q = 0', () => {
    expect(higginsI2(3.2, 6)).toBe(0);
    expect(higginsI2(6, 6)).toBe(0);
    expect(higginsI2(0, 6)).toBe(0);
  });

  it('gives null (R: NA) when there are no degrees of freedom', () => {
    expect(higginsI2(0, 0)).toBeNull();
  });

  it('rejects a negative Q or a fractional df when given one', () => {
    expect(() => higginsI2(-1, 3)).toThrow(RangeError);
    expect(() => higginsI2(4, 2.5)).toThrow(RangeError);
  });
});
