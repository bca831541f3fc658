/**
 * Maps a patient's stored records and derived results to the timeline figure's input: times in days
 * from the time origin the rules chose (the index therapy start), responses and progression as the
 * rules derived them. It only rearranges; every clinical judgement comes from the derived results.
 */
import type { ChildRecord, PatientRecord } from '@mmreg/contracts';
import { daysBetween, toCalendarDate } from '@mmreg/core';
import type { PatientTimelineOptions, TimelineEvent } from '@mmreg/report';
import type { DerivedResults } from '../../api/derived-results-schema.ts';

export interface TimelineInput {
  readonly patient: PatientRecord;
  readonly courses: readonly ChildRecord<'courses'>[];
  readonly assessments: readonly ChildRecord<'assessments'>[];
  readonly followUp: readonly ChildRecord<'follow-up'>[];
  readonly derived: DerivedResults | undefined;
}

function originOf(input: TimelineInput): string {
  const derived = input.derived;
  if (derived?.status === 'derived') return derived.endpoints.timeOrigin.date;
  const index = input.courses.find((course) => course.isIndexTherapy) ?? input.courses[0];
  return index?.startDate ?? input.patient.diagnosisDate;
}

function latestDate(input: TimelineInput): string {
  const dates = [
    ...input.courses.flatMap((course) => [course.startDate, course.endDate ?? course.startDate]),
    ...input.assessments.map((row) => row.date),
    ...input.followUp.map((row) => row.deathDate ?? row.date),
  ];
  // ISO dates sort as text.
  return [originOf(input), ...dates].sort().at(-1) ?? originOf(input);
}

export function buildTimelineOptions(input: TimelineInput): PatientTimelineOptions {
  const origin = toCalendarDate(originOf(input));
  const day = (date: string) => daysBetween(origin, toCalendarDate(date));
  const end = latestDate(input);
  const derived = input.derived?.status === 'derived' ? input.derived : null;

  const events: TimelineEvent[] = [];
  if (derived?.progression != null) events.push({ time: day(derived.progression.date), kind: 'progression' });
  const death = input.followUp.find((row) => row.vitalStatus === 'dead' && row.deathDate !== null);
  if (death?.deathDate != null) events.push({ time: day(death.deathDate), kind: 'death' });
  else if (derived !== null) events.push({ time: day(derived.lastKnownAlive.date), kind: 'last-contact' });

  const mProtein = input.assessments
    .filter((row) => row.test === 'serum_m_protein' && row.canonicalValue !== null)
    .map((row) => ({ time: day(row.date), value: row.canonicalValue ?? 0 }));

  return {
    timeLabel: derived === null ? 'Days from the first course' : 'Days from the index therapy start',
    treatments: [...input.courses]
      .sort((a, b) => a.startDate.localeCompare(b.startDate))
      .map((course) => ({
        label: course.regimen,
        start: day(course.startDate),
        end: day(course.endDate ?? end),
        isIndex: course.isIndexTherapy,
      })),
    responses: (derived?.response.timepoints ?? []).map((point) => ({
      time: day(point.date),
      category: point.category,
      isConfirmed: point.confirmed,
    })),
    events,
    series: { label: 'Serum M-protein (g/dL)', points: mProtein },
    width: 760,
    ariaLabel: `Timeline of patient ${input.patient.code}: treatment courses, responses and last contact`,
  };
}
