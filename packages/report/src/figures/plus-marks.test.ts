import { describe, expect, it } from 'vitest';
import { countPlusMarks, plusArmLength, plusMarksPath } from './plus-marks.ts';

describe('plusArmLength', () => {
  it('gives the arm of d3 symbolPlus for a dot of radius 4 (6.08 px, as Plot drew it)', () => {
    expect(plusArmLength(4)).toBeCloseTo(6.083, 3);
  });
});

describe('plusMarksPath', () => {
  it('draws one horizontal and one vertical bar per mark, skipping points without a position', () => {
    const path = plusMarksPath([0, 1, 2], [10, 20.123, Number.NaN], [5, 6, 7], 2);
    expect(path).toBe('M8,5h4M10,7v-4M18.12,6h4M20.12,8v-4');
    expect(countPlusMarks(path)).toBe(2);
  });

  it('draws nothing when there is no mark', () => {
    expect(plusMarksPath([], [], [], 6)).toBe('');
  });
});
