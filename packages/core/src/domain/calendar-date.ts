/**
 * Calendar dates as `YYYY-MM-DD` values (no time zone, no JS Date), with day arithmetic done on the
 * proleptic Gregorian day number so core never reads a clock or a locale.
 */
import type { Brand } from './brand.ts';
import { DomainError } from './domain-error.ts';

export type CalendarDate = Brand<string, 'CalendarDate'>;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function toCalendarDate(value: string): CalendarDate {
  const match = datePattern.exec(value);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DomainError('invalid-date', `"${value}" is not a calendar date in YYYY-MM-DD form`);
  }
  return value as CalendarDate;
}

/** Days since 1970-01-01 for a calendar date (civil-from-days inverse, H. Hinnant's algorithm). */
export function toDayNumber(date: CalendarDate): number {
  // Read digits directly: this runs once per assessment on the rules engine's hot path.
  const y =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    date.charCodeAt(3) -
    48;
  const m = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
  const d = (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date of a day number (days since 1970-01-01; H. Hinnant's civil-from-days). */
export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`day number must be a whole number (got ${dayNumber})`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate;
}

/** `date` plus a whole number of days (negative to go back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number (got ${days})`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `start` to `end` (negative when `end` is earlier). */
export function daysBetween(start: CalendarDate, end: CalendarDate): number {
  return toDayNumber(end) - toDayNumber(start);
}

/** Average Gregorian month length used to turn days into months (clinical-spec.md §8 [IMPL]). */
export const daysPerMonth = 30.4375;
