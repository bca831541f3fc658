import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../../domain/calendar-date.ts';
import { convertToCanonicalUnit } from '../../domain/laboratory.ts';
import { defaultCtcaeGradingSettings } from './ctcae-grading-settings.ts';
import type { CtcaeVersion, LabAdverseEventTermId } from './ctcae-lab-table.ts';
import { gradeLabAdverseEvent, type LabAdverseEventInput } from './grade-lab-adverse-event.ts';
import { labAdverseEventTermIds, labAdverseEventTerms } from './lab-adverse-event-terms.ts';

// Reference limits used throughout (canonical units); the expected grades below are written out by
// hand from clinical-spec.md §4.1, not derived from the tables under test.
const limits: Readonly<Record<LabAdverseEventTermId, { uln?: number; lln?: number }>> = {
  'platelet-count-decreased': { lln: 150 },
  'neutrophil-count-decreased': { lln: 2.0 },
  'white-blood-cell-decreased': { lln: 4.0 },
  'lymphocyte-count-decreased': { lln: 1.0 },
  anemia: { lln: 12.0 },
  'creatinine-increased': { uln: 1.2 },
  hypercalcemia: { uln: 10.5, lln: 8.5 },
  hypocalcemia: { uln: 10.5, lln: 8.5 },
  hyperkalemia: { uln: 5.1, lln: 3.5 },
  hypokalemia: { uln: 5.1, lln: 3.5 },
  hyperuricemia: { uln: 7.0 },
  hypophosphatemia: { lln: 2.7 },
};

type Case = readonly [term: LabAdverseEventTermId, version: CtcaeVersion, value: number, grade: number];

function both(term: LabAdverseEventTermId, rows: ReadonlyArray<readonly [number, number]>): Case[] {
  return (['v3', 'v5'] as const).flatMap((version) =>
    rows.map(([value, grade]) => [term, version, value, grade] as const),
  );
}

function only(
  term: LabAdverseEventTermId,
  version: CtcaeVersion,
  rows: ReadonlyArray<readonly [number, number]>,
): Case[] {
  return rows.map(([value, grade]) => [term, version, value, grade] as const);
}

