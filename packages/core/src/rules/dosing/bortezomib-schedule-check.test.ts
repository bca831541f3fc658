import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../../domain/calendar-date.ts';
import { type BortezomibAdministration, groupBortezomibCycles, weeklyBortezomibSchedule } from './bortezomib-cycles.ts';
import { checkBortezomibSchedule, defaultBortezomibScheduleSettings } from './bortezomib-schedule-check.ts';

function dose(date: string, time?: string, doseMgPerM2 = 1.3): BortezomibAdministration {
  return time === undefined
    ? { date: toCalendarDate(date), doseMgPerM2 }
    : { date: toCalendarDate(date), time, doseMgPerM2 };
}

// Two textbook cycles from Monday 2006-01-02: days 1, 4, 8, 11 and cycle 2 on day 22 (2006-01-23).
const textbookCourse = [
  dose('2006-01-02'),
  dose('2006-01-05'),
  dose('2006-01-09'),
  dose('2006-01-12'),
  dose('2006-01-23'),
  dose('2006-01-26'),
  dose('2006-01-30'),
  dose('2006-02-02'),
];

describe('checkBortezomibSchedule (clinical-spec.md §6.1)', () => {
  it('finds no deviation when two cycles follow days 1, 4, 8, 11 with rest days 12–21 (§6.1)', () => {
    const result = checkBortezomibSchedule({ administrations: textbookCourse });
    expect(result.findings).toEqual([]);
    expect(result.isConforming).toBe(true);
    expect(result.cycles.map((cycle) => cycle.startDate)).toEqual(['2006-01-02', '2006-01-23']);
    expect(result.cycles[1]?.doses.map((entry) => entry.dayInCycle)).toEqual([1, 4, 8, 11]);
    expect(result.explanation.text).toContain('8 doses in 2 cycles');
    expect(result.explanation.text).toContain('no schedule deviation');
  });

  it('does not depend on the order the doses are listed in (§6.1)', () => {
    const shuffled = [...textbookCourse].reverse();
    expect(checkBortezomibSchedule({ administrations: shuffled }).findings).toEqual([]);
  });

  it.each([
    // [previous dose, next dose, conforming?, hours]
    [['2006-01-02', '08:00'], ['2006-01-05', '08:00'], true, 72],
    [['2006-01-02', '08:06'], ['2006-01-05', '08:00'], false, 71.9],
    [['2006-01-02', '08:00'], ['2006-01-05', '08:06'], true, 72.1],
    [['2006-01-02', '23:59'], ['2006-01-05', '00:00'], false, 48.02],
  ] as const)(
    'judges %j → %j as conforming=%s at %s h when clock times are recorded (≥ 72 h, §6.1)',
    (previous, next, conforming, hours) => {
      const result = checkBortezomibSchedule({
        administrations: [dose(previous[0], previous[1]), dose(next[0], next[1])],
      });
      const intervalFindings = result.findings.filter((finding) => finding.kind === 'interval-too-short');
      expect(intervalFindings.length === 0).toBe(conforming);
      if (!conforming) {
        expect(intervalFindings[0]?.explanation.checks[0]?.value).toBeCloseTo(hours, 2);
        expect(intervalFindings[0]?.explanation.text).toContain(
          `only ${hours} h after the previous dose (≥ 72 h required, §6.1)`,
        );
      }
    },
  );

  it('flags a dose 48 h after the previous one when only dates are recorded (§6.1)', () => {
    const result = checkBortezomibSchedule({ administrations: [dose('2006-01-03'), dose('2006-01-05')] });
    const finding = result.findings.find((entry) => entry.kind === 'interval-too-short');
    expect(finding?.severity).toBe('deviation');
    expect(finding?.date).toBe('2006-01-05');
    expect(finding?.explanation.text).toBe(
      'dose on 2006-01-05 only 48 h after the previous dose (≥ 72 h required, §6.1): previous dose 2006-01-03, this dose 2006-01-05, interval from dates only',
    );
    expect(result.isConforming).toBe(false);
  });

  it.each([
    // [date of the day-4 dose, day in cycle, finding] — window −0/+2 days by default
    ['2006-01-04', 3, 'extra-dose'],
    ['2006-01-05', 4, null],
    ['2006-01-07', 6, null],
    ['2006-01-08', 7, 'dose-outside-window'],
  ])(
    'judges a day-4 dose on %s (day %s) as %s against the windows (§6.1 [IMPL] −0/+2 days)',
    (date, dayInCycle, kind) => {
      const result = checkBortezomibSchedule({ administrations: [dose('2006-01-02'), dose(date)] });
      const placement = result.findings.filter(
        (finding) => finding.kind === 'dose-outside-window' || finding.kind === 'extra-dose',
      );
      expect(placement.map((finding) => finding.kind)).toEqual(kind === null ? [] : [kind]);
      expect(result.cycles[0]?.doses[1]?.dayInCycle).toBe(dayInCycle);
    },
  );

  it('widens the window when the setting allows one day early (§6.1 [IMPL])', () => {
    const result = checkBortezomibSchedule(
      { administrations: [dose('2006-01-02'), dose('2006-01-04')] },
      { ...defaultBortezomibScheduleSettings, doseDayWindow: { daysEarly: 1, daysLate: 2 } },
    );
    const kinds = result.findings.map((finding) => finding.kind);
    expect(kinds).toContain('interval-too-short');
    expect(kinds).not.toContain('dose-outside-window');
    expect(kinds).not.toContain('extra-dose');
  });

  it.each([
    // [cycle 2 start, day of cycle 1, deviation?]
    ['2006-01-22', 21, true],
    ['2006-01-23', 22, false],
    ['2006-01-30', 29, false],
  ])(
    'judges a cycle 2 starting on %s (day %s of cycle 1) as rest-period deviation = %s (§6.1)',
    (start, _day, deviation) => {
      const result = checkBortezomibSchedule({
        administrations: [...textbookCourse.slice(0, 4), dose(start)],
        cycleStartDates: [toCalendarDate('2006-01-02'), toCalendarDate(start)],
      });
      const rest = result.findings.filter((finding) => finding.kind === 'rest-period-too-short');
      expect(rest.length === 1).toBe(deviation);
      if (deviation) expect(rest[0]?.explanation.text).toContain('rest days 12–21 cut short');
    },
  );

  it('accepts a cycle one day early when cycleStartDaysEarly is 1 (§6.1 [IMPL])', () => {
    const result = checkBortezomibSchedule(
      {
        administrations: [...textbookCourse.slice(0, 4), dose('2006-01-22')],
        cycleStartDates: [toCalendarDate('2006-01-02'), toCalendarDate('2006-01-22')],
      },
      { ...defaultBortezomibScheduleSettings, cycleStartDaysEarly: 1 },
    );
    expect(result.findings.filter((finding) => finding.kind === 'rest-period-too-short')).toEqual([]);
  });

  it('infers a new, too early cycle when a dose falls after day 13 of the current one (§6.1 [IMPL] inference)', () => {
    const result = checkBortezomibSchedule({ administrations: [...textbookCourse.slice(0, 4), dose('2006-01-15')] });
    expect(result.cycles).toHaveLength(2);
    expect(result.cycles[1]?.startSource).toBe('inferred');
    expect(result.findings.map((finding) => finding.kind)).toEqual([
      'rest-period-too-short',
      'planned-dose-not-given',
      'planned-dose-not-given',
      'planned-dose-not-given',
    ]);
  });

  it('reports a withheld planned dose as a note, not a deviation (§6.1, §6.3)', () => {
    const result = checkBortezomibSchedule({
      administrations: [dose('2006-01-02'), dose('2006-01-05'), dose('2006-01-12')],
    });
    expect(result.isConforming).toBe(true);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.kind).toBe('planned-dose-not-given');
    expect(result.findings[0]?.severity).toBe('note');
    expect(result.findings[0]?.explanation.text).toBe(
      'planned day 8 dose of cycle 1 (due 2006-01-09) not given (§6.1)',
    );
  });

  it('flags a second dose for the same planned day when two fall in its window (§6.1)', () => {
    const result = checkBortezomibSchedule({
      administrations: [dose('2006-01-02'), dose('2006-01-09', '08:00'), dose('2006-01-11', '09:00')],
    });
    expect(result.findings.map((finding) => finding.kind).sort()).toEqual([
      'extra-dose',
      'interval-too-short',
      'planned-dose-not-given',
      'planned-dose-not-given',
    ]);
  });

  it('notes a missed day 1 when the recorded cycle start has no dose (§6.1)', () => {
    const result = checkBortezomibSchedule({
      administrations: [dose('2006-01-05'), dose('2006-01-09'), dose('2006-01-12')],
      cycleStartDates: [toCalendarDate('2006-01-02')],
    });
    expect(result.findings.map((finding) => `${finding.kind} ${finding.date}`)).toEqual([
      'planned-dose-not-given 2006-01-02',
    ]);
  });

  it('checks the weekly 35-day schedule of extended therapy when selected (§6.1)', () => {
    const weekly = ['2006-03-06', '2006-03-13', '2006-03-20', '2006-03-27', '2006-04-10'].map((date) => dose(date));
    const result = checkBortezomibSchedule(
      { administrations: weekly },
      { ...defaultBortezomibScheduleSettings, schedule: weeklyBortezomibSchedule },
    );
    expect(result.cycles.map((cycle) => cycle.startDate)).toEqual(['2006-03-06', '2006-04-10']);
    expect(result.findings.filter((finding) => finding.severity === 'deviation')).toEqual([]);
  });

  it('rejects a malformed clock time, a zero dose, or a dose before the first recorded cycle', () => {
    expect(() => checkBortezomibSchedule({ administrations: [dose('2006-01-02', '24:00')] })).toThrow(RangeError);
    expect(() => checkBortezomibSchedule({ administrations: [dose('2006-01-02', undefined, 0)] })).toThrow(RangeError);
    expect(() =>
      checkBortezomibSchedule({
        administrations: [dose('2006-01-01')],
        cycleStartDates: [toCalendarDate('2006-01-02')],
      }),
    ).toThrow(RangeError);
    expect(() =>
      groupBortezomibCycles([], {
        schedule: weeklyBortezomibSchedule,
        doseDayWindow: { daysEarly: 0, daysLate: 2 },
        cycleStartDates: [toCalendarDate('2006-01-09'), toCalendarDate('2006-01-02')],
      }),
    ).toThrow(RangeError);
  });
});
