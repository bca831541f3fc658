import { describe, expect, it } from 'vitest';
import { patient } from './endpoint-test-patient.ts';
import { defaultEndpointSettings } from './endpoint-types.ts';
import { deriveOverallSurvival } from './overall-survival.ts';

describe('deriveOverallSurvival (clinical-spec.md §8)', () => {
  it.each([
    // [case, patient, event, date, days]
    ['death', patient({ deathDate: '2006-03-01', assessmentDates: ['2006-01-31'] }), true, '2006-03-01', 50],
    ['death on the index date', patient({ deathDate: '2006-01-10', assessmentDates: [] }), true, '2006-01-10', 0],
    ['alive at last contact', patient(), false, '2006-09-01', 234],
    ['alive, assessed after the last contact', patient({ lastContactDate: '2006-05-01' }), false, '2006-05-16', 126],
    ['alive after new therapy without PD', patient({ nextTherapyStartDate: '2006-04-10' }), false, '2006-09-01', 234],
  ] as const)('ends in %s (§8)', (_case, input, event, date, days) => {
    const result = deriveOverallSurvival(input);
    expect(result.event).toBe(event);
    expect(result.date).toBe(date);
    expect(result.days).toBe(days);
    expect(result.months).toBeCloseTo(days / 30.4375, 12);
  });

  it('says when the last date known alive is later than the last contact (§8 [IMPL])', () => {
    expect(deriveOverallSurvival(patient({ lastContactDate: '2006-05-01' })).explanation.text).toContain(
      'a dated fact later than the last contact 2006-05-01',
    );
  });

  it('counts 9 more days from the imputed first day of the month (§0)', () => {
    const result = deriveOverallSurvival(patient(), { ...defaultEndpointSettings, timeOrigin: 'first-day-of-month' });
    expect(result.days).toBe(243);
    expect(result.startDate).toBe('2006-01-01');
  });

  it.each([
    ['death before the index date', { deathDate: '2006-01-09' }],
    ['progression after death', { deathDate: '2006-03-01', progressionDate: '2006-03-02', assessmentDates: [] }],
    ['last contact after death', { deathDate: '2006-03-01', lastContactDate: '2006-03-05', assessmentDates: [] }],
    ['an assessment after death', { deathDate: '2006-03-01' }],
    ['last contact before the index date', { lastContactDate: '2006-01-01' }],
    ['progression before the first response', { firstResponseDate: '2006-03-14', progressionDate: '2006-02-21' }],
  ] as const)('rejects dates that contradict each other: %s', (_case, overrides) => {
    expect(() => deriveOverallSurvival(patient(overrides))).toThrow(RangeError);
  });
});