// Every boundary on both sides: the threshold itself belongs to the milder grade (half-open ranges, §4).
const boundaryCases: readonly Case[] = [
  ...both('platelet-count-decreased', [
    [150, 0],
    [149.99, 1],
    [75, 1],
    [74.99, 2],
    [50, 2],
    [49.99, 3],
    [25, 3],
    [24.99, 4],
    [0, 4],
  ]),
  ...both('neutrophil-count-decreased', [
    [2.0, 0],
    [1.99, 1],
    [1.5, 1],
    [1.49, 2],
    [1.0, 2],
    [0.99, 3],
    [0.5, 3],
    [0.49, 4],
  ]),
  ...both('white-blood-cell-decreased', [
    [4.0, 0],
    [3.99, 1],
    [3.0, 1],
    [2.99, 2],
    [2.0, 2],
    [1.99, 3],
    [1.0, 3],
    [0.99, 4],
  ]),
  ...both('lymphocyte-count-decreased', [
    [1.0, 0],
    [0.99, 1],
    [0.8, 1],
    [0.79, 2],
    [0.5, 2],
    [0.49, 3],
    [0.2, 3],
    [0.19, 4],
  ]),
  ...only('anemia', 'v5', [
    [12.0, 0],
    [11.9, 1],
    [10.0, 1],
    [9.9, 2],
    [8.0, 2],
    [7.9, 3],
    [6.5, 3],
    [6.4, 3], // v5 grade 4 has no number
    [3.0, 3],
  ]),
  ...only('anemia', 'v3', [
    [12.0, 0],
    [11.9, 1],
    [10.0, 1],
    [9.9, 2],
    [8.0, 2],
    [7.9, 3],
    [6.5, 3],
    [6.4, 4],
  ]),
  ...both('creatinine-increased', [
    [1.2, 0],
    [1.21, 1],
    [1.8, 1],
    [1.81, 2],
    [3.6, 2],
    [3.61, 3],
    [7.2, 3],
    [7.21, 4],
  ]),
  ...both('hypercalcemia', [
    [10.5, 0],
    [10.6, 1],
    [11.5, 1],
    [11.6, 2],
    [12.5, 2],
    [12.6, 3],
    [13.5, 3],
    [13.6, 4],
  ]),
  ...both('hypocalcemia', [
    [8.5, 0],
    [8.4, 1],
    [8.0, 1],
    [7.9, 2],
    [7.0, 2],
    [6.9, 3],
    [6.0, 3],
    [5.9, 4],
  ]),
  ...both('hyperkalemia', [
    [5.1, 0],
    [5.2, 1],
    [5.5, 1],
    [5.6, 2],
    [6.0, 2],
    [6.1, 3],
    [7.0, 3],
    [7.1, 4],
  ]),
  ...only('hypokalemia', 'v3', [
    [3.5, 0],
    [3.4, 1],
    [3.0, 1], // v3 has no grade 2
    [2.9, 3],
    [2.5, 3],
    [2.4, 4],
  ]),
  ...only('hypokalemia', 'v5', [
    [3.5, 0],
    [3.4, 2], // "symptomatic with <LLN – 3.0": descriptor assumed present by default
    [3.0, 2],
    [2.9, 3],
    [2.5, 3],
    [2.4, 4],
  ]),
  ...only('hyperuricemia', 'v5', [
    [7.0, 0],
    [7.1, 3], // "> ULN with physiologic consequences" assumed (admiral's worst case)
    [15.0, 3],
  ]),
  ...only('hyperuricemia', 'v3', [
    [7.0, 0],
    [7.1, 3],
    [10.0, 3],
    [10.1, 4],
  ]),
  ...only('hypophosphatemia', 'v3', [
    [2.7, 0],
    [2.6, 1],
    [2.5, 1],
    [2.4, 2],
    [2.0, 2],
    [1.9, 3],
    [1.0, 3],
    [0.9, 4],
  ]),
  ...only('hypophosphatemia', 'v5', [
    [2.7, 0],
    [2.6, 1], // v5 grades 2–4 are clinical descriptors only, never assumed
    [0.5, 1],
  ]),
];

describe('gradeLabAdverseEvent boundaries (clinical-spec.md §4.1)', () => {
  it.each(boundaryCases)(
    'grades %s (%s) value %s as grade %s when the reference limits are given (§4.1)',
    (term, version, value, grade) => {
      const result = gradeLabAdverseEvent(term, { value, ...limits[term] }, { version });
      expect(result.kind).toBe('graded');
      expect(result.grade).toBe(grade);
    },
  );

  it('covers every term in both versions when the case table is complete (§4.1)', () => {
    for (const term of labAdverseEventTermIds) {
      for (const version of ['v3', 'v5'] as const) {
        expect(
          boundaryCases.some(([t, v]) => t === term && v === version),
          `${term} ${version}`,
        ).toBe(true);
      }
    }
  });

  it('explains the band matched and the thresholds missed above it when platelets are 30 (§4.1)', () => {
    const result = gradeLabAdverseEvent(
      'platelet-count-decreased',
      { value: 30, lln: 150, date: toCalendarDate('2006-03-29') },
      { version: 'v5' },
    );
    expect(result.explanation.ruleId).toBe('ctcae-v5-platelet-count-decreased');
    expect(result.explanation.ruleVersion).toBe('5.0');
    expect(result.explanation.checks.map((check) => [check.threshold, check.isMet])).toEqual([
      [25, false],
      [50, true],
    ]);
    expect(result.explanation.text).toBe(
      'Platelet count decreased (CTCAE v5.0) grade 3 on 2006-03-29: platelets 30 10^9/L, "<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9/L" (< 25: not met; < 50: met).',
    );
    expect(result.kind === 'graded' && result.band).toBe('<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9/L');
  });

  it('names the v3 term when grading with CTCAE v3.0 (§4.1)', () => {
    const result = gradeLabAdverseEvent('neutrophil-count-decreased', { value: 0.8, lln: 2 }, { version: 'v3' });
    expect(result.term).toBe('Neutrophils/granulocytes (ANC/AGC)');
    expect(result.explanation.ruleId).toBe('ctcae-v3-neutrophil-count-decreased');
  });
});

