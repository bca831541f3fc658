import { describe, expect, it } from 'vitest';
import { addDays as addDaysToDate, toCalendarDate } from '../../domain/calendar-date.ts';
import type { LabMeasurement, QuantitativeLabTest } from '../../domain/laboratory.ts';
import { assessTumourLysis } from './assess-tumour-lysis.ts';
import { detectLaboratoryTumourLysis } from './detect-laboratory-tumour-lysis.ts';
import { gradeClinicalTumourLysis, gradeCreatinineRatio } from './grade-clinical-tumour-lysis.ts';
import type { TumourLysisClinicalFinding, TumourLysisInput } from './tumour-lysis-input.ts';
import { defaultTumourLysisSettings, type TumourLysisSettings } from './tumour-lysis-settings.ts';

const start = toCalendarDate('2006-03-10');
const day = (offset: number) => addDaysToDate(start, offset);
const lab = (test: QuantitativeLabTest, offset: number, value: number): LabMeasurement => ({
  test,
  date: day(offset),
  value,
});

function input(measurements: readonly LabMeasurement[], extra: Partial<TumourLysisInput> = {}): TumourLysisInput {
  return { measurements, therapyStartDate: start, ...extra };
}

const cairo = defaultTumourLysisSettings;
const howard: TumourLysisSettings = { ...defaultTumourLysisSettings, criteria: 'howard-2011' };

