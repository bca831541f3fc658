import { loadMusto2007Study } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { type CalendarDate, toCalendarDate } from '../domain/calendar-date.ts';
import type { FollowUp, LabMeasurement } from '../domain/laboratory.ts';
import type { Patient, ProgressionOutcome, Study, SurvivalOutcome } from '../domain/study.ts';
import { assessPatient, type PatientAssessment } from './patient-assessment.ts';
import { compareAssessmentsWithStudy, roundToWholeMonths } from './study-from-assessments.ts';

const musto = loadMusto2007Study();
const indexDate = toCalendarDate('2005-01-03');

function day(offset: number): CalendarDate {
  return toCalendarDate(new Date(Date.UTC(2005, 0, 3) + offset * 86_400_000).toISOString().slice(0, 10));
}

/** A serum-measurable patient assessed from baseline 4 g/dL and serum M-protein by day. */
function assess(code: string, points: ReadonlyArray<readonly [number, number]>, followUp: FollowUp): PatientAssessment {
  const labs: LabMeasurement[] = [];
  for (const [offset, serum] of [[-3, 4] as const, ...points]) {
    labs.push({ test: 'serum_m_protein', date: day(offset), value: serum });
    labs.push({ test: 'urine_m_protein', date: day(offset), value: 50 });
    labs.push({ test: 'serum_ife', date: day(offset), result: 'positive' });
    labs.push({ test: 'urine_ife', date: day(offset), result: 'positive' });
  }
  labs.push({ test: 'platelets', date: day(10), value: 40 });
  return assessPatient({
    patient: code,
    labs,
    therapyLines: [{ regimen: 'bortezomib', startDate: indexDate, endDate: null }],
    followUp,
  });
}

function studyOf(
  ...patients: Array<{
    code: string;
    bestResponse: Patient['bestResponse'];
    progression: ProgressionOutcome;
    survival: SurvivalOutcome;
  }>
): Study {
  const template = musto.patients[0] as Patient;
  return {
    ...musto,
    patients: patients.map((patient) => ({
      ...template,
      ...patient,
      code: patient.code as Patient['code'],
      toxicity: { ...template.toxicity, hematologic: 3 },
    })),
  };
}

const alive = (offset: number): FollowUp => ({ vitalStatus: 'alive', lastContactDate: day(offset) });
const dead = (offset: number): FollowUp => ({
  vitalStatus: 'dead',
  lastContactDate: day(offset),
  deathDate: day(offset),
});

/** PR from day 42 (confirmed day 63), PD on day `pd` confirmed 14 days later. */
function progressing(pd: number): ReadonlyArray<readonly [number, number]> {
  return [
    [21, 2.4],
    [42, 1.6],
    [63, 1.5],
    [pd, 2.2],
    [pd + 14, 2.8],
  ];
}

describe('roundToWholeMonths', () => {
  it.each([
    { days: 258, expected: 8 },
    { days: 258.71875, expected: 9 },
    { days: 259, expected: 9 },
    { days: 0, expected: 0 },
    { days: 15, expected: 0 },
    { days: 16, expected: 1 },
  ])('rounds $days days to $expected months (halves up, days / 30.4375, §8 [IMPL])', ({ days, expected }) => {
    expect(roundToWholeMonths(days)).toBe(expected);
  });
});