describe('gradeLabAdverseEvent unit conversion at the boundary (§4.1, front matter)', () => {
  const canonical = (test: Parameters<typeof convertToCanonicalUnit>[0], value: number, unit: string): number => {
    const converted = convertToCanonicalUnit(test, value, unit);
    if (!converted.ok) throw new Error(converted.message);
    return converted.value;
  };

  it.each([
    ['platelets 50,000/µL', 'platelet-count-decreased', canonical('platelets', 50_000, '/µL'), 150, 2],
    ['platelets 49,999/µL', 'platelet-count-decreased', canonical('platelets', 49_999, '/µL'), 150, 3],
    ['haemoglobin 80 g/L', 'anemia', canonical('hemoglobin', 80, 'g/L'), 12, 2],
    ['haemoglobin 79 g/L', 'anemia', canonical('hemoglobin', 79, 'g/L'), 12, 3],
  ] as const)(
    'grades %s at the converted threshold when the unit is not canonical (§4.1)',
    (_name, term, value, lln, grade) => {
      expect(gradeLabAdverseEvent(term, { value, lln }, { version: 'v5' }).grade).toBe(grade);
    },
  );

  it('grades creatinine of exactly 1.5 × ULN in µmol/L as grade 1 when conversion adds floating-point noise (§4.1)', () => {
    const value = canonical('creatinine', 159.12, 'µmol/L');
    const uln = canonical('creatinine', 106.08, 'µmol/L');
    expect(gradeLabAdverseEvent('creatinine-increased', { value, uln }, { version: 'v3' }).grade).toBe(1);
    expect(gradeLabAdverseEvent('creatinine-increased', { value: value + 0.001, uln }, { version: 'v3' }).grade).toBe(
      2,
    );
  });
});

describe('gradeLabAdverseEvent creatinine baseline rule (§4.1 [IMPL] v5: max of ULN- and baseline-based grade)', () => {
  const uln = 1.2;
  it.each([
    ['0.75 = 1.5 × baseline 0.5, below ULN', 0.75, 0.5, 0],
    ['0.76 > 1.5 × baseline 0.5, below ULN', 0.76, 0.5, 2],
    ['1.5 = 3 × baseline 0.5', 1.5, 0.5, 2],
    ['1.51 > 3 × baseline 0.5', 1.51, 0.5, 3],
    ['3.1: 2 by ULN (> 1.8), 3 by baseline 1.0 (> 3.0)', 3.1, 1.0, 3],
    ['3.7: 3 by ULN (> 3.6), 2 by baseline 2.0 (> 3.0, not > 6.0)', 3.7, 2.0, 3],
    ['7.3 > 6 × ULN', 7.3, 5.0, 4],
    ['1.25 > ULN, not > 1.5 × baseline 1.0', 1.25, 1.0, 1],
  ] as const)('grades v5 creatinine %s when a baseline is given (§4.1)', (_name, value, baseline, grade) => {
    expect(gradeLabAdverseEvent('creatinine-increased', { value, uln, baseline }, { version: 'v5' }).grade).toBe(grade);
  });

  it('ignores the baseline and says so when grading creatinine with CTCAE v3.0 (§4.1 v3: ULN only)', () => {
    const result = gradeLabAdverseEvent('creatinine-increased', { value: 3.1, uln, baseline: 1.0 }, { version: 'v3' });
    expect(result.grade).toBe(2);
    expect(result.explanation.text).toContain('baseline not used');
  });

  it('says the baseline criteria were not applied when v5 creatinine has no baseline (§4.1)', () => {
    const result = gradeLabAdverseEvent('creatinine-increased', { value: 3.1, uln }, { version: 'v5' });
    expect(result.grade).toBe(2);
    expect(result.explanation.text).toContain('no baseline given');
  });

  it('does not grade creatinine when the ULN is missing even with a baseline (§4.1: grades 1 and 4 need the ULN)', () => {
    const result = gradeLabAdverseEvent('creatinine-increased', { value: 3.1, baseline: 1.0 }, { version: 'v5' });
    expect(result.kind).toBe('not-gradable');
    expect(
      result.kind === 'not-gradable' && result.reason.kind === 'missing-reference-limit' && result.reason.limit,
    ).toBe('uln');
  });
});

