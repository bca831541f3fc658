import { describe, expect, it } from 'vitest';
import { type CalendarDate, toCalendarDate } from '../domain/calendar-date.ts';
import type { FollowUp, LabMeasurement, TherapyLine } from '../domain/laboratory.ts';
import { assessPatient, classifyBaselinePcl, type PatientAssessmentInput } from './patient-assessment.ts';

const indexDate = toCalendarDate('2005-01-03');

function day(offset: number): CalendarDate {
  const base = Date.UTC(2005, 0, 3);
  return toCalendarDate(new Date(base + offset * 86_400_000).toISOString().slice(0, 10));
}

/** A serum-measurable patient: baseline 4 g/dL three days before C1D1, then serum M-protein by day. */
function serumPatient(
  points: ReadonlyArray<readonly [number, number]>,
  extra: readonly LabMeasurement[] = [],
  options: { followUp?: FollowUp | null; therapyLines?: readonly TherapyLine[] } = {},
): PatientAssessmentInput {
  const labs: LabMeasurement[] = [];
  for (const [offset, serum] of [[-3, 4] as const, ...points]) {
    labs.push({ test: 'serum_m_protein', date: day(offset), value: serum });
    labs.push({ test: 'urine_m_protein', date: day(offset), value: 50 });
    labs.push({ test: 'serum_ife', date: day(offset), result: 'positive' });
    labs.push({ test: 'urine_ife', date: day(offset), result: 'positive' });
  }
  return {
    patient: 'P1',
    labs: [...labs, ...extra],
    therapyLines: options.therapyLines ?? [{ regimen: 'bortezomib', startDate: indexDate, endDate: null }],
    followUp: options.followUp === undefined ? { vitalStatus: 'alive', lastContactDate: day(400) } : options.followUp,
  };
}

const responder: ReadonlyArray<readonly [number, number]> = [
  [21, 1.9],
  [42, 1.5],
  [63, 1.6],
];
const progressor: ReadonlyArray<readonly [number, number]> = [
  [21, 1.9],
  [42, 1.5],
  [84, 2.1],
  [98, 2.6],
];

