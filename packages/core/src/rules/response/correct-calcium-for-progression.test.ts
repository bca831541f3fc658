import { describe, expect, it } from 'vitest';
import { correctCalciumForProgression } from './correct-calcium-for-progression.ts';

describe('correctCalciumForProgression (clinical-spec.md §4.1, §1.4)', () => {
  it.each([
    [10, 3, 4, 10.8, true, 'low albumin raises the corrected value: 10 + 0.8 × (4 − 3)'],
    [12, 4.5, 4, 11.6, true, 'high albumin lowers it: 12 + 0.8 × (4 − 4.5)'],
    [11, 4, 4, 11, true, 'albumin at the reference leaves it unchanged'],
    [11.7, Number.NaN, 4, 11.7, false, 'without albumin the measured value is used, flagged uncorrected'],
  ])(
    'corrects calcium %s with albumin %s (reference %s) to %s when %s',
    (calcium, albumin, reference, expected, isCorrected) => {
      const result = correctCalciumForProgression(calcium, albumin, reference);
      expect(result.valueMgPerDl).toBeCloseTo(expected, 12);
      expect(result.isCorrected).toBe(isCorrected);
    },
  );
});
