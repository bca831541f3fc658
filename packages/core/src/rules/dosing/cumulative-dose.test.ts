import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../../domain/calendar-date.ts';
import type { BortezomibAdministration } from './bortezomib-cycles.ts';
import { deriveCumulativeDose } from './cumulative-dose.ts';

function dose(date: string, doseMgPerM2: number, doseMg?: number): BortezomibAdministration {
  return doseMg === undefined
    ? { date: toCalendarDate(date), doseMgPerM2 }
    : { date: toCalendarDate(date), doseMgPerM2, doseMg };
}

// clinical-spec.md §6.5: cumulative dose reported in mg/m² and mg.
describe('deriveCumulativeDose', () => {
  it('sums 8 doses of 1.3 mg/m² (2.4 mg each) to 10.4 mg/m² and 19.2 mg when mg are recorded (§6.5)', () => {
    const administrations = [
      '2006-01-02',
      '2006-01-05',
      '2006-01-09',
      '2006-01-12',
      '2006-01-23',
      '2006-01-26',
      '2006-01-30',
      '2006-02-02',
    ].map((date) => dose(date, 1.3, 2.4));
    const result = deriveCumulativeDose({ administrations });
    expect(result.doseCount).toBe(8);
    expect(result.totalMgPerM2).toBeCloseTo(10.4, 12);
    expect(result.totalMg).toBeCloseTo(19.2, 12);
    expect(result.explanation.text).toBe(
      'cumulative dose 10.4 mg/m² over 8 doses from 2006-01-02 to 2006-02-02; 19.2 mg (§6.5).',
    );
  });

  it('reports no mg total when a dose has no recorded mg and no BSA is given (§6.5)', () => {
    const result = deriveCumulativeDose({ administrations: [dose('2006-01-02', 1.3, 2.4), dose('2006-01-05', 1.0)] });
    expect(result.totalMgPerM2).toBeCloseTo(2.3, 12);
    expect(result.totalMg).toBeNull();
    expect(result.explanation.text).toContain('mg total not computable: 1 dose without a recorded mg amount');
  });

  it('derives the missing mg as mg/m² × BSA when a BSA is given (§6.2, §6.5)', () => {
    const result = deriveCumulativeDose({
      administrations: [dose('2006-01-02', 1.3, 2.4), dose('2006-01-05', 1.0)],
      bodySurfaceAreaM2: 1.8,
    });
    expect(result.totalMg).toBeCloseTo(4.2, 12);
    expect(result.derivedMgDoseCount).toBe(1);
  });

  it('returns zero for an empty course and rejects a non-positive BSA', () => {
    expect(deriveCumulativeDose({ administrations: [] }).totalMgPerM2).toBe(0);
    expect(() => deriveCumulativeDose({ administrations: [], bodySurfaceAreaM2: 0 })).toThrow(RangeError);
  });
});