describe('detectLaboratoryTumourLysis, Cairo–Bishop 2004 (clinical-spec.md §7.1)', () => {
  it.each([
    [
      'uric acid 8.0 and potassium 6.0 (both exactly at the cut-off)',
      [lab('uric_acid', 1, 8.0), lab('potassium', 2, 6.0)],
      true,
    ],
    [
      'uric acid 7.99 and potassium 5.99 (both just below)',
      [lab('uric_acid', 1, 7.99), lab('potassium', 2, 5.99)],
      false,
    ],
    ['phosphate 4.5 and calcium 7.0', [lab('phosphate', 0, 4.5), lab('calcium', 1, 7.0)], true],
    ['phosphate 4.49 and calcium 7.01', [lab('phosphate', 0, 4.49), lab('calcium', 1, 7.01)], false],
    ['only uric acid abnormal', [lab('uric_acid', 1, 12), lab('potassium', 1, 4.0)], false],
    ['three analytes abnormal', [lab('uric_acid', 1, 9), lab('potassium', 1, 6.5), lab('phosphate', 1, 6)], true],
  ] as const)('decides %s → %s when values are absolute (§7.1)', (_name, measurements, present) => {
    expect(detectLaboratoryTumourLysis(input(measurements), cairo).isPresent).toBe(present);
  });

  it('dates laboratory TLS to the second abnormality when they occur on different days (§7.1: not simultaneous)', () => {
    const result = detectLaboratoryTumourLysis(input([lab('uric_acid', 1, 8.5), lab('phosphate', 3, 4.6)]), cairo);
    expect(result.isPresent).toBe(true);
    expect(result.date).toBe(day(3));
    expect(result.abnormalities.map((a) => a.analyte)).toEqual(['uric_acid', 'phosphate']);
    expect(result.explanation.ruleId).toBe('tls-cairo-bishop-2004-laboratory');
    expect(result.explanation.text).toContain('window 2006-03-07 to 2006-03-17');
  });

  it.each([
    ['uric acid 6.25 = 1.25 × baseline 5.0 and potassium 5.0 = 1.25 × 4.0', 6.25, 5.0, true],
    ['uric acid 6.24 and potassium 4.99, just under 25 %', 6.24, 4.99, false],
  ] as const)('applies the 25 %% rise from baseline: %s → %s (§7.1)', (_name, uric, potassium, present) => {
    const result = detectLaboratoryTumourLysis(
      input([
        lab('uric_acid', -1, 5.0),
        lab('potassium', -1, 4.0),
        lab('uric_acid', 2, uric),
        lab('potassium', 2, potassium),
      ]),
      cairo,
    );
    expect(result.isPresent).toBe(present);
    if (present) {
      expect(result.abnormalities.map((a) => a.basis)).toEqual(['change-from-baseline', 'change-from-baseline']);
      expect(result.abnormalities[0]?.changePercent).toBeCloseTo(25, 9);
      expect(result.explanation.text).toContain('vs baseline 5 on 2006-03-09, +25 % (25 % rise)');
    }
  });

  it.each([
    ['7.5 = 0.75 × baseline 10.0', 7.5, true],
    ['7.6, a 24 % fall', 7.6, false],
  ] as const)('applies the 25 %% fall for calcium: %s → %s (§7.1)', (_name, calcium, abnormal) => {
    const result = detectLaboratoryTumourLysis(
      input([lab('calcium', 0, 10.0), lab('calcium', 3, calcium), lab('uric_acid', 3, 9)]),
      cairo,
    );
    expect(result.isPresent).toBe(abnormal);
  });

  it('compares only later values with the baseline when the baseline lies inside the window ([IMPL] §7.1)', () => {
    // Day −2 is before the baseline (day 0): a value there is not a "change from" it.
    const result = detectLaboratoryTumourLysis(
      input([lab('potassium', -2, 5.5), lab('potassium', 0, 4.0), lab('uric_acid', 1, 9)]),
      cairo,
    );
    expect(result.isPresent).toBe(false);
  });

  it.each([
    ['30 days before', -30, true],
    ['31 days before', -31, false],
  ] as const)('takes a baseline %s the start when the lookback is 30 days ([IMPL] §7.1)', (_name, offset, present) => {
    const result = detectLaboratoryTumourLysis(
      input([lab('uric_acid', offset, 5.0), lab('uric_acid', 2, 6.5), lab('potassium', 2, 6.5)]),
      cairo,
    );
    expect(result.isPresent).toBe(present);
  });

  it.each([
    ['day −3 and day +7 (inclusive edges)', -3, 7, true],
    ['day −4 (before the window)', -4, 7, false],
    ['day +8 (after the window)', -3, 8, false],
  ] as const)(
    'counts abnormalities on %s when checking the window (§7.1: 3 days before to 7 days after)',
    (_name, first, second, present) => {
      const result = detectLaboratoryTumourLysis(
        input([lab('uric_acid', first, 9), lab('potassium', second, 6.5)]),
        cairo,
      );
      expect(result.isPresent).toBe(present);
    },
  );

  it.each([
    ['adult', 5.0, true],
    ['child', 5.0, false],
    ['child', 6.5, true],
  ] as const)('uses the %s phosphate cut-off when phosphate is %s (§7.1)', (population, phosphate, present) => {
    const result = detectLaboratoryTumourLysis(input([lab('phosphate', 1, phosphate), lab('uric_acid', 1, 9)]), {
      ...cairo,
      population,
    });
    expect(result.isPresent).toBe(present);
  });

  it('corrects calcium with a same-day albumin when the setting asks for it ([IMPL] §7.1)', () => {
    const measurements = [lab('calcium', 1, 6.9), lab('albumin', 1, 3.0), lab('uric_acid', 1, 9)];
    expect(detectLaboratoryTumourLysis(input(measurements), cairo).isPresent).toBe(true);
    const corrected = detectLaboratoryTumourLysis(input(measurements), {
      ...cairo,
      calciumCorrection: 'albumin-same-day',
    });
    expect(corrected.isPresent).toBe(false);
    expect(corrected.explanation.text).toContain('calcium corrected for a same-day albumin');
  });

  it('lists the thresholds missed when no analyte is abnormal (§7.1)', () => {
    const result = detectLaboratoryTumourLysis(input([lab('uric_acid', -1, 5.0), lab('uric_acid', 2, 6.0)]), cairo);
    expect(result.explanation.checks).toEqual([
      { quantity: 'uric acid', value: 6.0, unit: 'mg/dL', comparator: '>=', threshold: 8.0, isMet: false },
      { quantity: 'uric acid vs baseline', value: 6.0, unit: 'mg/dL', comparator: '>=', threshold: 6.25, isMet: false },
    ]);
    expect(result.explanation.text).toContain('no potassium value in the window');
  });
});

