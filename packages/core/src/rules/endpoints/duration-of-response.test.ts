import { describe, expect, it } from 'vitest';
import { deriveDurationOfResponse } from './duration-of-response.ts';
import { patient } from './endpoint-test-patient.ts';
import { defaultEndpointSettings, defaultMissedAssessmentCensoring, type EndpointSettings } from './endpoint-types.ts';

const monthOrigin: EndpointSettings = { ...defaultEndpointSettings, timeOrigin: 'first-day-of-month' };
const missedOn: EndpointSettings = { ...defaultEndpointSettings, missedAssessments: defaultMissedAssessmentCensoring };

describe('deriveDurationOfResponse (clinical-spec.md §8)', () => {
  it('is not defined for a non-responder (§8.1)', () => {
    expect(deriveDurationOfResponse(patient({ progressionDate: '2006-04-25' }))).toBeNull();
  });

  it.each([
    // [case, patient, event, date, days from 2006-01-31, reason]
    [
      'progression',
      patient({ firstResponseDate: '2006-01-31', progressionDate: '2006-04-25' }),
      true,
      '2006-04-25',
      84,
      'progression',
    ],
    [
      'death from progression',
      patient({
        firstResponseDate: '2006-01-31',
        deathDate: '2006-03-01',
        deathCause: 'progression',
        assessmentDates: ['2006-01-31', '2006-02-21'],
      }),
      true,
      '2006-03-01',
      29,
      'death-from-progression',
    ],
    [
      'death of another cause',
      patient({
        firstResponseDate: '2006-01-31',
        deathDate: '2006-03-01',
        deathCause: 'other',
        assessmentDates: ['2006-01-31', '2006-02-21'],
      }),
      false,
      '2006-02-21',
      21,
      'censored-death-without-progression',
    ],
    [
      'no progression',
      patient({ firstResponseDate: '2006-01-31' }),
      false,
      '2006-05-16',
      105,
      'censored-at-last-adequate-assessment',
    ],
    [
      'response at the last assessment',
      patient({ firstResponseDate: '2006-01-31', assessmentDates: ['2006-01-31'] }),
      false,
      '2006-01-31',
      0,
      'censored-at-last-adequate-assessment',
    ],
    [
      'new therapy without PD',
      patient({ firstResponseDate: '2006-01-31', nextTherapyStartDate: '2006-04-10' }),
      false,
      '2006-04-04',
      63,
      'censored-new-therapy-without-progression',
    ],
  ] as const)('ends in %s, counted from the first ≥ PR (§8)', (_case, input, event, date, days, kind) => {
    const result = deriveDurationOfResponse(input);
    expect(result?.reason.kind).toBe(kind);
    expect(result?.event).toBe(event);
    expect(result?.date).toBe(date);
    expect(result?.days).toBe(days);
    expect(result?.startDate).toBe('2006-01-31');
  });

  it('does not move with the time-origin imputation (§0, §8)', () => {
    const input = patient({ firstResponseDate: '2006-01-31', progressionDate: '2006-04-25' });
    expect(deriveDurationOfResponse(input, monthOrigin)?.days).toBe(84);
  });

  it('counts missed assessments from the response when no later assessment exists (§8.1)', () => {
    // Response 2006-01-31, PD 2006-03-22 = 50 days later with nothing between: 2 missed → censored at the response.
    const input = patient({
      firstResponseDate: '2006-01-31',
      progressionDate: '2006-03-22',
      assessmentDates: ['2006-01-31', '2006-03-22'],
      lastAdequateAssessmentDate: '2006-01-31',
    });
    const result = deriveDurationOfResponse(input, missedOn);
    expect(result?.reason.kind).toBe('censored-missed-assessments');
    expect(result?.days).toBe(0);
  });

  it('rejects a first response dated after the next therapy started', () => {
    expect(() =>
      deriveDurationOfResponse(patient({ firstResponseDate: '2006-04-25', nextTherapyStartDate: '2006-04-10' })),
    ).toThrow(RangeError);
  });
});
