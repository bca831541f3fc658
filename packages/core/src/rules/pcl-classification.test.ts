import { describe, expect, it } from 'vitest';
import { classifyPlasmaCellLeukaemia, deriveAbsolutePlasmaCellCount } from './pcl-classification.ts';

// clinical-spec.md §5: IMWG 2003 "> 20 % and/or > 2 × 10⁹/L" (strict), IMWG 2021 "≥ 5 %".
describe('classifyPlasmaCellLeukaemia (clinical-spec.md §5)', () => {
  it.each([
    // [PC %, WBC, 2003 met, 2021 met, why]
    [20, 10, false, true, '20 % is not > 20 % and 2.0 × 10⁹/L is not > 2'],
    [20.5, 5, true, true, 'just above 20 % on the percentage alone'],
    [10, 20.01, true, true, 'absolute 2.001 × 10⁹/L > 2 on the count alone'],
    [10, 20, false, true, 'absolute exactly 2 × 10⁹/L is not > 2'],
    [5, 4, false, true, 'exactly 5 % meets 2021 (≥)'],
    [4.99, 4, false, false, 'just below 5 % meets neither'],
    [100, 2, true, true, 'Musto patient 12: 100 % of WBC 2 × 10⁹/L, absolute exactly 2'],
  ])('classifies %s %% of WBC %s as 2003=%s, 2021=%s when %s', (percent, wbc, met2003, met2021) => {
    const result = classifyPlasmaCellLeukaemia({
      peripheralBloodPlasmaCellsPercent: percent,
      whiteBloodCellsPer1e9L: wbc,
    });
    expect(result.imwg2003.isMet).toBe(met2003);
    expect(result.imwg2021.isMet).toBe(met2021);
  });

  it('explains both thresholds of the 2003 definition when one is met and the other missed', () => {
    const result = classifyPlasmaCellLeukaemia({ peripheralBloodPlasmaCellsPercent: 22, whiteBloodCellsPer1e9L: 12 });
    expect(result.absolutePlasmaCellsPer1e9L).toBeCloseTo(2.64, 12);
    expect(result.imwg2003.explanation.ruleId).toBe('pcl-imwg-2003');
    expect(result.imwg2003.explanation.checks.map((check) => check.isMet)).toEqual([true, true]);
    expect(result.imwg2003.explanation.text).toContain('PB plasma cells 22 % > 20 %');
  });

  it('rejects a percentage above 100 when given one', () => {
    expect(() =>
      classifyPlasmaCellLeukaemia({ peripheralBloodPlasmaCellsPercent: 120, whiteBloodCellsPer1e9L: 5 }),
    ).toThrow(RangeError);
  });
});

describe('deriveAbsolutePlasmaCellCount', () => {
  it('multiplies WBC by the plasma cell fraction when both are given', () => {
    expect(
      deriveAbsolutePlasmaCellCount({ peripheralBloodPlasmaCellsPercent: 63, whiteBloodCellsPer1e9L: 113 }),
    ).toBeCloseTo(71.19, 12);
  });
});
