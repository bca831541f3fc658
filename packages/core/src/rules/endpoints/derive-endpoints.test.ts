import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarDate, daysPerMonth, fromDayNumber, toDayNumber } from '../../domain/calendar-date.ts';
import { deriveEndpoints } from './derive-endpoints.ts';
import { deriveDurationOfResponse } from './duration-of-response.ts';
import { patient } from './endpoint-test-patient.ts';
import {
  type DeathCause,
  defaultEndpointSettings,
  defaultMissedAssessmentCensoring,
  type EndpointInput,
  type EndpointSettings,
} from './endpoint-types.ts';
import { deriveOverallSurvival } from './overall-survival.ts';
import { deriveProgressionFreeSurvival } from './progression-free-survival.ts';
import { deriveTimeToNextTreatment } from './time-to-next-treatment.ts';
import { deriveTimeToProgression } from './time-to-progression.ts';
import { deriveTimeToResponse } from './time-to-response.ts';

describe('deriveEndpoints (clinical-spec.md §8)', () => {
  it('derives every endpoint of a responder who progresses and starts a next therapy (§8)', () => {
    const result = deriveEndpoints(
      patient({ firstResponseDate: '2006-01-31', progressionDate: '2006-04-25', nextTherapyStartDate: '2006-05-02' }),
    );
    expect(result.timeOrigin).toEqual({
      date: '2006-01-10',
      isImputed: false,
      text: 'time origin 2006-01-10 (first bortezomib dose, §0)',
    });
    expect([
      result.os.days,
      result.pfs.days,
      result.ttp.days,
      result.dor?.days,
      result.ttr?.days,
      result.ttnt.days,
    ]).toEqual([234, 105, 105, 84, 21, 112]);
    expect([
      result.os.event,
      result.pfs.event,
      result.ttp.event,
      result.dor?.event,
      result.ttr?.event,
      result.ttnt.event,
    ]).toEqual([false, true, true, true, true, true]);
  });

  it('returns null DoR and time to response for a non-responder (§8)', () => {
    const result = deriveEndpoints(patient({ progressionDate: '2006-01-31' }));
    expect(result.dor).toBeNull();
    expect(result.ttr).toBeNull();
    expect(result.pfs.days).toBe(21);
  });
});

const indexDate = '2006-01-10' as CalendarDate;
const indexDay = toDayNumber(indexDate);
const at = (offset: number): CalendarDate => fromDayNumber(indexDay + offset);

const settingsArbitrary: fc.Arbitrary<EndpointSettings> = fc.record({
  timeOrigin: fc.constantFrom('first-dose', 'first-day-of-month'),
  newTherapyWithoutProgression: fc.constantFrom('censor-at-last-adequate-assessment', 'event'),
  missedAssessments: fc.constantFrom(defaultEndpointSettings.missedAssessments, defaultMissedAssessmentCensoring),
  deathFromProgression: fc.constantFrom('event', 'censor'),
  deathWithoutProgressionCensoring: fc.constantFrom('last-adequate-assessment', 'death-date'),
  timeToResponseNonResponders: fc.constantFrom('not-computed', 'censor-at-last-adequate-assessment'),
  timeToNextTreatmentDeathFromProgression: fc.constantFrom('censor', 'event'),
});

/** Consistent random patients: PD and response at assessments, death after everything, next therapy after any response. */
const inputArbitrary: fc.Arbitrary<EndpointInput> = fc
  .record({
    offsets: fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 20 }),
    progressionPick: fc.option(fc.nat()),
    responsePick: fc.option(fc.nat()),
    deathAfter: fc.option(fc.integer({ min: 0, max: 300 })),
    contactAfter: fc.integer({ min: 0, max: 300 }),
    nextTherapy: fc.option(fc.integer({ min: 0, max: 700 })),
    deathCause: fc.constantFrom<DeathCause | undefined>(undefined, 'progression', 'other', 'unknown'),
  })
  .map(({ offsets, progressionPick, responsePick, deathAfter, contactAfter, nextTherapy, deathCause }) => {
    const sorted = [...offsets].sort((a, b) => a - b);
    const progression =
      progressionPick === null || sorted.length === 0 ? null : (sorted[progressionPick % sorted.length] ?? null);
    const beforeProgression = sorted.filter((offset) => progression === null || offset < progression);
    const response =
      responsePick === null || beforeProgression.length === 0
        ? null
        : (beforeProgression[responsePick % beforeProgression.length] ?? null);
    const lastFact = Math.max(0, ...sorted);
    const death = deathAfter === null ? null : lastFact + deathAfter;
    let therapy = nextTherapy === null ? null : Math.max(nextTherapy, response ?? 0);
    if (therapy !== null && death !== null) therapy = Math.min(therapy, death);
    const lastAdequate = beforeProgression[beforeProgression.length - 1] ?? null;
    const input: EndpointInput = {
      indexDate,
      progressionDate: progression === null ? null : at(progression),
      firstResponseDate: response === null ? null : at(response),
      deathDate: death === null ? null : at(death),
      lastContactDate: at(death ?? lastFact + contactAfter),
      lastAdequateAssessmentDate: lastAdequate === null ? null : at(lastAdequate),
      nextTherapyStartDate: therapy === null ? null : at(therapy),
      // Listed in a scrambled order on purpose.
      assessmentDates: [...sorted].reverse().map(at),
    };
    return deathCause === undefined ? input : { ...input, deathCause };
  });

describe('deriveEndpoints properties (clinical-spec.md §8)', () => {
  it('agrees with the individual endpoint functions for any consistent patient and settings', () => {
    fc.assert(
      fc.property(inputArbitrary, settingsArbitrary, (input, settings) => {
        const all = deriveEndpoints(input, settings);
        expect(all.os).toEqual(deriveOverallSurvival(input, settings));
        expect(all.pfs).toEqual(deriveProgressionFreeSurvival(input, settings));
        expect(all.ttp).toEqual(deriveTimeToProgression(input, settings));
        expect(all.dor).toEqual(deriveDurationOfResponse(input, settings));
        expect(all.ttr).toEqual(deriveTimeToResponse(input, settings));
        expect(all.ttnt).toEqual(deriveTimeToNextTreatment(input, settings));
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('keeps every endpoint between its start and the OS date, with months = days / 30.4375', () => {
    fc.assert(
      fc.property(inputArbitrary, settingsArbitrary, (input, settings) => {
        const all = deriveEndpoints(input, settings);
        for (const result of [all.os, all.pfs, all.ttp, all.dor, all.ttr, all.ttnt]) {
          if (result === null) continue;
          expect(result.days).toBeGreaterThanOrEqual(0);
          expect(result.date <= all.os.date).toBe(true);
          expect(result.months).toBeCloseTo(result.days / daysPerMonth, 12);
          expect(result.explanation.text).toContain(result.date);
        }
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('does not depend on the order of the assessment dates', () => {
    fc.assert(
      fc.property(inputArbitrary, settingsArbitrary, (input, settings) => {
        const sorted = { ...input, assessmentDates: [...input.assessmentDates].sort() };
        expect(deriveEndpoints(sorted, settings)).toEqual(deriveEndpoints(input, settings));
      }),
      { seed: 20240601, numRuns: 200 },
    );
  });
});
