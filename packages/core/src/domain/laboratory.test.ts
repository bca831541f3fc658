import { describe, expect, it } from 'vitest';
import { convertToCanonicalUnit } from './laboratory.ts';

// clinical-spec.md, "Unit conversions": converted once at the edge; unknown units are errors.
describe('convertToCanonicalUnit', () => {
  it.each([
    ['serum_m_protein', 34, 'g/L', 3.4],
    ['flc_kappa', 250, 'mg/L', 25],
    ['creatinine', 176.8, 'µmol/L', 2],
    ['calcium', 2.495, 'mmol/L', 10],
    ['hemoglobin', 95, 'g/L', 9.5],
    ['platelets', 25000, '/µL', 25],
    ['urine_m_protein', 0.2, 'g/24h', 200],
    ['uric_acid', 594.8, 'umol/L', 10],
    ['phosphate', 1.6145, 'mmol/L', 5],
  ] as const)('converts %s %s %s to %s in the canonical unit', (test, value, unit, expected) => {
    const result = convertToCanonicalUnit(test, value, unit);
    expect(result.ok && result.value).toBeCloseTo(expected, 10);
  });

  it('refuses an unknown unit instead of guessing when the unit is not listed', () => {
    const result = convertToCanonicalUnit('creatinine', 1.2, 'mg%');
    expect(result).toEqual({
      ok: false,
      message: 'unit "mg%" is not accepted for creatinine (accepted: mg/dL, umol/L, µmol/L)',
    });
  });
});
