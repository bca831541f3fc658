import { describe, expect, it } from 'vitest';
import { patient } from './endpoint-test-patient.ts';
import { defaultEndpointSettings, defaultMissedAssessmentCensoring, type EndpointSettings } from './endpoint-types.ts';
import { deriveTimeToProgression } from './time-to-progression.ts';

const deathDateCensoring: EndpointSettings = {
  ...defaultEndpointSettings,
  deathWithoutProgressionCensoring: 'death-date',
};
const deathFromPdCensored: EndpointSettings = { ...defaultEndpointSettings, deathFromProgression: 'censor' };
const newTherapyEvent: EndpointSettings = { ...defaultEndpointSettings, newTherapyWithoutProgression: 'event' };
const missedOn: EndpointSettings = { ...defaultEndpointSettings, missedAssessments: defaultMissedAssessmentCensoring };

const diedOn0301 = { deathDate: '2006-03-01', assessmentDates: ['2006-01-31', '2006-02-21'] } as const;

describe('deriveTimeToProgression (clinical-spec.md §8)', () => {
  it.each([
    // [case, patient, settings, event, date, days, reason]
    [
      'progression',
      patient({ progressionDate: '2006-04-25' }),
      defaultEndpointSettings,
      true,
      '2006-04-25',
      105,
      'progression',
    ],
    [
      'death of unknown cause, censored at the last assessment',
      patient(diedOn0301),
      defaultEndpointSettings,
      false,
      '2006-02-21',
      42,
      'censored-death-without-progression',
    ],
    [
      'death of another cause, censored at the death date',
      patient({ ...diedOn0301, deathCause: 'other' }),
      deathDateCensoring,
      false,
      '2006-03-01',
      50,
      'censored-death-without-progression',
    ],
    [
      'death from progression, an event by default',
      patient({ ...diedOn0301, deathCause: 'progression' }),
      defaultEndpointSettings,
      true,
      '2006-03-01',
      50,
      'death-from-progression',
    ],
    [
      'death from progression, censored by setting',
      patient({ ...diedOn0301, deathCause: 'progression' }),
      deathFromPdCensored,
      false,
      '2006-02-21',
      42,
      'censored-death-without-progression',
    ],
    [
      'death before any assessment',
      patient({ deathDate: '2006-01-25', assessmentDates: [] }),
      defaultEndpointSettings,
      false,
      '2006-01-10',
      0,
      'censored-death-without-progression',
    ],
    [
      'new therapy without PD, censored',
      patient({ nextTherapyStartDate: '2006-04-10' }),
      defaultEndpointSettings,
      false,
      '2006-04-04',
      84,
      'censored-new-therapy-without-progression',
    ],
    [
      'new therapy without PD, as event',
      patient({ nextTherapyStartDate: '2006-04-10' }),
      newTherapyEvent,
      true,
      '2006-04-10',
      90,
      'new-therapy-without-progression',
    ],
    ['no event', patient(), defaultEndpointSettings, false, '2006-05-16', 126, 'censored-at-last-adequate-assessment'],
    [
      'no post-baseline assessment',
      patient({ assessmentDates: [] }),
      defaultEndpointSettings,
      false,
      '2006-01-10',
      0,
      'censored-no-post-baseline-assessment',
    ],
  ] as const)('ends in %s (§8, §8.1)', (_case, input, settings, event, date, days, kind) => {
    const result = deriveTimeToProgression(input, settings);
    expect(result.reason.kind).toBe(kind);
    expect(result.event).toBe(event);
    expect(result.date).toBe(date);
    expect(result.days).toBe(days);
    expect(result.explanation.ruleId).toBe('endpoint-time-to-progression');
  });

  it('records the cause of a censored death and says why in the explanation (§8)', () => {
    const result = deriveTimeToProgression(patient(diedOn0301));
    expect(result.reason).toEqual({
      kind: 'censored-death-without-progression',
      deathDate: '2006-03-01',
      deathCause: 'unknown',
    });
    expect(result.explanation.text).toContain(
      'death from an unknown cause on 2006-03-01 without documented PD: censored at the last adequate assessment, 2006-02-21',
    );
  });

  it.each([
    ['2006-04-11', true],
    ['2006-04-12', false],
  ])('censors a death from progression on %s after missed assessments: event = %s (§8.1)', (deathDate, event) => {
    const input = patient({ deathDate, deathCause: 'progression', assessmentDates: ['2006-01-31', '2006-02-21'] });
    expect(deriveTimeToProgression(input, missedOn).event).toBe(event);
  });
});
