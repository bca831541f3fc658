import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../domain/calendar-date.ts';
import { classifyPclOrigin } from './pcl-origin.ts';

const date = toCalendarDate;

describe('classifyPclOrigin (clinical-spec.md §5)', () => {
  it('classifies primary PCL when no myeloma was diagnosed before (§5)', () => {
    const result = classifyPclOrigin({ pclDiagnosisDate: date('2005-03-01'), priorMyelomaDiagnosisDate: null });
    expect(result.type).toBe('primary');
    expect(result.explanation.ruleId).toBe('pcl-origin');
  });

  it('classifies primary PCL when myeloma and PCL are diagnosed on the same day (§5)', () => {
    expect(
      classifyPclOrigin({ pclDiagnosisDate: date('2005-03-01'), priorMyelomaDiagnosisDate: date('2005-03-01') }).type,
    ).toBe('primary');
  });

  it('classifies secondary PCL when myeloma was diagnosed one day or more before (§5)', () => {
    const result = classifyPclOrigin({
      pclDiagnosisDate: date('2005-03-01'),
      priorMyelomaDiagnosisDate: date('2005-02-28'),
    });
    expect(result.type).toBe('secondary');
    expect(result.explanation.text).toBe(
      'Secondary PCL: leukaemic transformation 1 day after myeloma was diagnosed on 2005-02-28 (§5).',
    );
  });

  it('refuses a myeloma diagnosis dated after the PCL diagnosis', () => {
    expect(() =>
      classifyPclOrigin({ pclDiagnosisDate: date('2005-03-01'), priorMyelomaDiagnosisDate: date('2005-03-02') }),
    ).toThrow(RangeError);
  });
});
