/** A test patient for the endpoint tests: index 2006-01-10, assessments every 21 days. Test-only. */
import { type CalendarDate, toCalendarDate } from '../../domain/calendar-date.ts';
import type { EndpointInput } from './endpoint-types.ts';

export const date = (value: string): CalendarDate => toCalendarDate(value);

// Days from 2006-01-10: 01-31 = 21, 02-21 = 42, 03-14 = 63, 04-04 = 84, 04-25 = 105, 05-16 = 126.
export const everyCycle = ['2006-01-31', '2006-02-21', '2006-03-14', '2006-04-04', '2006-04-25', '2006-05-16'];

export interface PatientOverrides {
  readonly progressionDate?: string | null;
  readonly firstResponseDate?: string | null;
  readonly deathDate?: string | null;
  readonly deathCause?: EndpointInput['deathCause'];
  readonly lastContactDate?: string;
  readonly lastAdequateAssessmentDate?: string | null;
  readonly nextTherapyStartDate?: string | null;
  readonly assessmentDates?: readonly string[];
  readonly indexDate?: string;
}

const orNull = (value: string | null | undefined): CalendarDate | null =>
  value === null || value === undefined ? null : date(value);

/** Defaults: alive at 2006-09-01, no PD, no response, assessments on every cycle up to 2006-05-16. */
export function patient(overrides: PatientOverrides = {}): EndpointInput {
  const assessments = overrides.assessmentDates ?? everyCycle;
  const lastAdequate =
    overrides.lastAdequateAssessmentDate === undefined
      ? (assessments[assessments.length - 1] ?? null)
      : overrides.lastAdequateAssessmentDate;
  const input: EndpointInput = {
    indexDate: date(overrides.indexDate ?? '2006-01-10'),
    progressionDate: orNull(overrides.progressionDate),
    firstResponseDate: orNull(overrides.firstResponseDate),
    deathDate: orNull(overrides.deathDate),
    lastContactDate: date(overrides.lastContactDate ?? overrides.deathDate ?? '2006-09-01'),
    lastAdequateAssessmentDate: orNull(lastAdequate),
    nextTherapyStartDate: orNull(overrides.nextTherapyStartDate),
    assessmentDates: assessments.map(date),
  };
  return overrides.deathCause === undefined ? input : { ...input, deathCause: overrides.deathCause };
}
