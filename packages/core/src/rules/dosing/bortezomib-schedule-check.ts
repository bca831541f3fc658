/**
 * Checks a course of bortezomib against the label schedule, clinical-spec.md §6.1 [V]: at least 72 h
 * between consecutive doses; doses on the planned days (1, 4, 8, 11 of a 21-day cycle, or weekly
 * 1, 8, 15, 22 of 35 days); the rest period before the next cycle. The day windows and the early
 * tolerance of a cycle start are [IMPL] settings (`doseDayWindow`, `cycleStartDaysEarly`). Findings
 * are values with explanations; a planned dose not given is a note, not a deviation, because
 * withholding may be what §6.3/§6.4 require (that is `checkDoseModifications`' business). Delayed
 * cycles are not findings here: delays show in the relative dose intensity (§6.5).
 */

import type { CalendarDate } from '../../domain/calendar-date.ts';
import { fromDayNumber, toDayNumber } from '../../domain/calendar-date.ts';
import { checkThreshold, type Explanation, type RuleDefinition } from '../rule.ts';
import {
  type BortezomibAdministration,
  type BortezomibCycle,
  type BortezomibSchedule,
  type DoseDayWindow,
  defaultDoseDayWindow,
  groupBortezomibCycles,
  hoursBetweenAdministrations,
  twiceWeeklyBortezomibSchedule,
} from './bortezomib-cycles.ts';
import { explainDosing, formatDoseNumber } from './dosing-explanation.ts';

export const bortezomibScheduleRule: RuleDefinition = {
  id: 'bortezomib-schedule',
  version: '1',
  title: 'Bortezomib schedule: ≥ 72 h between doses, days 1, 4, 8, 11 of 21-day cycles, rest days 12–21',
  specSection: '§6.1',
  source: 'VELCADE (bortezomib) US label, dosage and administration (clinical-spec.md §6.1)',
  evidence: 'V',
};

/** §6.1 [V]: at least 72 hours between consecutive doses. */
export const minimumHoursBetweenBortezomibDoses = 72;

export interface BortezomibScheduleSettings {
  readonly schedule: BortezomibSchedule;
  /** [IMPL] default 0 days early, 2 days late. */
  readonly doseDayWindow: DoseDayWindow;
  /** [IMPL] how many days before day (cycle length + 1) a next cycle may start; default 0. */
  readonly cycleStartDaysEarly: number;
}

export const defaultBortezomibScheduleSettings: BortezomibScheduleSettings = {
  schedule: twiceWeeklyBortezomibSchedule,
  doseDayWindow: defaultDoseDayWindow,
  cycleStartDaysEarly: 0,
};

export interface BortezomibScheduleInput {
  readonly administrations: readonly BortezomibAdministration[];
  /** Recorded day-1 dates; without them cycles are inferred (see `groupBortezomibCycles`). */
  readonly cycleStartDates?: readonly CalendarDate[];
}

export type BortezomibScheduleFindingKind =
  | 'interval-too-short'
  | 'dose-outside-window'
  | 'extra-dose'
  | 'rest-period-too-short'
  | 'planned-dose-not-given';

export interface BortezomibScheduleFinding {
  readonly kind: BortezomibScheduleFindingKind;
  readonly severity: 'deviation' | 'note';
  /** The dose's date, the early cycle's start, or the missed dose's planned date. */
  readonly date: CalendarDate;
  readonly cycleNumber: number;
  readonly explanation: Explanation;
}

export interface BortezomibScheduleCheck {
  readonly cycles: readonly BortezomibCycle[];
  readonly findings: readonly BortezomibScheduleFinding[];
  /** True when no finding is a deviation (notes allowed). */
  readonly isConforming: boolean;
  readonly explanation: Explanation;
}