describe('gradeLabAdverseEvent corrected calcium (§4.1 [U] Ca + 0.8 × (4.0 − albumin))', () => {
  it('grades the corrected value when albumin is given (10.8 with albumin 2.5 → 12.0 mg/dL)', () => {
    const result = gradeLabAdverseEvent(
      'hypercalcemia',
      { value: 10.8, uln: 10.5, albuminGPerDl: 2.5 },
      { version: 'v5' },
    );
    expect(result.gradedValue).toBeCloseTo(12.0, 12);
    expect(result.grade).toBe(2);
    expect(result.explanation.text).toContain('corrected calcium = 10.8 + 0.8 × (4 − albumin 2.5 g/dL) = 12 mg/dL');
  });

  it('grades the reported value and says so when albumin is missing (§4.1, setting calciumWithoutAlbumin)', () => {
    const result = gradeLabAdverseEvent('hypercalcemia', { value: 10.8, uln: 10.5 }, { version: 'v5' });
    expect(result.grade).toBe(1);
    expect(result.explanation.text).toContain('not corrected');
  });

  it('refuses to grade calcium without albumin when the setting asks for correction (§4.1)', () => {
    const result = gradeLabAdverseEvent(
      'hypercalcemia',
      { value: 10.8, uln: 10.5 },
      { version: 'v5', settings: { ...defaultCtcaeGradingSettings, calciumWithoutAlbumin: 'not-gradable' } },
    );
    expect(result.kind === 'not-gradable' && result.reason.kind).toBe('albumin-missing');
  });

  it('uses the configured reference albumin when a laboratory uses 4.4 g/dL (§4.1)', () => {
    const result = gradeLabAdverseEvent(
      'hypercalcemia',
      { value: 10.8, uln: 10.5, albuminGPerDl: 2.5 },
      { version: 'v5', settings: { ...defaultCtcaeGradingSettings, calciumReferenceAlbuminGPerDl: 4.4 } },
    );
    expect(result.gradedValue).toBeCloseTo(12.32, 12);
  });

  it('lifts a low calcium out of hypocalcaemia when albumin is low (7.6 with albumin 2.0 → 9.2 mg/dL)', () => {
    expect(gradeLabAdverseEvent('hypocalcemia', { value: 7.6, lln: 8.5 }, { version: 'v5' }).grade).toBe(2);
    expect(
      gradeLabAdverseEvent('hypocalcemia', { value: 7.6, lln: 8.5, albuminGPerDl: 2.0 }, { version: 'v5' }).grade,
    ).toBe(0);
  });
});

