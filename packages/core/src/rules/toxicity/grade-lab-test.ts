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
