import { describe, expect, it } from 'vitest';
import { daysBetween, toCalendarDate, toDayNumber } from './calendar-date.ts';

describe('toDayNumber', () => {
  it.each([
    ['1970-01-01', 0],
    ['2000-03-01', 11017],
    ['2006-03-29', 13236],
    ['1969-12-31', -1],
  ])('counts days since 1970-01-01 for %s', (date, expected) => {
    expect(toDayNumber(toCalendarDate(date))).toBe(expected);
  });

  it('counts 29 February in leap years only when spanning February', () => {
    expect(daysBetween(toCalendarDate('2004-02-28'), toCalendarDate('2004-03-01'))).toBe(2);
    expect(daysBetween(toCalendarDate('2006-02-28'), toCalendarDate('2006-03-01'))).toBe(1);
    expect(daysBetween(toCalendarDate('1900-02-28'), toCalendarDate('1900-03-01'))).toBe(1);
  });
});

describe('toCalendarDate', () => {
  it.each(['2006-02-29', '2006-13-01', '2006-1-05', '05/01/2006', ''])(
    'rejects "%s" when it is not a YYYY-MM-DD date',
    (text) => {
      expect(() => toCalendarDate(text)).toThrow(/not a calendar date/);
    },
  );
});
