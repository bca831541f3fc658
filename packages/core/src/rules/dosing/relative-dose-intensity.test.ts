import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../../domain/calendar-date.ts';
import type { BortezomibAdministration } from './bortezomib-cycles.ts';
import {
  defaultRelativeDoseIntensitySettings,
  deriveRelativeDoseIntensity,
  type RelativeDoseIntensitySettings,
} from './relative-dose-intensity.ts';

function dose(date: string, doseMgPerM2: number, doseMg?: number): BortezomibAdministration {
  return doseMg === undefined
    ? { date: toCalendarDate(date), doseMgPerM2 }
    : { date: toCalendarDate(date), doseMgPerM2, doseMg };
}

const asPlanned = [
  ...['2006-01-02', '2006-01-05', '2006-01-09', '2006-01-12'].map((date) => dose(date, 1.3)),
  ...['2006-01-23', '2006-01-26', '2006-01-30', '2006-02-02'].map((date) => dose(date, 1.3)),
];

// Cycle 1 as planned (4 × 1.3); cycle 2 one week late (2006-01-30 = day 29), reduced to 1.0 mg/m²,
// the day-11 dose withheld: delivered 5.2 + 3.0 = 8.2 mg/m².
const delayedAndReduced = [
  ...['2006-01-02', '2006-01-05', '2006-01-09', '2006-01-12'].map((date) => dose(date, 1.3)),
  ...['2006-01-30', '2006-02-02', '2006-02-06'].map((date) => dose(date, 1.0)),
];

function rdi(
  administrations: readonly BortezomibAdministration[],
  overrides: Partial<RelativeDoseIntensitySettings> = {},
) {
  return deriveRelativeDoseIntensity({ administrations }, { ...defaultRelativeDoseIntensitySettings, ...overrides });
}