describe('compareAssessmentsWithStudy', () => {
  it('agrees on every column when the derived category, status and whole months match (Table 2)', () => {
    const study = studyOf({
      code: 'A',
      bestResponse: 'PR',
      progression: { kind: 'progression', months: 8 },
      survival: { kind: 'death', months: 10 },
    });
    const comparison = compareAssessmentsWithStudy(study, [assess('A', progressing(245), dead(305))]);
    const [row] = comparison.rows;
    expect(row?.derived).toMatchObject({ bestResponse: 'PR', pfsStatus: 'progressed', osStatus: 'dead' });
    expect([row?.bestResponse.agrees, row?.pfs.agrees, row?.os.agrees]).toEqual([true, true, true]);
    expect(row?.pfs.derived).toBe(`8.05 (8) progressed on ${day(245)}`);
    expect(comparison.agreement).toEqual({
      bestResponse: { agreeing: 1, total: 1 },
      pfs: { agreeing: 1, total: 1 },
      os: { agreeing: 1, total: 1 },
      hematologicToxicity: { agreeing: 1, total: 1 },
    });
  });

  it.each([
    { pd: 258, agrees: true },
    { pd: 259, agrees: false },
  ])(
    'judges PFS on day $pd against a published 8 months by whole-month rounding (agrees: $agrees)',
    ({ pd, agrees }) => {
      const study = studyOf({
        code: 'A',
        bestResponse: 'PR',
        progression: { kind: 'progression', months: 8 },
        survival: { kind: 'censored', months: 12, reason: 'alive-at-last-follow-up' },
      });
      const [row] = compareAssessmentsWithStudy(study, [assess('A', progressing(pd), alive(365))]).rows;
      expect(row?.pfs.agrees).toBe(agrees);
      if (!agrees) expect(row?.pfs.reason).toMatch(/^8\.51 months round to 9, not 8/);
      expect(row?.os.agrees).toBe(true);
    },
  );

  it('disagrees with reasons when the status or category differs', () => {
    const study = studyOf({
      code: 'A',
      bestResponse: 'VGPR',
      progression: { kind: 'censored', months: 8, reason: 'alive-without-progression' },
      survival: { kind: 'death', months: 12 },
    });
    const [row] = compareAssessmentsWithStudy(study, [assess('A', progressing(245), alive(365))]).rows;
    expect(row?.bestResponse).toMatchObject({ agrees: false, published: 'VGPR' });
    expect(row?.bestResponse.reason).toMatch(/^published VGPR, derived PR: /);
    expect(row?.pfs.agrees).toBe(false);
    expect(row?.pfs.reason).toMatch(/^status progressed instead of censored/);
    expect(row?.os.reason).toMatch(/^alive instead of dead/);
  });

  it('accepts a primary-refractory patient only when PD is confirmed at the first evaluation (§8.1)', () => {
    const study = studyOf({
      code: 'R',
      bestResponse: 'PD',
      progression: { kind: 'primary-refractory' },
      survival: { kind: 'death', months: 3 },
    });
    const atFirst = assess(
      'R',
      [
        [21, 5.2],
        [35, 6.1],
      ],
      dead(92),
    );
    const later = assess(
      'R',
      [
        [21, 4.1],
        [35, 5.2],
        [49, 6.1],
      ],
      dead(92),
    );
    const [first] = compareAssessmentsWithStudy(study, [atFirst]).rows;
    const [second] = compareAssessmentsWithStudy(study, [later]).rows;
    expect(first?.pfs).toMatchObject({ agrees: true, published: 'NA primary refractory' });
    expect(first?.bestResponse.agrees).toBe(true);
    expect(second?.pfs.agrees).toBe(false);
  });

  it('counts a published patient without data as a disagreement and lists assessments not in the study', () => {
    const study = studyOf({
      code: 'A',
      bestResponse: 'PR',
      progression: { kind: 'progression', months: 8 },
      survival: { kind: 'death', months: 10 },
    });
    const comparison = compareAssessmentsWithStudy(study, [assess('Z', progressing(245), dead(305))]);
    expect(comparison.rows[0]?.derived).toBeNull();
    expect(comparison.rows[0]?.bestResponse.reason).toBe('no laboratory data for this patient');
    expect(comparison.agreement.bestResponse).toEqual({ agreeing: 0, total: 1 });
    expect(comparison.unmatchedAssessments).toEqual(['Z']);
  });

  it('throws a RangeError when a patient is assessed twice', () => {
    const assessment = assess('A', progressing(245), dead(305));
    expect(() => compareAssessmentsWithStudy(musto, [assessment, assessment])).toThrow(RangeError);
  });
});
