import { describe, expect, it } from 'vitest';
import { date } from './endpoint-test-patient.ts';
import { deriveTimeOrigin } from './time-origin.ts';

describe('deriveTimeOrigin (clinical-spec.md §0)', () => {
  it.each([
    // [first dose, setting, origin, imputed?]
    ['2006-01-10', 'first-dose', '2006-01-10', false],
    ['2006-01-10', 'first-day-of-month', '2006-01-01', true],
    ['2006-01-01', 'first-day-of-month', '2006-01-01', false],
    ['2004-02-29', 'first-day-of-month', '2004-02-01', true],
  ] as const)(
    'sets the origin of a first dose on %s with %s to %s, imputed = %s (§0)',
    (first, setting, origin, imputed) => {
      const result = deriveTimeOrigin(date(first), setting);
      expect(result.date).toBe(origin);
      expect(result.isImputed).toBe(imputed);
      expect(result.text).toContain(imputed ? 'imputed as the first day of the month' : 'first bortezomib dose');
    },
  );
});
