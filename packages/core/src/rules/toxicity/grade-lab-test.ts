/**
 * Grades a laboratory test result against the CTCAE term(s) of its test (clinical-spec.md §4.1):
 * one term for most tests; calcium and potassium are graded in both directions and the abnormal one
 * is reported (a value cannot be above the ULN and below the LLN at once). When neither direction has
 * a grade above 0 and one cannot be decided (a missing ULN or LLN), the result is not gradable.
 */
import type { QuantitativeLabTest } from '../../domain/laboratory.ts';
import {
  gradeLabAdverseEvent,
  type LabAdverseEventGrade,
  type LabAdverseEventInput,
  type LabAdverseEventOptions,
  quickGradeUndecided,
  quickLabGrade,
} from './grade-lab-adverse-event.ts';
import { gradableLabTests, labTestAdverseEventTerms } from './lab-adverse-event-terms.ts';

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
const gradeQuickly = quickLabGrade;
const termUndecided = quickGradeUndecided;

/** `quickGradeLabTest`: the quick path does not decide this value; grade it with `gradeLabTest`. */
export const quickLabTestUndecided = -1;

/**
 * `gradeLabTest` without allocating, for the common case of a cohort run: which of the test's terms
 * (`labTestAdverseEventTerms[test]`) gives the result and its `quickLabGrade` (0–4, or a missing ULN /
 * LLN), packed in one number that `quickTermIndex` and `quickTermGrade` unpack; or
 * `quickLabTestUndecided` when `gradeLabTest` must decide. The term picked is the one `gradeLabTest`
 * reports: the first with a grade above 0, else the first not gradable, else the first.
 */
export function quickGradeLabTest(
  test: QuantitativeLabTest,
  input: LabAdverseEventInput,
  options: LabAdverseEventOptions,
): number {
  const termIds = termsOfTest[test];
  if (termIds === undefined) {
    throw new RangeError(`${test} has no CTCAE laboratory term (graded tests: ${gradableLabTests.join(', ')})`);
  }
  let undecided = -1;
  let undecidedGrade = 0;
  for (let index = 0; index < termIds.length; index += 1) {
    const grade = gradeQuickly(termIds[index] as (typeof termIds)[number], input, options);
    if (grade === termUndecided) return quickLabTestUndecided;
    if (grade > 0 && termIds.length === 1) return packQuickGrade(index, grade);
    if (grade > 0) {
      // Every term is graded (as `gradeLabTest` does) before the first abnormal one is reported.
      for (let later = index + 1; later < termIds.length; later += 1) {
        if (gradeQuickly(termIds[later] as (typeof termIds)[number], input, options) === termUndecided) {
          return quickLabTestUndecided;
        }
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
