import { describe, expect, it } from 'vitest';
import { daysPerMonth } from '../../domain/calendar-date.ts';
import { patient } from './endpoint-test-patient.ts';
import { defaultEndpointSettings, defaultMissedAssessmentCensoring, type EndpointSettings } from './endpoint-types.ts';
import { deriveProgressionFreeSurvival } from './progression-free-survival.ts';

const missedOn: EndpointSettings = { ...defaultEndpointSettings, missedAssessments: defaultMissedAssessmentCensoring };
const newTherapyEvent: EndpointSettings = { ...defaultEndpointSettings, newTherapyWithoutProgression: 'event' };
const monthOrigin: EndpointSettings = { ...defaultEndpointSettings, timeOrigin: 'first-day-of-month' };

describe('deriveProgressionFreeSurvival (clinical-spec.md §8, §8.1)', () => {
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
      'death without progression',
      patient({ deathDate: '2006-03-01', assessmentDates: ['2006-01-31', '2006-02-21'] }),
      defaultEndpointSettings,
      true,
      '2006-03-01',
      50,
      'death-without-progression',
    ],
    [
      'death before any assessment',
      patient({ deathDate: '2006-01-25', assessmentDates: [] }),
      defaultEndpointSettings,
      true,
      '2006-01-25',
      15,
      'death-without-progression',
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
    [
      'only a baseline assessment',
      patient({ assessmentDates: ['2006-01-09'], lastAdequateAssessmentDate: '2006-01-09' }),
      defaultEndpointSettings,
      false,
      '2006-01-10',
      0,
      'censored-no-post-baseline-assessment',
    ],
    [
      'new therapy without PD, censored',
      patient({ nextTherapyStartDate: '2006-04-10', assessmentDates: everyCycleTo('2006-04-04') }),
      defaultEndpointSettings,
      false,
      '2006-04-04',
      84,
      'censored-new-therapy-without-progression',
    ],
    [
      'new therapy without PD, as event',
      patient({ nextTherapyStartDate: '2006-04-10', assessmentDates: everyCycleTo('2006-04-04') }),
      newTherapyEvent,
      true,
      '2006-04-10',
      90,
      'new-therapy-without-progression',
    ],
    [
      'PD after new therapy not counted',
      patient({ progressionDate: '2006-05-16', nextTherapyStartDate: '2006-04-10' }),
      defaultEndpointSettings,
      false,
      '2006-04-04',
      84,
      'censored-new-therapy-without-progression',
    ],
    [
      'PD on the day new therapy starts',
      patient({ progressionDate: '2006-04-10', nextTherapyStartDate: '2006-04-10' }),
      defaultEndpointSettings,
      true,
      '2006-04-10',
      90,
      'progression',
    ],
    [
      'death after new therapy without PD',
      patient({ nextTherapyStartDate: '2006-04-10', deathDate: '2006-06-01' }),
      defaultEndpointSettings,
      false,
      '2006-04-04',
      84,
      'censored-new-therapy-without-progression',
    ],
    [
      'new therapy before any assessment',
      patient({ nextTherapyStartDate: '2006-01-20' }),
      defaultEndpointSettings,
      false,
      '2006-01-10',
      0,
      'censored-new-therapy-without-progression',
    ],
  ] as const)('ends in %s (§8.1)', (_case, input, settings, event, date, days, kind) => {
    const result = deriveProgressionFreeSurvival(input, settings);
    expect(result.reason.kind).toBe(kind);
    expect(result.event).toBe(event);
    expect(result.date).toBe(date);
    expect(result.days).toBe(days);
    expect(result.months).toBeCloseTo(days / 30.4375, 12);
    expect(result.explanation.ruleId).toBe('endpoint-progression-free-survival');
  });

  it.each([
    // [new therapy start, censor date] — the last adequate assessment on or before the start
    ['2006-04-04', '2006-04-04'],
    ['2006-04-03', '2006-03-14'],
  ])(
    'censors at the last adequate assessment on or before a new therapy starting %s (§8.1 [IMPL])',
    (start, censor) => {
      const result = deriveProgressionFreeSurvival(patient({ nextTherapyStartDate: start }));
      expect(result.date).toBe(censor);
      expect(result.reason).toEqual({
        kind: 'censored-new-therapy-without-progression',
        nextTherapyStartDate: start,
        lastAdequateAssessmentDate: censor,
      });
    },
  );

  it.each([
    // [PD date, gap from 2006-02-21, missed, censored?] — every 21 days, 7-day window, ≥ 2 missed censor
    ['2006-03-14', 21, 0, false],
    ['2006-04-11', 49, 1, false],
    ['2006-04-12', 50, 2, true],
    ['2006-05-16', 84, 3, true],
  ])(
    'handles PD on %s, %s days after the last assessment (%s missed): censored = %s (§8.1 missed assessments)',
    (progressionDate, _gap, missed, censored) => {
      const input = patient({
        progressionDate,
        assessmentDates: ['2006-01-31', '2006-02-21', progressionDate],
        lastAdequateAssessmentDate: '2006-02-21',
      });
      const result = deriveProgressionFreeSurvival(input, missedOn);
      expect(result.event).toBe(!censored);
      expect(result.date).toBe(censored ? '2006-02-21' : progressionDate);
      if (censored) {
        expect(result.reason).toEqual({
          kind: 'censored-missed-assessments',
          missedAssessments: missed,
          eventKind: 'progression',
          eventDate: progressionDate,
          lastAdequateAssessmentDate: '2006-02-21',
        });
        expect(result.explanation.checks[0]).toMatchObject({ value: missed, threshold: 2, isMet: true });
      }
      // The rule is off by default: PD is always the event.
      expect(deriveProgressionFreeSurvival(input).event).toBe(true);
    },
  );

  it.each([
    // [death date, censored?] — a death 50 days after the last assessment, before PD
    ['2006-04-11', false],
    ['2006-04-12', true],
  ])('applies the missed-assessment rule to a death without PD on %s: censored = %s (§8.1)', (deathDate, censored) => {
    const result = deriveProgressionFreeSurvival(
      patient({ deathDate, assessmentDates: ['2006-01-31', '2006-02-21'] }),
      missedOn,
    );
    expect(result.reason.kind).toBe(censored ? 'censored-missed-assessments' : 'death-without-progression');
  });

  it('counts missed assessments from the index date when there was none after it (§8.1)', () => {
    // Death 2006-03-01 = day 50 after the index with no assessment: 2 missed → censored at the index date.
    const result = deriveProgressionFreeSurvival(patient({ deathDate: '2006-03-01', assessmentDates: [] }), missedOn);
    expect(result.reason).toMatchObject({ kind: 'censored-missed-assessments', lastAdequateAssessmentDate: null });
    expect(result.date).toBe('2006-01-10');
    expect(result.days).toBe(0);
  });

  it('uses the interval and threshold settings of the missed-assessment rule (§8.1 [IMPL])', () => {
    const monthly: EndpointSettings = {
      ...defaultEndpointSettings,
      missedAssessments: { kind: 'censor', assessmentIntervalDays: 28, windowDays: 0, consecutiveMissed: 1 },
    };
    // 2006-02-21 → 2006-03-22 = 29 days: the assessment due on day 28 was missed.
    const input = patient({
      progressionDate: '2006-03-22',
      assessmentDates: ['2006-02-21', '2006-03-22'],
      lastAdequateAssessmentDate: '2006-02-21',
    });
    expect(deriveProgressionFreeSurvival(input, monthly).reason.kind).toBe('censored-missed-assessments');
  });

  it('counts from the first day of the month and logs the imputation when timeOrigin = first-day-of-month (§0)', () => {
    const result = deriveProgressionFreeSurvival(patient({ progressionDate: '2006-04-25' }), monthOrigin);
    expect(result.startDate).toBe('2006-01-01');
    expect(result.days).toBe(114);
    expect(result.months).toBeCloseTo(114 / daysPerMonth, 12);
    expect(result.explanation.text).toContain(
      'time origin 2006-01-01 imputed as the first day of the month of the first bortezomib dose 2006-01-10',
    );
  });

  it('censors at the index date, 9 days after the imputed origin, with no post-baseline assessment (§0, §8.1)', () => {
    const result = deriveProgressionFreeSurvival(patient({ assessmentDates: [] }), monthOrigin);
    expect(result.date).toBe('2006-01-10');
    expect(result.days).toBe(9);
  });

  it('explains a PFS event with the date, days, months and origin (§8)', () => {
    expect(deriveProgressionFreeSurvival(patient({ progressionDate: '2006-04-25' })).explanation.text).toBe(
      'PFS event on 2006-04-25, 105 days = 3.45 months from time origin 2006-01-10 (first bortezomib dose, §0): progression on 2006-04-25 (first assessment meeting confirmed PD criteria, §8).',
    );
  });
});

function everyCycleTo(last: string): string[] {
  return ['2006-01-31', '2006-02-21', '2006-03-14', '2006-04-04', '2006-04-25', '2006-05-16'].filter(
    (day) => day <= last,
  );
}
