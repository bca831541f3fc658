import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { type CtcaeGradingSettings, defaultCtcaeGradingSettings } from './ctcae-grading-settings.ts';
import type { CtcaeVersion } from './ctcae-lab-table.ts';
import { deferredLabExplanation, quickGradeMissingLln, quickGradeMissingUln } from './grade-lab-adverse-event.ts';
import {
  gradeLabTest,
  quickGradeLabTest,
  quickLabTestUndecided,
  quickTermGrade,
  quickTermIndex,
} from './grade-lab-test.ts';
import { gradableLabTests, labTestAdverseEventTerms } from './lab-adverse-event-terms.ts';

describe('gradeLabTest (clinical-spec.md §4.1)', () => {
  it.each([
    ['calcium 12.0 with ULN only', 'calcium', { value: 12.0, uln: 10.5 }, 'Hypercalcemia', 2],
    ['calcium 7.5 with LLN only', 'calcium', { value: 7.5, lln: 8.5 }, 'Hypocalcemia', 2],
    ['calcium 9.0 with both limits', 'calcium', { value: 9.0, uln: 10.5, lln: 8.5 }, 'Hypercalcemia', 0],
    ['potassium 3.2 below the LLN', 'potassium', { value: 3.2, uln: 5.1, lln: 3.5 }, 'Hypokalemia', 2],
    ['potassium 6.5 above the ULN', 'potassium', { value: 6.5, uln: 5.1, lln: 3.5 }, 'Hyperkalemia', 3],
    ['platelets 30', 'platelets', { value: 30, lln: 150 }, 'Platelet count decreased', 3],
  ] as const)(
    'reports the abnormal direction for %s when a test has two terms (§4.1)',
    (_name, test, input, term, grade) => {
      const result = gradeLabTest(test, input, { version: 'v5' });
      expect(result.term).toBe(term);
      expect(result.grade).toBe(grade);
    },
  );

  it('explains both directions when calcium is normal (§4.1)', () => {
    const result = gradeLabTest('calcium', { value: 9.0, uln: 10.5, lln: 8.5 }, { version: 'v5' });
    expect(result.explanation.text).toContain('Hypercalcemia (CTCAE v5.0) grade 0');
    expect(result.explanation.text).toContain('Hypocalcemia (CTCAE v5.0) grade 0');
    expect(result.explanation.checks.length).toBeGreaterThanOrEqual(8);
  });

  it('is not gradable when calcium is normal but the LLN is missing (§4: grade 1 needs the range)', () => {
    const result = gradeLabTest('calcium', { value: 9.0, uln: 10.5 }, { version: 'v3' });
    expect(result.kind).toBe('not-gradable');
    expect(result.term).toBe('Calcium, serum-low (hypocalcemia)');
  });

  it('throws a RangeError when the test has no CTCAE laboratory term', () => {
    expect(() => gradeLabTest('serum_m_protein', { value: 3 }, { version: 'v5' })).toThrow(/no CTCAE laboratory term/);
  });
});

