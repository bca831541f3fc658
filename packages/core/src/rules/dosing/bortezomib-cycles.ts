/**
 * A course of bortezomib as the dosing rules see it: the administrations, the planned schedule
 * (clinical-spec.md §6.1 [V]: days 1, 4, 8, 11 of a 21-day cycle; weekly days 1, 8, 15, 22 of a
 * 35-day cycle for extended therapy) and the grouping of doses into cycles with each dose's day in
 * cycle. It judges nothing: the schedule check, the dose-modification check and the dose intensity
 * rules build on it. Cycles come from recorded cycle start dates or, when none are given, are
 * inferred [IMPL]: a dose later than the last planned dose day plus the late window opens a new cycle.
 */
import { type CalendarDate, toDayNumber } from '../../domain/calendar-date.ts';

/** One bortezomib dose as given. */
export interface BortezomibAdministration {
  readonly date: CalendarDate;
  /** Clock time `HH:MM` (24-hour, local) when recorded; without it intervals count whole days. */
  readonly time?: string;
  /** The dose level given, mg/m² (1.3 at the label's starting level). */
  readonly doseMgPerM2: number;
  /** The absolute dose given, mg, when recorded. */
  readonly doseMg?: number;
}

/** A planned bortezomib schedule: the dose days of one cycle (day 1 = cycle start) and its length. */
export interface BortezomibSchedule {
  readonly id: 'twice-weekly-21-day' | 'weekly-35-day';
  readonly doseDays: readonly number[];
  readonly cycleLengthDays: number;
  readonly label: string;
}

/** Relapsed MM schedule, clinical-spec.md §6.1 [V]: days 1, 4, 8, 11, rest days 12–21. */
export const twiceWeeklyBortezomibSchedule: BortezomibSchedule = {
  id: 'twice-weekly-21-day',
  doseDays: [1, 4, 8, 11],
  cycleLengthDays: 21,
  label: 'days 1, 4, 8, 11 of a 21-day cycle',
};

/** Extended therapy (> 8 cycles), clinical-spec.md §6.1 [V]: days 1, 8, 15, 22, rest days 23–35. */
export const weeklyBortezomibSchedule: BortezomibSchedule = {
  id: 'weekly-35-day',
  doseDays: [1, 8, 15, 22],
  cycleLengthDays: 35,
  label: 'days 1, 8, 15, 22 of a 35-day cycle',
};

/** [IMPL] How far a dose may fall before or after its planned day and still count as that day's dose. */
export interface DoseDayWindow {
  readonly daysEarly: number;
  readonly daysLate: number;
}

/** [IMPL] default: no early doses (the 72-h rule forbids most), up to 2 days late (weekends, clinic days). */
export const defaultDoseDayWindow: DoseDayWindow = { daysEarly: 0, daysLate: 2 };

export interface BortezomibCycleDose {
  readonly administration: BortezomibAdministration;
  /** 1 on the cycle's start date. */
  readonly dayInCycle: number;
}

export interface BortezomibCycle {
  readonly cycleNumber: number;
  readonly startDate: CalendarDate;
  /** `recorded`: from the cycle start dates given; `inferred`: the cycle's first dose. */
  readonly startSource: 'recorded' | 'inferred';
  readonly doses: readonly BortezomibCycleDose[];
}

export interface BortezomibCycleOptions {
  readonly schedule: BortezomibSchedule;
  readonly doseDayWindow: DoseDayWindow;
  /** Recorded day-1 dates of each cycle, ascending; when absent cycles are inferred from the doses. */
  readonly cycleStartDates?: readonly CalendarDate[];
}

const clockPattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` clock time; throws `RangeError` on anything else. */
export function parseClockMinutes(time: string): number {
  const match = clockPattern.exec(time);
  if (!match) throw new RangeError(`dose time "${time}" is not a 24-hour HH:MM clock time`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Sorts a course by date and clock time and checks each dose's values; throws `RangeError` on bad input. */
export function sortBortezomibAdministrations(
  administrations: readonly BortezomibAdministration[],
): readonly BortezomibAdministration[] {
  for (const administration of administrations) {
    const { date, doseMgPerM2, doseMg, time } = administration;
    if (!(Number.isFinite(doseMgPerM2) && doseMgPerM2 > 0)) {
      throw new RangeError(`dose on ${date} must be a positive number of mg/m² (got ${doseMgPerM2})`);
    }
    if (doseMg !== undefined && !(Number.isFinite(doseMg) && doseMg > 0)) {
      throw new RangeError(`dose on ${date} must be a positive number of mg (got ${doseMg})`);
    }
    if (time !== undefined) parseClockMinutes(time);
  }
  return [...administrations].sort(compareAdministrations);
}

function compareAdministrations(a: BortezomibAdministration, b: BortezomibAdministration): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const timeA = a.time ?? '';
  const timeB = b.time ?? '';
  return timeA === timeB ? 0 : timeA < timeB ? -1 : 1;
}

/**
 * Groups a course into cycles. With recorded start dates each dose belongs to the latest start on or
 * before it (a dose before the first start is a `RangeError`); without, the first dose opens cycle 1
 * and a dose past the last planned dose day + `daysLate` of the current cycle opens the next.
 */
export function groupBortezomibCycles(
  administrations: readonly BortezomibAdministration[],
  options: BortezomibCycleOptions,
): readonly BortezomibCycle[] {
  const sorted = sortBortezomibAdministrations(administrations);
  const { cycleStartDates } = options;
  return cycleStartDates === undefined ? inferCycles(sorted, options) : recordedCycles(sorted, cycleStartDates);
}

interface MutableCycle {
  cycleNumber: number;
  startDate: CalendarDate;
  startDay: number;
  startSource: 'recorded' | 'inferred';
  doses: BortezomibCycleDose[];
}

function inferCycles(
  sorted: readonly BortezomibAdministration[],
  options: BortezomibCycleOptions,
): readonly BortezomibCycle[] {
  const { schedule, doseDayWindow } = options;
  const lastDoseDay = schedule.doseDays[schedule.doseDays.length - 1] ?? 1;
  const latestDayInCycle = lastDoseDay + doseDayWindow.daysLate;
  const cycles: MutableCycle[] = [];
  let current: MutableCycle | undefined;
  for (const administration of sorted) {
    const day = toDayNumber(administration.date);
    if (current === undefined || day - current.startDay + 1 > latestDayInCycle) {
      current = {
        cycleNumber: cycles.length + 1,
        startDate: administration.date,
        startDay: day,
        startSource: 'inferred',
        doses: [],
      };
      cycles.push(current);
    }
    current.doses.push({ administration, dayInCycle: day - current.startDay + 1 });
  }
  return cycles.map(freezeCycle);
}

function recordedCycles(
  sorted: readonly BortezomibAdministration[],
  cycleStartDates: readonly CalendarDate[],
): readonly BortezomibCycle[] {
  const cycles: MutableCycle[] = cycleStartDates.map((startDate, index) => ({
    cycleNumber: index + 1,
    startDate,
    startDay: toDayNumber(startDate),
    startSource: 'recorded',
    doses: [],
  }));
  for (let index = 1; index < cycles.length; index += 1) {
    const previous = cycles[index - 1];
    const next = cycles[index];
    if (previous !== undefined && next !== undefined && next.startDay <= previous.startDay) {
      throw new RangeError(
        `cycle start dates must be strictly ascending (${next.startDate} is not after ${previous.startDate})`,
      );
    }
  }
  let cycleIndex = 0;
  for (const administration of sorted) {
    const day = toDayNumber(administration.date);
    while (cycleIndex + 1 < cycles.length && (cycles[cycleIndex + 1]?.startDay ?? Infinity) <= day) cycleIndex += 1;
    const cycle = cycles[cycleIndex];
    if (cycle === undefined || day < cycle.startDay) {
      throw new RangeError(`dose on ${administration.date} is before the first recorded cycle start`);
    }
    cycle.doses.push({ administration, dayInCycle: day - cycle.startDay + 1 });
  }
  return cycles.map(freezeCycle);
}

function freezeCycle(cycle: MutableCycle): BortezomibCycle {
  return {
    cycleNumber: cycle.cycleNumber,
    startDate: cycle.startDate,
    startSource: cycle.startSource,
    doses: cycle.doses,
  };
}

/** Hours from one dose to the next: whole days × 24, plus the clock difference when both times are known. */
export function hoursBetweenAdministrations(
  previous: BortezomibAdministration,
  next: BortezomibAdministration,
): { readonly hours: number; readonly usesClockTimes: boolean } {
  const days = toDayNumber(next.date) - toDayNumber(previous.date);
  if (previous.time === undefined || next.time === undefined) return { hours: days * 24, usesClockTimes: false };
  const minutes = days * 1440 + parseClockMinutes(next.time) - parseClockMinutes(previous.time);
  return { hours: minutes / 60, usesClockTimes: true };
}