describe('assessPatient', () => {
  it('feeds the confirmed PD date and the death to the endpoints when the patient progresses and dies (§1.6, §8)', () => {
    const assessment = assessPatient(
      serumPatient(progressor, [], {
        followUp: { vitalStatus: 'dead', lastContactDate: day(150), deathDate: day(150) },
      }),
    );
    expect(assessment.criteria).toBe('imwg2006');
    expect(assessment.response.bestResponse?.category).toBe('PR');
    expect(assessment.response.progression?.date).toBe(day(84));
    expect(assessment.endpoints.pfs).toMatchObject({
      event: true,
      date: day(84),
      days: 84,
      reason: { kind: 'progression' },
    });
    expect(assessment.endpoints.os).toMatchObject({
      event: true,
      date: day(150),
      days: 150,
      reason: { kind: 'death' },
    });
    expect(assessment.lastKnownAlive).toMatchObject({ date: day(150), source: 'follow-up' });
  });

  it('censors PFS at the last adequate assessment and OS at the last contact when there is no PD (§8)', () => {
    const assessment = assessPatient(serumPatient(responder));
    expect(assessment.response.progression).toBeNull();
    expect(assessment.endpoints.pfs).toMatchObject({ event: false, date: day(63), days: 63 });
    expect(assessment.endpoints.os).toMatchObject({ event: false, date: day(400), days: 400 });
  });

  it('takes the last dated record as the last date known alive when no follow-up is given (§8 [IMPL])', () => {
    const therapyLines: TherapyLine[] = [{ regimen: 'bortezomib', startDate: indexDate, endDate: day(70) }];
    const assessment = assessPatient(serumPatient(responder, [], { followUp: null, therapyLines }));
    expect(assessment.lastKnownAlive).toMatchObject({ date: day(70), source: 'last-dated-record' });
    expect(assessment.endpoints.os).toMatchObject({ event: false, date: day(70) });
  });

  it('lets a death after a single PD assessment confirm it, as the response engine allows (§1.6 step 5)', () => {
    const points: ReadonlyArray<readonly [number, number]> = [
      [21, 1.9],
      [42, 1.5],
      [84, 2.1],
    ];
    const dead = assessPatient(
      serumPatient(points, [], { followUp: { vitalStatus: 'dead', lastContactDate: day(90), deathDate: day(90) } }),
    );
    const alive = assessPatient(serumPatient(points));
    expect(dead.response.progression?.date).toBe(day(84));
    expect(alive.response.progression).toBeNull();
  });

  it('passes the criteria set to the response engine (§3)', () => {
    const assessment = assessPatient(serumPatient(responder), { criteria: 'ebmt1998' });
    expect(assessment.criteria).toBe('ebmt1998');
    expect(assessment.response.criteria).toBe('ebmt1998');
  });

  it('grades only the index line: not before C1D1, not from the next line start (§4.1 [IMPL])', () => {
    const therapyLines: TherapyLine[] = [
      { regimen: 'bortezomib', startDate: indexDate, endDate: day(60) },
      { regimen: 'VAD', startDate: day(120), endDate: null },
    ];
    const platelets = (offset: number, value: number): LabMeasurement => ({
      test: 'platelets',
      date: day(offset),
      value,
    });
    const assessment = assessPatient(
      serumPatient(responder, [platelets(-3, 20), platelets(0, 40), platelets(119, 60), platelets(120, 10)], {
        therapyLines,
      }),
    );
    expect(assessment.toxicities.map((toxicity) => [toxicity.date, toxicity.grade, toxicity.term])).toEqual([
      [day(0), 3, 'Platelets'],
      [day(119), 2, 'Platelets'],
    ]);
  });

  it.each([
    { name: 'rows of one date are not in test order', offsets: [10, 10, 10, 20, 20] },
    { name: 'dates arrive out of order', offsets: [20, 10, 20, 10, 30] },
    { name: 'dates arrive in reverse order', offsets: [30, 20, 20, 10, 10] },
  ])('lists toxicities by date then test when $name (§4.1)', ({ offsets }) => {
    const tests = ['platelets', 'anc', 'hemoglobin', 'platelets', 'anc'] as const;
    const values = { platelets: 20, anc: 0.4, hemoglobin: 7 } as const;
    const extra = offsets.map(
      (offset, index): LabMeasurement => ({
        test: tests[index] as (typeof tests)[number],
        date: day(offset),
        value: values[tests[index] as (typeof tests)[number]],
      }),
    );
    const expected = extra
      .map((lab) => [lab.date, lab.test])
      .sort(([leftDate, leftTest], [rightDate, rightTest]) =>
        (leftDate as string) < (rightDate as string)
          ? -1
          : (leftDate as string) > (rightDate as string)
            ? 1
            : (leftTest as string).localeCompare(rightTest as string),
      );
    const assessment = assessPatient(serumPatient(responder, extra));
    expect(assessment.toxicities.map((toxicity) => [toxicity.date, toxicity.test])).toEqual(expected);
  });

  it('names the CTCAE v5 term when asked for v5 (§4.1)', () => {
    const assessment = assessPatient(serumPatient(responder, [{ test: 'platelets', date: day(10), value: 24 }]), {
      ctcaeVersion: 'v5',
    });
    expect(assessment.toxicities).toMatchObject([
      { test: 'platelets', grade: 4, term: 'Platelet count decreased', version: 'v5' },
    ]);
  });

  it.each([
    { name: 'a creatinine_uln of the same date', uln: [[10, 1.2]], expected: 2 },
    { name: 'an earlier creatinine_uln', uln: [[-3, 1.2]], expected: 2 },
    { name: 'only a later creatinine_uln', uln: [[20, 1.2]], expected: null },
    { name: 'no creatinine_uln', uln: [], expected: null },
  ] as const)('takes the creatinine ULN from $name (§4.1)', ({ uln, expected }) => {
    const extra: LabMeasurement[] = [
      { test: 'creatinine', date: day(10), value: 2.0 },
      ...uln.map(([offset, value]): LabMeasurement => ({ test: 'creatinine_uln', date: day(offset), value })),
    ];
    const assessment = assessPatient(serumPatient(responder, extra));
    const graded = assessment.toxicities.find((toxicity) => toxicity.test === 'creatinine');
    expect(graded?.grade ?? null).toBe(expected);
    expect(assessment.ungradable.some((value) => value.test === 'creatinine')).toBe(expected === null);
  });

  it('grades grade 1 only when a reference range gives the LLN (§4 "without it grade 1 is not computable")', () => {
    const extra: LabMeasurement[] = [{ test: 'platelets', date: day(10), value: 120 }];
    const without = assessPatient(serumPatient(responder, extra));
    const withRange = assessPatient(serumPatient(responder, extra), { referenceRanges: { platelets: { lln: 150 } } });
    expect(without.toxicities).toEqual([]);
    expect(without.ungradable).toMatchObject([{ test: 'platelets', date: day(10) }]);
    expect(withRange.toxicities).toMatchObject([{ test: 'platelets', grade: 1 }]);
  });

  it('lists not gradable values in input order, creatinine and calcium (graded after the scan) included (§4.1)', () => {
    // Creatinine waits for its ULN and calcium for the albumin of its date, which come later here.
    const extra: LabMeasurement[] = [
      { test: 'platelets', date: day(10), value: 120 },
      { test: 'creatinine', date: day(10), value: 1.0 },
      { test: 'hemoglobin', date: day(10), value: 12 },
      { test: 'calcium', date: day(10), value: 9.5 },
      { test: 'platelets', date: day(20), value: 30 },
      { test: 'anc', date: day(20), value: 1.8 },
      { test: 'albumin', date: day(10), value: 4 },
    ];
    const assessment = assessPatient(serumPatient(responder, extra));
    expect(assessment.ungradable.map((value) => value.test)).toEqual([
      'platelets',
      'creatinine',
      'hemoglobin',
      'calcium',
      'anc',
    ]);
    expect(assessment.ungradable.map((value) => value.reason)).toEqual([
      expect.stringContaining('LLN'),
      expect.stringContaining('ULN'),
      expect.stringContaining('LLN'),
      expect.stringContaining('ULN is needed to grade Calcium, serum-high (hypercalcemia): corrected calcium 9.5'),
      expect.stringContaining('LLN'),
    ]);
    expect(assessment.ungradable).toBe(assessment.ungradable);
    const written = JSON.parse(JSON.stringify(assessment)) as { ungradable: unknown; toxicities: unknown };
    expect(written.ungradable).toEqual(JSON.parse(JSON.stringify(assessment.ungradable)));
    expect(assessment.toxicities.map((toxicity) => [toxicity.date, toxicity.test, toxicity.grade])).toEqual([
      [day(20), 'platelets', 3],
    ]);
  });

  it('throws a RangeError when the patient has no therapy line', () => {
    expect(() => assessPatient({ ...serumPatient(responder), therapyLines: [] })).toThrow(RangeError);
  });
});