describe('detectLaboratoryTumourLysis, Howard 2011 vs Cairo–Bishop (clinical-spec.md §7.1)', () => {
  it('disagrees with Cairo–Bishop when the two abnormalities are on different days (Howard: same 24 h)', () => {
    const measurements = [lab('uric_acid', 1, 8.5), lab('phosphate', 3, 4.6)];
    expect(detectLaboratoryTumourLysis(input(measurements), cairo).isPresent).toBe(true);
    const result = detectLaboratoryTumourLysis(input(measurements), howard);
    expect(result.isPresent).toBe(false);
    expect(result.explanation.ruleId).toBe('tls-howard-2011-laboratory');
    expect(result.explanation.text).toContain('never two within the same date');
  });

  it('disagrees with Cairo–Bishop when the abnormalities are 25 % changes only (Howard: no change rule)', () => {
    const measurements = [
      lab('uric_acid', -1, 5.0),
      lab('potassium', -1, 4.0),
      lab('uric_acid', 2, 6.5),
      lab('potassium', 2, 5.2),
    ];
    expect(detectLaboratoryTumourLysis(input(measurements), cairo).isPresent).toBe(true);
    expect(detectLaboratoryTumourLysis(input(measurements), howard).isPresent).toBe(false);
  });

  it('finds laboratory TLS when two abnormalities share a date (§7.1)', () => {
    const result = detectLaboratoryTumourLysis(
      input([lab('uric_acid', 1, 8.5), lab('uric_acid', 2, 9.0), lab('potassium', 2, 6.2)]),
      howard,
    );
    expect(result.isPresent).toBe(true);
    expect(result.date).toBe(day(2));
    expect(result.abnormalities.map((a) => [a.analyte, a.date])).toEqual([
      ['uric_acid', day(2)],
      ['potassium', day(2)],
    ]);
  });

  it.each([
    [0, false],
    [1, true],
  ] as const)('accepts consecutive dates when howardSimultaneityDays is %s → %s ([IMPL] §7.1)', (days, present) => {
    const result = detectLaboratoryTumourLysis(input([lab('uric_acid', 1, 8.5), lab('potassium', 2, 6.2)]), {
      ...howard,
      howardSimultaneityDays: days,
    });
    expect(result.isPresent).toBe(present);
  });

  it.each([
    ['inclusive', true],
    ['strict', false],
  ] as const)(
    'reads values exactly at the cut-offs as abnormal only when comparators are %s (§7.1 flag)',
    (comparators, present) => {
      const result = detectLaboratoryTumourLysis(input([lab('uric_acid', 1, 8.0), lab('potassium', 1, 6.0)]), {
        ...howard,
        howardComparators: comparators,
      });
      expect(result.isPresent).toBe(present);
    },
  );
});

describe('gradeCreatinineRatio (clinical-spec.md §7.2 with the grade I [IMPL])', () => {
  it.each([
    [1.49, 0],
    [1.5, 1],
    [1.51, 2],
    [3.0, 2],
    [3.01, 3],
    [6.0, 3],
    [6.01, 4],
    [1.8 / 1.2, 1],
  ])('grades creatinine %s × ULN as %s when compared with the Cairo–Bishop table', (ratio, grade) => {
    expect(gradeCreatinineRatio(ratio)).toBe(grade);
  });
});

