import { describe, expect, it } from 'vitest';
import { patient } from './endpoint-test-patient.ts';
import { defaultEndpointSettings, type EndpointSettings } from './endpoint-types.ts';
import { deriveTimeToNextTreatment } from './time-to-next-treatment.ts';

const deathFromPdEvent: EndpointSettings = {
  ...defaultEndpointSettings,
  timeToNextTreatmentDeathFromProgression: 'event',
};

describe('deriveTimeToNextTreatment (clinical-spec.md §8)', () => {
  it.each([
    // [case, patient, settings, event, date, days, reason]
    [
      'next therapy',
      patient({ nextTherapyStartDate: '2006-04-10' }),
      defaultEndpointSettings,
      true,
      '2006-04-10',
      90,
      'next-treatment',
    ],
    [
      'next therapy after PD',
      patient({ progressionDate: '2006-04-04', nextTherapyStartDate: '2006-04-10' }),
      defaultEndpointSettings,
      true,
      '2006-04-10',
      90,
      'next-treatment',
    ],
    [
      'alive without next therapy',
      patient(),
      defaultEndpointSettings,
      false,
      '2006-09-01',
      234,
      'censored-alive-at-last-contact',
    ],
    [
      'death without next therapy',
      patient({ deathDate: '2006-06-01', deathCause: 'other' }),
      defaultEndpointSettings,
      false,
      '2006-06-01',
      142,
      'censored-death',
    ],
    [
      'death from PD, censored by default',
      patient({ deathDate: '2006-06-01', deathCause: 'progression' }),
      defaultEndpointSettings,
      false,
      '2006-06-01',
      142,
      'censored-death',
    ],
    [
      'death from PD, event by setting',
      patient({ deathDate: '2006-06-01', deathCause: 'progression' }),
      deathFromPdEvent,
      true,
      '2006-06-01',
      142,
      'death-from-progression',
    ],
    [
      'death of another cause with the setting',
      patient({ deathDate: '2006-06-01', deathCause: 'other' }),
      deathFromPdEvent,
      false,
      '2006-06-01',
      142,
      'censored-death',
    ],
  ] as const)('ends in %s (§8)', (_case, input, settings, event, date, days, kind) => {
    const result = deriveTimeToNextTreatment(input, settings);
    expect(result.reason.kind).toBe(kind);
    expect(result.event).toBe(event);
    expect(result.date).toBe(date);
    expect(result.days).toBe(days);
  });
});
