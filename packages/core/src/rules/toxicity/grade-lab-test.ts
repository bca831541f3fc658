/**
 * Grades a laboratory test result against the CTCAE term(s) of its test (clinical-spec.md §4.1):
 * one term for most tests; calcium and potassium are graded in both directions and the abnormal one
 * is reported (a value cannot be above the ULN and below the LLN at once). When neither direction has
 * a grade above 0 and one cannot be decided (a missing ULN or LLN), the result is not gradable.
 */
import type { QuantitativeLabTest } from '../../domain/laboratory.ts';
import type { CtcaeLabTable, LabAdverseEventTermId } from './ctcae-lab-table.ts';
import {
  gradeLabAdverseEvent,
  type LabAdverseEventGrade,
  type LabAdverseEventInput,
  type LabAdverseEventOptions,
  type QuickLabGrader,
  quickGradeUndecided,
  quickLabGrader,
} from './grade-lab-adverse-event.ts';
import { gradableLabTests, labAdverseEventTerms, labTestAdverseEventTerms } from './lab-adverse-event-terms.ts';

export function gradeLabTest(
  test: QuantitativeLabTest,
  input: LabAdverseEventInput,
  options: LabAdverseEventOptions,
): LabAdverseEventGrade {
  const termIds = labTestAdverseEventTerms[test];
  if (termIds === undefined) {
    throw new RangeError(`${test} has no CTCAE laboratory term (graded tests: ${gradableLabTests.join(', ')})`);
  }
  if (termIds.length === 1) return gradeLabAdverseEvent(termIds[0] as (typeof termIds)[number], input, options);
  const results = termIds.map((termId) => gradeLabAdverseEvent(termId, input, options));
  const first = results[0] as LabAdverseEventGrade;
  const abnormal = results.find((result) => result.grade !== null && result.grade > 0);
  if (abnormal !== undefined) return abnormal;
  const undecided = results.find((result) => result.kind === 'not-gradable');
  if (undecided !== undefined) return undecided;
  // Grade 0 in every direction: report the first term, explaining all of them.
  if (first.kind !== 'graded') return first;
  return {
    kind: 'graded',
    termId: first.termId,
    term: first.term,
    version: first.version,
    grade: first.grade,
    band: first.band,
    gradedValue: first.gradedValue,
    unit: first.unit,
    // Fields spelled out: the explanations are written on first read, which a spread would skip.
    explanation: {
      ruleId: first.explanation.ruleId,
      ruleVersion: first.explanation.ruleVersion,
      checks: results.flatMap((result) => result.explanation.checks),
      text: results.map((result) => result.explanation.text).join(' '),
    },
  };
}

/** Imported bindings read once (each read is a getter call where modules load as CommonJS, e.g. tsx). */
const termsOfTest = labTestAdverseEventTerms;
const termUndecided = quickGradeUndecided;
const compileTerm = quickLabGrader;

/** `quickGradeLabTest`: the quick path does not decide this value; grade it with `gradeLabTest`. */
export const quickLabTestUndecided = -1;

/**
 * `gradeLabTest` without allocating, for the common case of a cohort run: which of the test's terms
 * (`labTestAdverseEventTerms[test]`) gives the result and its `quickLabGrade` (0–4, or a missing ULN /
 * LLN), packed in one number that `quickTermIndex` and `quickTermGrade` unpack; or
 * `quickLabTestUndecided` when `gradeLabTest` must decide. The term picked is the one `gradeLabTest`
 * reports: the first with a grade above 0, else the first not gradable, else the first. A cohort run
 * uses `quickLabTestGrader` once per test instead (the same grading, compiled once).
 */
export function quickGradeLabTest(
  test: QuantitativeLabTest,
  input: LabAdverseEventInput,
  options: LabAdverseEventOptions,
): number {
  return quickLabTestGrader(test, options).grade(input);
}

/** `quickGradeLabTest` of one test under one options object, its terms compiled once (`QuickLabGrader`). */
export class QuickLabTestGrader {
  /** The test's terms, `labTestAdverseEventTerms[test]` (what `quickTermIndex` indexes). */
  readonly termIds: readonly LabAdverseEventTermId[];
  /** The table of each term in the options' version, index-aligned with `termIds`. */
  readonly tables: readonly CtcaeLabTable[];
  readonly #graders: readonly QuickLabGrader[];

  constructor(test: QuantitativeLabTest, options: LabAdverseEventOptions) {
    const termIds = termsOfTest[test];
    if (termIds === undefined) {
      throw new RangeError(`${test} has no CTCAE laboratory term (graded tests: ${gradableLabTests.join(', ')})`);
    }
    this.termIds = termIds;
    this.tables = termIds.map((termId) => labAdverseEventTerms[termId][options.version]);
    this.#graders = termIds.map((termId) => compileTerm(termId, options));
  }

  /** The packed `quickGradeLabTest` result of `input`. */
  grade(input: LabAdverseEventInput): number {
    const graders = this.#graders;
    let undecided = -1;
    let undecidedGrade = 0;
    for (let index = 0; index < graders.length; index += 1) {
      const grade = (graders[index] as QuickLabGrader).grade(input);
      if (grade === termUndecided) return quickLabTestUndecided;
      if (grade > 0 && graders.length === 1) return packQuickGrade(index, grade);
      if (grade > 0) {
        // Every term is graded (as `gradeLabTest` does) before the first abnormal one is reported.
        for (let later = index + 1; later < graders.length; later += 1) {
          if ((graders[later] as QuickLabGrader).grade(input) === termUndecided) return quickLabTestUndecided;
        }
        return packQuickGrade(index, grade);
      }
      if (grade < 0 && undecided === -1) {
        undecided = index;
        undecidedGrade = grade;
      }
    }
    return undecided === -1 ? packQuickGrade(0, 0) : packQuickGrade(undecided, undecidedGrade);
  }
}

/** The test graders of an options object (read-only), made on first use of each test. */
const testGradersByOptions = new WeakMap<LabAdverseEventOptions, Map<QuantitativeLabTest, QuickLabTestGrader>>();

/** The `QuickLabTestGrader` of `test` under `options`, made once per (read-only) options object. */
export function quickLabTestGrader(test: QuantitativeLabTest, options: LabAdverseEventOptions): QuickLabTestGrader {
  let graders = testGradersByOptions.get(options);
  if (graders === undefined) {
    graders = new Map();
    testGradersByOptions.set(options, graders);
  }
  let grader = graders.get(test);
  if (grader === undefined) {
    grader = new QuickLabTestGrader(test, options);
    graders.set(test, grader);
  }
  return grader;
}

const quickGradeOffset = 8;
const quickGradeStride = 16;

function packQuickGrade(termIndex: number, grade: number): number {
  return termIndex * quickGradeStride + grade + quickGradeOffset;
}

/** The index in `labTestAdverseEventTerms[test]` of the term a `quickGradeLabTest` result reports. */
export function quickTermIndex(packed: number): number {
  return Math.floor(packed / quickGradeStride);
}

/** The `quickLabGrade` (0–4, `quickGradeMissingUln`, `quickGradeMissingLln`) of a `quickGradeLabTest` result. */
export function quickTermGrade(packed: number): number {
  return (packed % quickGradeStride) - quickGradeOffset;
}