describe('gradeLabAdverseEvent missing reference limits (§4: grade 1 needs the range)', () => {
  it.each([
    ['platelets 160 without LLN', 'platelet-count-decreased', { value: 160 }, 'lln'],
    ['platelets 74 without LLN: grade 2 needs no LLN', 'platelet-count-decreased', { value: 74 }, null],
    ['haemoglobin 11 without LLN', 'anemia', { value: 11 }, 'lln'],
    ['uric acid 8 without ULN', 'hyperuricemia', { value: 8 }, 'uln'],
    ['potassium 5.3 without ULN', 'hyperkalemia', { value: 5.3 }, 'uln'],
    ['potassium 5.8 without ULN: grade 2 needs no ULN', 'hyperkalemia', { value: 5.8 }, null],
    ['potassium 3.2 without LLN in v5: grade 2 is "< LLN"', 'hypokalemia', { value: 3.2 }, 'lln'],
  ] as const)('reports %s when the limit is needed (§4)', (_name, term, input, missing) => {
    const result = gradeLabAdverseEvent(term, input, { version: 'v5' });
    if (missing === null) {
      expect(result.kind).toBe('graded');
    } else {
      expect(result.grade).toBeNull();
      expect(
        result.kind === 'not-gradable' && result.reason.kind === 'missing-reference-limit' && result.reason.limit,
      ).toBe(missing);
      expect(result.explanation.text).toContain(`the ${missing.toUpperCase()} is needed`);
    }
  });
});

describe('gradeLabAdverseEvent clinical descriptors (§4.1 [IMPL] hyperuricaemia clinical flag)', () => {
  const uric = (
    input: Omit<LabAdverseEventInput, 'uln'>,
    policy = defaultCtcaeGradingSettings.unstatedClinicalDescriptor,
  ) =>
    gradeLabAdverseEvent(
      'hyperuricemia',
      { uln: 7, ...input },
      { version: 'v5', settings: { ...defaultCtcaeGradingSettings, unstatedClinicalDescriptor: policy } },
    );

  it.each([
    ['assume-present', 3],
    ['assume-absent', 1],
  ] as const)('grades uric acid 8 mg/dL as %s → %s when no descriptor is stated (§4.1)', (policy, grade) => {
    expect(uric({ value: 8 }, policy).grade).toBe(grade);
  });

  it('returns no grade when the policy is not-gradable and the descriptor is unstated (§4.1)', () => {
    const result = uric({ value: 8 }, 'not-gradable');
    expect(result.kind === 'not-gradable' && result.reason).toMatchObject({
      kind: 'clinical-descriptor-unstated',
      grade: 3,
    });
  });

  it.each([
    [1, 1],
    [3, 3],
    [4, 4],
    [5, 5],
  ] as const)('uses the stated clinical grade %s when uric acid is above the ULN (§4.1)', (stated, grade) => {
    expect(uric({ value: 8, clinicalGrade: stated }).grade).toBe(grade);
  });

  it('ignores a stated clinical grade when the value is not abnormal (§4.1)', () => {
    const result = uric({ value: 6, clinicalGrade: 3 });
    expect(result.grade).toBe(0);
    expect(result.explanation.text).toContain('not applied');
  });

  it('rejects a clinical grade the term does not define (v5 hyperuricaemia has no grade 2)', () => {
    expect(() => uric({ value: 8, clinicalGrade: 2 })).toThrow(RangeError);
    expect(() =>
      gradeLabAdverseEvent('platelet-count-decreased', { value: 10, lln: 150, clinicalGrade: 5 }, { version: 'v5' }),
    ).toThrow(/defines no grade 5/);
  });

  it.each([
    ['hypophosphatemia v5, oral replacement stated', 'hypophosphatemia', { value: 2.0, lln: 2.7, clinicalGrade: 2 }, 2],
    ['hypophosphatemia v5, nothing stated', 'hypophosphatemia', { value: 2.0, lln: 2.7 }, 1],
    ['anaemia v5 Hb 7, life-threatening stated', 'anemia', { value: 7, lln: 12, clinicalGrade: 4 }, 4],
    ['hypokalaemia v5 3.2, stated asymptomatic', 'hypokalemia', { value: 3.2, lln: 3.5, clinicalGrade: 1 }, 1],
    ['hypercalcaemia v5 11 > ULN, symptomatic stated', 'hypercalcemia', { value: 11, uln: 10.5, clinicalGrade: 2 }, 2],
    [
      'hypercalcaemia v5 13, stated 2 below the value grade',
      'hypercalcemia',
      { value: 13, uln: 10.5, clinicalGrade: 2 },
      3,
    ],
  ] as const)('grades %s as the maximum of value and stated grade (§4.1)', (_name, term, input, grade) => {
    expect(gradeLabAdverseEvent(term, input, { version: 'v5' }).grade).toBe(grade);
  });
});