export function checkBortezomibSchedule(
  input: BortezomibScheduleInput,
  settings: BortezomibScheduleSettings = defaultBortezomibScheduleSettings,
): BortezomibScheduleCheck {
  const { schedule, doseDayWindow, cycleStartDaysEarly } = settings;
  for (const [name, value] of [
    ['doseDayWindow.daysEarly', doseDayWindow.daysEarly],
    ['doseDayWindow.daysLate', doseDayWindow.daysLate],
    ['cycleStartDaysEarly', cycleStartDaysEarly],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be a non-negative integer`);
  }
  const cycles = groupBortezomibCycles(input.administrations, {
    schedule,
    doseDayWindow,
    ...(input.cycleStartDates === undefined ? {} : { cycleStartDates: input.cycleStartDates }),
  });
  const findings: BortezomibScheduleFinding[] = [
    ...checkIntervals(cycles),
    ...checkRestPeriods(cycles, schedule, cycleStartDaysEarly),
  ];
  for (const cycle of cycles) findings.push(...checkDoseDays(cycle, schedule, doseDayWindow));
  findings.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? -1 : 1));
  const deviations = findings.filter((finding) => finding.severity === 'deviation');
  const doseCount = cycles.reduce((sum, cycle) => sum + cycle.doses.length, 0);
  const summary =
    deviations.length === 0
      ? 'no schedule deviation'
      : `${deviations.length} deviation${deviations.length === 1 ? '' : 's'}: ${deviations.map((finding) => finding.explanation.text).join('; ')}`;
  const notes = findings.length - deviations.length;
  return {
    cycles,
    findings,
    isConforming: deviations.length === 0,
    explanation: explainDosing(
      bortezomibScheduleRule,
      [],
      `${doseCount} dose${doseCount === 1 ? '' : 's'} in ${cycles.length} cycle${cycles.length === 1 ? '' : 's'} checked against ${schedule.label} (window −${doseDayWindow.daysEarly}/+${doseDayWindow.daysLate} days): ${summary}${notes > 0 ? `; ${notes} note${notes === 1 ? '' : 's'}` : ''}.`,
    ),
  };
}

function checkIntervals(cycles: readonly BortezomibCycle[]): BortezomibScheduleFinding[] {
  const findings: BortezomibScheduleFinding[] = [];
  let previous: BortezomibAdministration | undefined;
  for (const cycle of cycles) {
    for (const { administration: next } of cycle.doses) {
      if (previous !== undefined) {
        const finding = checkInterval(previous, next, cycle.cycleNumber);
        if (finding !== null) findings.push(finding);
      }
      previous = next;
    }
  }
  return findings;
}

function checkInterval(
  previous: BortezomibAdministration,
  next: BortezomibAdministration,
  cycleNumber: number,
): BortezomibScheduleFinding | null {
  const { hours, usesClockTimes } = hoursBetweenAdministrations(previous, next);
  const check = checkThreshold({
    quantity: 'hours since the previous dose',
    value: hours,
    unit: 'h',
    comparator: '>=',
    threshold: minimumHoursBetweenBortezomibDoses,
  });
  if (check.isMet) return null;
  const basis = usesClockTimes ? 'from clock times' : 'from dates only';
  return {
    kind: 'interval-too-short',
    severity: 'deviation',
    date: next.date,
    cycleNumber,
    explanation: explainDosing(
      bortezomibScheduleRule,
      [check],
      `dose on ${next.date} only ${formatDoseNumber(hours, 2)} h after the previous dose (≥ 72 h required, §6.1): previous dose ${describeWhen(previous)}, this dose ${describeWhen(next)}, interval ${basis}`,
    ),
  };
}

function describeWhen(administration: BortezomibAdministration): string {
  return administration.time === undefined ? administration.date : `${administration.date} ${administration.time}`;
}

function checkRestPeriods(
  cycles: readonly BortezomibCycle[],
  schedule: BortezomibSchedule,
  cycleStartDaysEarly: number,
): BortezomibScheduleFinding[] {
  const findings: BortezomibScheduleFinding[] = [];
  const lastDoseDay = schedule.doseDays[schedule.doseDays.length - 1] ?? 1;
  const earliestNextStartDay = schedule.cycleLengthDays + 1 - cycleStartDaysEarly;
  for (let index = 1; index < cycles.length; index += 1) {
    const previous = cycles[index - 1];
    const next = cycles[index];
    if (previous === undefined || next === undefined) continue;
    const dayOfPrevious = toDayNumber(next.startDate) - toDayNumber(previous.startDate) + 1;
    const check = checkThreshold({
      quantity: `day of cycle ${previous.cycleNumber} on which cycle ${next.cycleNumber} started`,
      value: dayOfPrevious,
      unit: 'day',
      comparator: '>=',
      threshold: earliestNextStartDay,
    });
    if (check.isMet) continue;
    findings.push({
      kind: 'rest-period-too-short',
      severity: 'deviation',
      date: next.startDate,
      cycleNumber: next.cycleNumber,
      explanation: explainDosing(
        bortezomibScheduleRule,
        [check],
        `cycle ${next.cycleNumber} started on ${next.startDate}, day ${dayOfPrevious} of cycle ${previous.cycleNumber}: rest days ${lastDoseDay + 1}–${schedule.cycleLengthDays} cut short (next cycle due from day ${earliestNextStartDay}, §6.1)`,
      ),
    });
  }
  return findings;
}

function checkDoseDays(
  cycle: BortezomibCycle,
  schedule: BortezomibSchedule,
  window: DoseDayWindow,
): BortezomibScheduleFinding[] {
  const findings: BortezomibScheduleFinding[] = [];
  const matched = new Set<number>();
  const plannedDays = schedule.doseDays.join(', ');
  for (const { administration, dayInCycle } of cycle.doses) {
    const isInWindow = (day: number): boolean =>
      dayInCycle >= day - window.daysEarly && dayInCycle <= day + window.daysLate;
    // The first planned day still open whose window holds the dose; else a day already given (an extra dose).
    const plannedDay =
      schedule.doseDays.find((day) => !matched.has(day) && isInWindow(day)) ?? schedule.doseDays.find(isInWindow);
    if (plannedDay === undefined) {
      findings.push({
        kind: 'dose-outside-window',
        severity: 'deviation',
        date: administration.date,
        cycleNumber: cycle.cycleNumber,
        explanation: explainDosing(
          bortezomibScheduleRule,
          [],
          `dose on ${administration.date} is day ${dayInCycle} of cycle ${cycle.cycleNumber}, outside every planned dose day (days ${plannedDays}, window −${window.daysEarly}/+${window.daysLate} days, §6.1)`,
        ),
      });
    } else if (matched.has(plannedDay)) {
      findings.push({
        kind: 'extra-dose',
        severity: 'deviation',
        date: administration.date,
        cycleNumber: cycle.cycleNumber,
        explanation: explainDosing(
          bortezomibScheduleRule,
          [],
          `dose on ${administration.date} (day ${dayInCycle} of cycle ${cycle.cycleNumber}) is a second dose for planned day ${plannedDay} (§6.1)`,
        ),
      });
    } else {
      matched.add(plannedDay);
    }
  }
  const startDay = toDayNumber(cycle.startDate);
  for (const plannedDay of schedule.doseDays) {
    if (matched.has(plannedDay)) continue;
    const plannedDate = fromDayNumber(startDay + plannedDay - 1);
    findings.push({
      kind: 'planned-dose-not-given',
      severity: 'note',
      date: plannedDate,
      cycleNumber: cycle.cycleNumber,
      explanation: explainDosing(
        bortezomibScheduleRule,
        [],
        `planned day ${plannedDay} dose of cycle ${cycle.cycleNumber} (due ${plannedDate}) not given (§6.1)`,
      ),
    });
  }
  return findings;
}
