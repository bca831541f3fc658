import { describe, expect, it } from 'vitest';
import { NadirTracker } from './nadir.ts';
import { day } from './test-support.ts';

function nadirAfter(mode: 'running-minimum' | 'lowest-confirmed', values: readonly number[]) {
  const tracker = new NadirTracker(mode);
  tracker.start(values[0] as number, day('2006-01-05'));
  values.slice(1).forEach((value, index) => {
    tracker.add(value, day(`2006-0${index + 2}-01`));
  });
  return { value: tracker.value, date: tracker.date };
}

describe('NadirTracker (clinical-spec.md §1.4, §2)', () => {
  it.each([
    ['running-minimum', [4, 2, 2, 0.8, 1.5], 0.8, '2006-04-01', 'IMWG 2006: the lowest value seen, even once'],
    [
      'lowest-confirmed',
      [4, 2, 2, 0.8, 1.5],
      1.5,
      '2006-05-01',
      'IMWG 2016: the single 0.8 is confirmed only at the 1.5 that follows',
    ],
    ['lowest-confirmed', [4, 2, 2, 0.8], 2, '2006-02-01', 'IMWG 2016: the last value is not yet confirmed'],
    ['lowest-confirmed', [4], 4, '2006-01-05', 'baseline counts as confirmed'],
    ['running-minimum', [0.5, 0.9], 0.5, '2006-01-05', 'baseline is part of the nadir'],
  ] as const)('tracks the %s nadir of %j as %s on %s when %s', (mode, values, expected, date, _why) => {
    expect(nadirAfter(mode, values)).toEqual({ value: expected, date });
  });
});