describe('classifyBaselinePcl', () => {
  const blood = (offset: number, percent: number, wbc: number): LabMeasurement[] => [
    { test: 'pb_plasma_cells', date: day(offset), value: percent },
    { test: 'wbc', date: day(offset), value: wbc },
  ];

  it('classifies from PB plasma cells and WBC of one date in the baseline window (§5)', () => {
    const pcl = classifyBaselinePcl(blood(-3, 22, 9), indexDate, 30);
    expect(pcl?.date).toBe(day(-3));
    expect(pcl?.classification.imwg2003.isMet).toBe(true);
    expect(pcl?.classification.absolutePlasmaCellsPer1e9L).toBeCloseTo(1.98, 12);
  });

  it('uses the latest date with both values when several are in the window (§5)', () => {
    const pcl = classifyBaselinePcl([...blood(-20, 50, 10), ...blood(-2, 4, 5)], indexDate, 30);
    expect(pcl?.date).toBe(day(-2));
    expect(pcl?.classification.imwg2021.isMet).toBe(false);
  });

  it.each([
    { name: 'the values are on different dates', labs: [blood(-3, 30, 9)[0], blood(-2, 30, 9)[1]] },
    { name: 'the date is 31 days before C1D1 with a 30-day window', labs: blood(-31, 30, 9) },
    { name: 'the date is after C1D1', labs: blood(1, 30, 9) },
  ])('returns null when $name (§5)', ({ labs }) => {
    expect(
      classifyBaselinePcl(
        labs.filter((lab) => lab !== undefined),
        indexDate,
        30,
      ),
    ).toBeNull();
  });

  it.each([
    {
      name: 'a later PB value has no WBC of its date',
      labs: [...blood(-2, 40, 6), { test: 'pb_plasma_cells', date: day(-1), value: 70 }] as LabMeasurement[],
      expected: { date: day(-2), percent: 40, wbc: 6 },
    },
    {
      name: 'the rows arrive out of date order',
      labs: [...blood(-2, 40, 6), ...blood(-10, 50, 8)],
      expected: { date: day(-2), percent: 40, wbc: 6 },
    },
    {
      name: 'one date has two results of a test (the later row is used)',
      labs: [...blood(-2, 40, 6), ...blood(-2, 45, 7)],
      expected: { date: day(-2), percent: 45, wbc: 7 },
    },
  ])('takes the values of the latest date with both when $name (§5)', ({ labs, expected }) => {
    const pcl = classifyBaselinePcl(labs, indexDate, 30);
    expect(pcl === null ? null : [pcl.date, pcl.peripheralBloodPlasmaCellsPercent, pcl.whiteBloodCellsPer1e9L]).toEqual(
      [expected.date, expected.percent, expected.wbc],
    );
  });

  it('accepts a date exactly at the edge of the window (§1.6 step 1)', () => {
    expect(classifyBaselinePcl(blood(-30, 30, 9), indexDate, 30)?.date).toBe(day(-30));
  });
});
