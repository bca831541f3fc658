import { describe, expect, it } from 'vitest';
import { estimateTextWidth } from './estimate-text-width.ts';

describe('estimateTextWidth', () => {
  it('uses Arial advance widths when measuring digits and letters', () => {
    // Digits are 556/1000 em in Arial / Liberation Sans; "/" is 278.
    expect(estimateTextWidth('12/25', 12)).toBeCloseTo((4 * 556 + 278) * 0.012, 6);
    expect(estimateTextWidth('', 12)).toBe(0);
  });

  it('measures bold text wider when the letters differ in weight', () => {
    expect(estimateTextWidth('Random-effects model', 12, true)).toBeGreaterThan(
      estimateTextWidth('Random-effects model', 12),
    );
  });

  it('counts unknown characters as wide letters when they are outside the table', () => {
    expect(estimateTextWidth('λ', 10)).toBeCloseTo(6.67, 2);
    expect(estimateTextWidth('–', 10)).toBeCloseTo(5.56, 2);
  });
});
