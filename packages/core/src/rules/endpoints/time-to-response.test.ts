import { describe, expect, it } from 'vitest';
import { patient } from './endpoint-test-patient.ts';
import { defaultEndpointSettings, type EndpointSettings } from './endpoint-types.ts';
import { deriveTimeToResponse } from './time-to-response.ts';

const censorNonResponders: EndpointSettings = {
  ...defaultEndpointSettings,
  timeToResponseNonResponders: 'censor-at-last-adequate-assessment',
};

describe('deriveTimeToResponse (clinical-spec.md §8)', () => {
  it('is an event at the first documentation of ≥ PR (§8)', () => {
    const result = deriveTimeToResponse(patient({ firstResponseDate: '2006-01-31' }));
    expect(result).toMatchObject({ event: true, date: '2006-01-31', days: 21, reason: { kind: 'response' } });
  });

  it('is not computed for a non-responder by default (§8)', () => {
    expect(deriveTimeToResponse(patient())).toBeNull();
  });

  it.each([
    // [assessments, censor date, days]
    [['2006-01-31', '2006-02-21'], '2006-02-21', 42],
    [[], '2006-01-10', 0],
  ])('censors a non-responder with assessments %j at %s when the setting asks (§8)', (assessmentDates, date, days) => {
    const result = deriveTimeToResponse(patient({ assessmentDates }), censorNonResponders);
    expect(result).toMatchObject({ event: false, date, days, reason: { kind: 'censored-no-response' } });
  });

  it('counts from the imputed origin when timeOrigin = first-day-of-month (§0)', () => {
    const result = deriveTimeToResponse(patient({ firstResponseDate: '2006-01-31' }), {
      ...defaultEndpointSettings,
      timeOrigin: 'first-day-of-month',
    });
    expect(result?.days).toBe(30);
  });
});