describe('assessTumourLysis clinical TLS and grade (clinical-spec.md §7.2)', () => {
  const ltls = [lab('uric_acid', 1, 9), lab('potassium', 1, 6.5)];
  const assess = (
    extra: readonly LabMeasurement[],
    findings: readonly TumourLysisClinicalFinding[] = [],
    settings: TumourLysisSettings = cairo,
  ) =>
    assessTumourLysis(input([...ltls, ...extra], { clinicalFindings: findings, creatinineUlnMgPerDl: 1.0 }), settings);

  it.each([
    ['creatinine 1.49 × ULN', 1.49, false, 0],
    ['creatinine exactly 1.5 × ULN', 1.5, true, 1],
    ['creatinine 1.51 × ULN', 1.51, true, 2],
    ['creatinine 3.01 × ULN', 3.01, true, 3],
    ['creatinine 6.01 × ULN', 6.01, true, 4],
  ] as const)('grades %s with laboratory TLS (§7.2)', (_name, creatinine, present, grade) => {
    const result = assess([lab('creatinine', 2, creatinine)]);
    expect(result.clinical.isPresent).toBe(present);
    expect(result.grade).toBe(grade);
  });

  it('takes the worst component when arrhythmia is graded above creatinine (§7.2: grade = worst component)', () => {
    const result = assess([lab('creatinine', 2, 1.6)], [{ kind: 'cardiac-arrhythmia', date: day(3), grade: 3 }]);
    expect(result.grade).toBe(3);
    expect(result.explanation.text).toContain('present, grade III');
    expect(result.explanation.ruleId).toBe('tls-cairo-bishop-2004-clinical');
  });

  it.each([
    ['a seizure grade IV', { kind: 'seizure', date: day(2), grade: 4 } as const, 4],
    ['sudden death', { kind: 'sudden-death', date: day(4) } as const, 5],
    ['an arrhythmia grade I', { kind: 'cardiac-arrhythmia', date: day(0), grade: 1 } as const, 1],
  ])('grades clinical TLS from %s when creatinine is normal (§7.2)', (_name, finding, grade) => {
    expect(assess([lab('creatinine', 2, 0.9)], [finding]).grade).toBe(grade);
  });

  it('reports no clinical TLS when a clinical criterion occurs without laboratory TLS (§7.2)', () => {
    const result = assessTumourLysis(
      input([lab('uric_acid', 1, 9), lab('creatinine', 2, 2.0)], { creatinineUlnMgPerDl: 1.0 }),
      cairo,
    );
    expect(result.laboratory.isPresent).toBe(false);
    expect(result.clinical.isPresent).toBe(false);
    expect(result.grade).toBe(0);
    expect(result.clinical.explanation.text).toContain('clinical criteria alone');
  });

  it('does not count a finding outside the window when grading (§7.2)', () => {
    const result = assess([], [{ kind: 'seizure', date: day(8), grade: 3 }]);
    expect(result.clinical.isPresent).toBe(false);
    expect(result.clinical.explanation.text).toContain('outside the window');
  });

  it('prefers a same-day creatinine_uln to the input ULN when both exist (§7.2)', () => {
    const result = assess([lab('creatinine', 2, 1.6), lab('creatinine_uln', 2, 1.2)]);
    // 1.6 / 1.2 = 1.33 × ULN: below 1.5, no renal criterion.
    expect(result.clinical.isPresent).toBe(false);
    expect(result.clinical.creatinineGrade).toBe(0);
  });

  it('says creatinine was not graded when no ULN is known (§7.2)', () => {
    const result = assessTumourLysis(input([...ltls, lab('creatinine', 2, 3.0)]), cairo);
    expect(result.clinical.isPresent).toBe(false);
    expect(result.clinical.explanation.text).toContain('without a ULN not graded');
  });

  it('ignores Howard-only findings under Cairo–Bishop and counts them under Howard (§7.2)', () => {
    const findings = [{ kind: 'oliguria', date: day(2) } as const];
    const cairoResult = assess([lab('creatinine', 2, 0.9)], findings);
    expect(cairoResult.clinical.isPresent).toBe(false);
    expect(cairoResult.clinical.explanation.text).toContain('is a Howard 2011 criterion');
    const howardLtls = [lab('uric_acid', 1, 9), lab('potassium', 1, 6.5)];
    const howardResult = assessTumourLysis(
      input([...howardLtls, lab('creatinine', 2, 0.9)], { clinicalFindings: findings, creatinineUlnMgPerDl: 1.0 }),
      howard,
    );
    expect(howardResult.clinical.isPresent).toBe(true);
    expect(howardResult.grade).toBeNull();
  });

  it.each([
    ['a rise of exactly 0.3 mg/dL', 1.3, true],
    ['a rise of 0.29 mg/dL', 1.29, false],
  ] as const)("applies Howard's creatinine criterion to %s from baseline (§7.2)", (_name, creatinine, present) => {
    const result = assessTumourLysis(
      input([...ltls, lab('creatinine', -1, 1.0), lab('creatinine', 2, creatinine)], { creatinineUlnMgPerDl: 1.2 }),
      howard,
    );
    expect(result.clinical.isPresent).toBe(present);
    if (present) {
      expect(result.clinical.criteriaMet[0]?.kind).toBe('creatinine-rise');
      // 1.3 / 1.2 = 1.08 × ULN: the Cairo–Bishop table does not grade it.
      expect(result.grade).toBeNull();
    }
  });

  it.each([
    ['1.5 × ULN', 1.5, false],
    ['1.51 × ULN', 1.51, true],
  ] as const)(
    "applies Howard's single-value criterion > 1.5 × ULN to %s when there is no baseline (§7.2)",
    (_name, creatinine, present) => {
      const result = assessTumourLysis(
        input([...ltls, lab('creatinine', 2, creatinine)], { creatinineUlnMgPerDl: 1.0 }),
        howard,
      );
      expect(result.clinical.isPresent).toBe(present);
    },
  );

  it('explains laboratory and clinical TLS together when assessed', () => {
    const result = assess([lab('creatinine', 2, 2.0)]);
    expect(result.explanation.text).toMatch(
      /^Laboratory TLS \(Cairo–Bishop 2004, window 2006-03-07 to 2006-03-17\): present on 2006-03-11/,
    );
    expect(result.explanation.text).toContain(
      'Clinical TLS (Cairo–Bishop 2004): present, grade II (laboratory TLS on 2006-03-11; creatinine 2 mg/dL = 2 × ULN (1) on 2006-03-12)',
    );
  });

  it('grades separately when laboratory TLS is passed to gradeClinicalTumourLysis', () => {
    const data = input([...ltls, lab('creatinine', 2, 2.0)], { creatinineUlnMgPerDl: 1.0 });
    const laboratory = detectLaboratoryTumourLysis(data, cairo);
    expect(gradeClinicalTumourLysis(laboratory, data, cairo).grade).toBe(2);
  });

  it.each([
    ['a negative window', { ...cairo, daysBeforeTherapy: -1 }],
    ['a fractional lookback', { ...cairo, baselineLookbackDays: 1.5 }],
  ])('throws a RangeError when given %s', (_name, settings) => {
    expect(() => assessTumourLysis(input(ltls), settings)).toThrow(RangeError);
  });

  it('throws a RangeError when a measurement is negative', () => {
    expect(() => assessTumourLysis(input([lab('potassium', 1, -4)]))).toThrow(RangeError);
  });
});
