import { describe, expect, it } from 'vitest';
import { deriveAbsoluteDose } from './absolute-dose.ts';

// clinical-spec.md §6.2: dose (mg) = dose level (mg/m²) × BSA; cap and rounding institutional, default none.
describe('deriveAbsoluteDose', () => {
  it('multiplies the dose level by the BSA with no cap and no rounding by default (§6.2)', () => {
    const result = deriveAbsoluteDose({ doseMgPerM2: 1.3, bodySurfaceAreaM2: 1.818118685772619 });
    expect(result.doseMg).toBeCloseTo(2.3635542915, 9);
    expect(result.isCapped).toBe(false);
    expect(result.explanation.text).toBe('dose 2.3636 mg = 1.3 mg/m² × 1.8181 m² (no BSA cap; not rounded; §6.2).');
  });

  it.each([
    // [BSA, cap, capped?, dose mg]
    [1.99, 2, false, 2.587],
    [2, 2, false, 2.6],
    [2.01, 2, true, 2.6],
    [2.4, 2.2, true, 2.86],
  ])('caps BSA %s m² at %s m² only when above the cap (§6.2 [U] setting)', (bodySurfaceAreaM2, cap, capped, doseMg) => {
    const result = deriveAbsoluteDose(
      { doseMgPerM2: 1.3, bodySurfaceAreaM2 },
      { bodySurfaceAreaCapM2: cap, doseRoundingIncrementMg: null },
    );
    expect(result.isCapped).toBe(capped);
    expect(result.doseMg).toBeCloseTo(doseMg, 12);
    expect(result.explanation.checks[0]?.isMet).toBe(capped);
  });

  it.each([
    // [dose level, BSA, increment, dose mg]
    [1.3, 1.818118685772619, 0.1, 2.4],
    [1.0, 1.84, 0.1, 1.8],
    [1.0, 1.85, 0.1, 1.9],
    [0.7, 1.5, 0.05, 1.05],
  ])(
    'rounds %s mg/m² × %s m² to the nearest %s mg when the setting asks (§6.2 [U])',
    (doseMgPerM2, bodySurfaceAreaM2, increment, expected) => {
      const result = deriveAbsoluteDose(
        { doseMgPerM2, bodySurfaceAreaM2 },
        { bodySurfaceAreaCapM2: null, doseRoundingIncrementMg: increment },
      );
      expect(result.doseMg).toBe(expected);
      expect(result.explanation.text).toContain(`rounded to the nearest ${increment} mg`);
    },
  );

  it.each([
    [
      { doseMgPerM2: 0, bodySurfaceAreaM2: 1.8 },
      { bodySurfaceAreaCapM2: null, doseRoundingIncrementMg: null },
    ],
    [
      { doseMgPerM2: 1.3, bodySurfaceAreaM2: -1 },
      { bodySurfaceAreaCapM2: null, doseRoundingIncrementMg: null },
    ],
    [
      { doseMgPerM2: 1.3, bodySurfaceAreaM2: 1.8 },
      { bodySurfaceAreaCapM2: 0, doseRoundingIncrementMg: null },
    ],
    [
      { doseMgPerM2: 1.3, bodySurfaceAreaM2: 1.8 },
      { bodySurfaceAreaCapM2: null, doseRoundingIncrementMg: 0 },
    ],
  ])('rejects non-positive inputs or settings when given %o', (input, settings) => {
    expect(() => deriveAbsoluteDose(input, settings)).toThrow(RangeError);
  });
});