describe('quickGradeLabTest agrees with gradeLabTest (clinical-spec.md §4.1)', () => {
  const settingsCases: readonly CtcaeGradingSettings[] = [
    defaultCtcaeGradingSettings,
    { ...defaultCtcaeGradingSettings, unstatedClinicalDescriptor: 'assume-absent' },
    {
      ...defaultCtcaeGradingSettings,
      unstatedClinicalDescriptor: 'not-gradable',
      calciumWithoutAlbumin: 'not-gradable',
    },
  ];
  const limit = fc.option(fc.double({ min: 0.01, max: 500, noNaN: true }), { nil: undefined });

  it('gives the same term, grade and reason as gradeLabTest for any value when grading a cohort (§4.1)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...gradableLabTests),
        fc.constantFrom<CtcaeVersion>('v3', 'v5'),
        fc.integer({ min: 0, max: settingsCases.length - 1 }),
        fc.record({
          value: fc.double({ min: 0, max: 1000, noNaN: true }),
          uln: limit,
          lln: limit,
          baseline: limit,
          albuminGPerDl: fc.option(fc.double({ min: 1, max: 6, noNaN: true }), { nil: undefined }),
        }),
        (test, version, settingsIndex, raw) => {
          const input =
            raw.uln !== undefined && raw.lln !== undefined && !(raw.lln < raw.uln) ? { ...raw, lln: undefined } : raw;
          const options = { version, settings: settingsCases[settingsIndex] as CtcaeGradingSettings };
          const full = gradeLabTest(test, input, options);
          const quick = quickGradeLabTest(test, input, options);
          if (quick === quickLabTestUndecided) return;
          const termId = (labTestAdverseEventTerms[test] as readonly string[])[quickTermIndex(quick)];
          const grade = quickTermGrade(quick);
          if (grade >= 0) {
            expect([full.kind, full.grade]).toEqual(['graded', grade]);
            if (grade > 0) expect(full.termId).toBe(termId);
          } else {
            expect(full.kind).toBe('not-gradable');
            expect(full.termId).toBe(termId);
            expect(full.kind === 'not-gradable' ? full.reason.kind : null).toBe('missing-reference-limit');
            const expected = grade === quickGradeMissingUln ? 'uln' : grade === quickGradeMissingLln ? 'lln' : '?';
            expect(
              full.kind === 'not-gradable' && full.reason.kind === 'missing-reference-limit' ? full.reason.limit : null,
            ).toBe(expected);
          }
        },
      ),
      { seed: 20240601, numRuns: 3000 },
    );
  });

  it('gives the same term and grade as gradeLabTest for values given without any limit (§4.1, the compiled plain path)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...gradableLabTests),
        fc.constantFrom<CtcaeVersion>('v3', 'v5'),
        fc.integer({ min: 0, max: settingsCases.length - 1 }),
        fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer({ min: 0, max: 1000 })),
        (test, version, settingsIndex, value) => {
          const options = { version, settings: settingsCases[settingsIndex] as CtcaeGradingSettings };
          const full = gradeLabTest(test, { value }, options);
          const quick = quickGradeLabTest(test, { value }, options);
          if (quick === quickLabTestUndecided) {
            expect(full.kind === 'not-gradable' && full.reason.kind === 'missing-reference-limit').toBe(false);
            return;
          }
          const termId = (labTestAdverseEventTerms[test] as readonly string[])[quickTermIndex(quick)];
          const grade = quickTermGrade(quick);
          expect(full.termId).toBe(termId);
          if (grade >= 0) expect([full.kind, full.grade]).toEqual(['graded', grade]);
          else {
            const limit = grade === quickGradeMissingUln ? 'uln' : grade === quickGradeMissingLln ? 'lln' : '?';
            expect(
              full.kind === 'not-gradable' && full.reason.kind === 'missing-reference-limit' && full.reason.limit,
            ).toBe(limit);
          }
        },
      ),
      { seed: 20261130, numRuns: 4000 },
    );
    // The thresholds themselves, where a plain value changes grade: platelets v3 (< 25, 25–50, 50–75 ×10⁹/L).
    const options = { version: 'v3' as const };
    expect(
      [24.99, 25, 49.99, 50, 74.99].map((value) => quickTermGrade(quickGradeLabTest('platelets', { value }, options))),
    ).toEqual([4, 3, 3, 2, 2]);
    expect(quickTermGrade(quickGradeLabTest('platelets', { value: 75 }, options))).toBe(quickGradeMissingLln);
  });

  it('writes the same explanation later as gradeLabTest writes when a quick grade is reported (§4.1)', () => {
    const input = { value: 30, date: '2006-01-02' as CalendarDate };
    const options = { version: 'v3' as const };
    const quick = quickGradeLabTest('platelets', input, options);
    expect(quickTermGrade(quick)).toBe(3);
    const later = deferredLabExplanation('platelet-count-decreased', input, options);
    const full = gradeLabTest('platelets', input, options).explanation;
    expect([later.ruleId, later.ruleVersion, later.text, later.checks]).toEqual([
      full.ruleId,
      full.ruleVersion,
      full.text,
      full.checks,
    ]);
  });
});
