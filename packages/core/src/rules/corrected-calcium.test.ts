import { describe, expect, it } from 'vitest';
import { correctCalciumForAlbumin } from './corrected-calcium.ts';

describe('correctCalciumForAlbumin (clinical-spec.md §4.1 [U])', () => {
  it.each([
    [10.8, 2.5, 4.0, 12.0],
    [8.0, 4.0, 4.0, 8.0],
    [9.0, 4.5, 4.0, 8.6],
    [7.6, 2.0, 4.0, 9.2],
    [10.8, 2.5, 4.4, 12.32],
  ])(
    'corrects %s mg/dL with albumin %s g/dL (reference %s) to %s when applied',
    (calcium, albumin, reference, corrected) => {
      expect(correctCalciumForAlbumin(calcium, albumin, reference)).toBeCloseTo(corrected, 12);
    },
  );

  it('uses a reference albumin of 4.0 g/dL when none is given', () => {
    expect(correctCalciumForAlbumin(9.0, 3.0)).toBeCloseTo(9.8, 12);
  });

  it.each([
    [-1, 3, 4],
    [9, 0, 4],
    [9, 3, 0],
    [Number.NaN, 3, 4],
  ])('throws a RangeError when given calcium %s, albumin %s, reference %s', (calcium, albumin, reference) => {
    expect(() => correctCalciumForAlbumin(calcium, albumin, reference)).toThrow(RangeError);
  });
});