describe('deriveRelativeDoseIntensity (clinical-spec.md §6.5)', () => {
  it('gives RDI 1 and 1.733 mg/m²/week for two cycles given exactly as planned (§6.5)', () => {
    const result = rdi(asPlanned);
    // Planned and delivered: 8 × 1.3 = 10.4 mg/m² over 2 × 21 = 42 days = 1.7333 mg/m²/week.
    expect(result.plannedDoseIntensityMgPerM2PerWeek).toBeCloseTo(1.733333333, 8);
    expect(result.deliveredDoseIntensityMgPerM2PerWeek).toBeCloseTo(1.733333333, 8);
    expect(result.relativeDoseIntensity).toBeCloseTo(1, 12);
    expect(result.relativeTotalDose).toBeCloseTo(1, 12);
    expect(result.actualDurationDays).toBe(42);
  });

  it('gives RDI 0.6758 when cycle 2 is a week late, reduced and one dose withheld (§6.5 defaults worked by hand)', () => {
    // Delivered 8.2 mg/m² over (28 + 21) = 49 days = 1.1714 /week; planned 10.4 over 42 = 1.7333 /week.
    // RDI = (8.2 / 10.4) × (42 / 49) = 0.78846 × 0.85714 = 0.67582.
    const result = rdi(delayedAndReduced);
    expect(result.cycleCount).toBe(2);
    expect(result.deliveredDoseMgPerM2).toBeCloseTo(8.2, 12);
    expect(result.plannedDoseMgPerM2).toBeCloseTo(10.4, 12);
    expect(result.actualDurationDays).toBe(49);
    expect(result.plannedDurationDays).toBe(42);
    expect(result.deliveredDoseIntensityMgPerM2PerWeek).toBeCloseTo(1.171428571, 8);
    expect(result.relativeTotalDose).toBeCloseTo(0.788461538, 8);
    expect(result.relativeDoseIntensity).toBeCloseTo(0.675824176, 8);
    expect(result.explanation.text).toContain('RDI 67.6 % = delivered 8.2 mg/m² over 49 days');
    expect(result.explanation.text).toContain('1 withheld or missed dose counted as planned');
  });

  it('measures both durations to the last dose when duration = to-last-dose (§6.5 [IMPL])', () => {
    // Actual 2006-01-02 → 2006-02-06 = 35 days; planned (2 − 1) × 21 + 11 − 1 = 31 days.
    // RDI = (8.2 / 10.4) × (31 / 35) = 0.69835.
    const result = rdi(delayedAndReduced, { duration: 'to-last-dose' });
    expect(result.actualDurationDays).toBe(35);
    expect(result.plannedDurationDays).toBe(31);
    expect(result.relativeDoseIntensity).toBeCloseTo(0.698351648, 8);
    expect(rdi(asPlanned, { duration: 'to-last-dose' }).relativeDoseIntensity).toBeCloseTo(1, 12);
  });

  it('drops the withheld dose from the plan when withheldDoses = exclude-from-plan (§6.5 [IMPL])', () => {
    // Planned 7 × 1.3 = 9.1 mg/m²: relative total dose 8.2 / 9.1 = 0.90110; RDI 0.90110 × 42 / 49 = 0.77237.
    const result = rdi(delayedAndReduced, { withheldDoses: 'exclude-from-plan' });
    expect(result.plannedDoseMgPerM2).toBeCloseTo(9.1, 12);
    expect(result.relativeTotalDose).toBeCloseTo(0.901098901, 8);
    expect(result.relativeDoseIntensity).toBeCloseTo(0.772370487, 8);
  });

  it('changes the relative total dose but not the RDI when 8 cycles were planned (§6.5 [IMPL])', () => {
    // Planned 8 × 4 × 1.3 = 41.6 mg/m² over 168 days: same 1.7333 /week; relative total dose 8.2 / 41.6 = 0.19712.
    const result = rdi(delayedAndReduced, { plannedCycleCount: 8 });
    expect(result.plannedDoseMgPerM2).toBeCloseTo(41.6, 12);
    expect(result.relativeTotalDose).toBeCloseTo(0.197115385, 8);
    expect(result.relativeDoseIntensity).toBeCloseTo(0.675824176, 8);
  });

  it.each([
    // [BSA basis, RDI] — 2.4 mg per dose at 170 cm/70 kg (1.81812 m²), 2.2 mg at 60 kg in cycle 2 (1.68325 m²)
    ['per-cycle', 1.010400228],
    ['baseline', 0.973110712],
  ] as const)(
    'divides recorded mg by the %s BSA when weights are given (§6.5 [IMPL])',
    (bodySurfaceAreaBasis, expected) => {
      const administrations = [
        ...['2006-01-02', '2006-01-05', '2006-01-09', '2006-01-12'].map((date) => dose(date, 1.3, 2.4)),
        ...['2006-01-23', '2006-01-26', '2006-01-30', '2006-02-02'].map((date) => dose(date, 1.3, 2.2)),
      ];
      const result = deriveRelativeDoseIntensity(
        {
          administrations,
          bodyMeasurements: [
            { date: toCalendarDate('2005-12-28'), heightCm: 170, weightKg: 70 },
            { date: toCalendarDate('2006-01-20'), heightCm: 170, weightKg: 60 },
          ],
        },
        { ...defaultRelativeDoseIntensitySettings, bodySurfaceAreaBasis },
      );
      expect(result.relativeDoseIntensity).toBeCloseTo(expected, 8);
      expect(result.explanation.text).toContain('delivered dose as mg ÷ BSA');
    },
  );

  it('uses the recorded cycle starts when given, counting a cycle with every dose withheld (§6.5)', () => {
    const result = deriveRelativeDoseIntensity(
      {
        administrations: asPlanned.slice(0, 4),
        cycleStartDates: [toCalendarDate('2006-01-02'), toCalendarDate('2006-01-23')],
      },
      defaultRelativeDoseIntensitySettings,
    );
    // 5.2 of 10.4 mg/m² over 42 of 42 days.
    expect(result.relativeDoseIntensity).toBeCloseTo(0.5, 12);
  });

  it('reports no RDI for a single dose when measured to the last dose (§6.5 [IMPL])', () => {
    const result = rdi([dose('2006-01-02', 1.3)], { duration: 'to-last-dose' });
    expect(result.relativeDoseIntensity).toBeNull();
    expect(result.explanation.text).toContain('RDI not computable');
  });

  it('rejects an empty course or a non-integer planned cycle count', () => {
    expect(() => rdi([])).toThrow(RangeError);
    expect(() => rdi(asPlanned, { plannedCycleCount: 1.5 })).toThrow(RangeError);
  });
});
