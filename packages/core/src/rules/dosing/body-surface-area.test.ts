import { describe, expect, it } from 'vitest';
import { deriveBodySurfaceArea, roundHalfAwayFromZero } from './body-surface-area.ts';

// clinical-spec.md §6.2: Mosteller √(H × W / 3600); DuBois 0.007184 × W^0.425 × H^0.725 (H cm, W kg).
// Expected values worked by hand: √(170 × 70 / 3600) = √3.30556 = 1.81812; DuBois 170 cm, 70 kg = 1.80971
// (published calculators print 1.82 and 1.81 m²).
describe('deriveBodySurfaceArea', () => {
  it.each([
    // [height cm, weight kg, formula, BSA m²]
    [170, 70, 'mosteller', 1.818118685772619],
    [170, 70, 'du-bois', 1.809707801753247],
    [160, 50, 'mosteller', 1.4907119849998598],
    [160, 50, 'du-bois', 1.501120524208146],
    [183, 95, 'mosteller', 2.19753649950727],
    [183, 95, 'du-bois', 2.1735813345684085],
  ] as const)(
    'computes %s cm, %s kg by %s as %s m² when not rounded (§6.2)',
    (heightCm, weightKg, formula, expected) => {
      const result = deriveBodySurfaceArea({ heightCm, weightKg }, { formula, bodySurfaceAreaDecimals: null });
      expect(result.bodySurfaceAreaM2).toBeCloseTo(expected, 12);
      expect(result.unroundedM2).toBe(result.bodySurfaceAreaM2);
    },
  );

  it('uses Mosteller, unrounded, when no settings are given (§6.2 default none)', () => {
    const result = deriveBodySurfaceArea({ heightCm: 170, weightKg: 70 });
    expect(result.formula).toBe('mosteller');
    expect(result.bodySurfaceAreaM2).toBeCloseTo(1.818118685772619, 12);
    expect(result.explanation.ruleId).toBe('body-surface-area-mosteller');
    expect(result.explanation.text).toContain('√(170 × 70 / 3600)');
    expect(result.explanation.text).toContain('not rounded');
  });

  it.each([
    ['mosteller', 2, 1.82],
    ['du-bois', 2, 1.81],
    ['mosteller', 1, 1.8],
  ] as const)('rounds the %s BSA to %s decimals when the setting asks (§6.2 [U])', (formula, decimals, expected) => {
    const result = deriveBodySurfaceArea(
      { heightCm: 170, weightKg: 70 },
      { formula, bodySurfaceAreaDecimals: decimals },
    );
    expect(result.bodySurfaceAreaM2).toBe(expected);
    expect(result.explanation.text).toContain(`rounded to ${decimals} decimals`);
  });

  it.each([
    [0, 70],
    [170, 0],
    [-170, 70],
    [Number.NaN, 70],
    [170, Number.POSITIVE_INFINITY],
  ])('rejects height %s cm and weight %s kg when not positive and finite', (heightCm, weightKg) => {
    expect(() => deriveBodySurfaceArea({ heightCm, weightKg })).toThrow(RangeError);
  });

  it('rejects a negative or fractional number of decimals when given one', () => {
    expect(() =>
      deriveBodySurfaceArea({ heightCm: 170, weightKg: 70 }, { formula: 'mosteller', bodySurfaceAreaDecimals: -1 }),
    ).toThrow(RangeError);
    expect(() =>
      deriveBodySurfaceArea({ heightCm: 170, weightKg: 70 }, { formula: 'mosteller', bodySurfaceAreaDecimals: 1.5 }),
    ).toThrow(RangeError);
  });
});

describe('roundHalfAwayFromZero', () => {
  it.each([
    [1.005, 2, 1.01],
    [1.0049, 2, 1],
    [1.815, 2, 1.82],
    [1.8149999, 2, 1.81],
    [2.5, 0, 3],
  ])('rounds %s to %s decimals as %s when the half falls on a binary boundary', (value, decimals, expected) => {
    expect(roundHalfAwayFromZero(value, decimals)).toBe(expected);
  });
});
