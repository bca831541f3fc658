import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toCalendarDate, toDayNumber } from './calendar-date.ts';

describe('addDays', () => {
  it.each([
    ['2004-02-28', 1, '2004-02-29'],
    ['2000-03-01', -1, '2000-02-29'],
    ['1900-03-01', -1, '1900-02-28'],
    ['2006-12-31', 1, '2007-01-01'],
    ['2006-03-10', -3, '2006-03-07'],
    ['2006-03-10', 7, '2006-03-17'],
  ])('moves %s by %s days to %s when crossing month, year and leap-day boundaries', (date, days, expected) => {
    expect(addDays(toCalendarDate(date), days)).toBe(expected);
  });

  it('inverts toDayNumber when given any day between 1900 and 2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 47482 }), (dayNumber) => {
        return toDayNumber(fromDayNumber(dayNumber)) === dayNumber;
      }),
      { seed: 20240601 },
    );
  });

  it('throws a RangeError when the number of days is not whole', () => {
    expect(() => addDays(toCalendarDate('2006-03-10'), 0.5)).toThrow(RangeError);
  });
});
