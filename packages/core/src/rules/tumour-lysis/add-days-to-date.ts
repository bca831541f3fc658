/**
 * A calendar date plus a whole number of days, the inverse of `toDayNumber` (H. Hinnant's
 * civil-from-days), so window edges can be printed as dates without a JS Date or a time zone.
 */
import { type CalendarDate, toCalendarDate, toDayNumber } from '../../domain/calendar-date.ts';

export function addDaysToDate(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number (got ${days})`);
  return calendarDateOfDayNumber(toDayNumber(date) + days);
}

/** The calendar date of a day number (days since 1970-01-01). */
export function calendarDateOfDayNumber(dayNumber: number): CalendarDate {
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
  return toCalendarDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}