describe('gradeLabAdverseEvent preconditions', () => {
  it.each([
    ['a negative value', { value: -1, lln: 150 }],
    ['a NaN value', { value: Number.NaN, lln: 150 }],
    ['a zero LLN', { value: 100, lln: 0 }],
    ['an LLN above the ULN', { value: 100, lln: 150, uln: 140 }],
  ] as const)('throws a RangeError when given %s', (_name, input) => {
    expect(() => gradeLabAdverseEvent('platelet-count-decreased', input, { version: 'v5' })).toThrow(RangeError);
  });
});

describe('CTCAE term tables (§4.1)', () => {
  it('lists bands from the highest grade down with unique rule ids when read', () => {
    const ids = new Set<string>();
    for (const term of labAdverseEventTermIds) {
      for (const version of ['v3', 'v5'] as const) {
        const table = labAdverseEventTerms[term][version];
        const grades = table.bands.map((band) => band.grade);
        expect(
          [...grades].sort((a, b) => b - a),
          `${term} ${version}`,
        ).toEqual(grades);
        expect(table.rule.specSection).toBe('§4.1');
        expect(table.version).toBe(version);
        ids.add(table.rule.id);
      }
    }
    expect(ids.size).toBe(labAdverseEventTermIds.length * 2);
  });

  it('keeps the grade monotone in the value when values move away from normal (property, §4)', () => {
    const termArbitrary = fc.constantFrom(...labAdverseEventTermIds);
    const versionArbitrary = fc.constantFrom<CtcaeVersion>('v3', 'v5');
    const value = fc.double({ min: 0, max: 40, noNaN: true });
    fc.assert(
      fc.property(termArbitrary, versionArbitrary, value, value, (term, version, a, b) => {
        const table = labAdverseEventTerms[term][version];
        const [low, high] = a <= b ? [a, b] : [b, a];
        const grade = (x: number) => gradeLabAdverseEvent(term, { value: x, ...limits[term] }, { version }).grade ?? -1;
        return table.direction === 'low' ? grade(low) >= grade(high) : grade(low) <= grade(high);
      }),
      { seed: 20240601 },
    );
  });
});

describe('gradeLabAdverseEvent deferred explanations (§4)', () => {
  it('writes the missing-limit message and the explanation on first read and in JSON when the LLN is missing (§4)', () => {
    const result = gradeLabAdverseEvent('platelet-count-decreased', { value: 160 }, { version: 'v5' });
    const serialised = JSON.parse(JSON.stringify(result)) as {
      reason: { kind: string; limit: string; message: string };
      explanation: { text: string; checks: unknown[] };
    };
    expect(serialised.reason).toEqual({
      kind: 'missing-reference-limit',
      limit: 'lln',
      message: result.kind === 'not-gradable' ? result.reason.message : '',
    });
    expect(serialised.reason.message).toContain('the LLN is needed to grade Platelet count decreased');
    expect(serialised.explanation.text).toBe(result.explanation.text);
    expect(serialised.explanation.checks).toHaveLength(3);
  });

  it('writes the same explanation for a graded value read late as read at once when the band is met (§4.1)', () => {
    const late = gradeLabAdverseEvent(
      'platelet-count-decreased',
      { value: 40, date: toCalendarDate('2006-01-02') },
      { version: 'v5' },
    );
    const early = gradeLabAdverseEvent(
      'platelet-count-decreased',
      { value: 40, date: toCalendarDate('2006-01-02') },
      { version: 'v5' },
    );
    const text = early.explanation.text;
    expect(late.grade).toBe(3);
    expect(late.explanation.checks.map((check) => [check.threshold, check.isMet])).toEqual([
      [25, false],
      [50, true],
    ]);
    expect(late.explanation.text).toBe(text);
    expect(text).toContain('grade 3 on 2006-01-02');
  });
});
