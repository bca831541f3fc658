/**
 * Looks up a clinician-graded CTCAE term by name (clinical-spec.md §4.2) and checks a stated grade
 * against it. Names match case-, space- and punctuation-insensitively against the v5 and v3 terms,
 * the id and the listed synonyms; anything else is refused with the list of known terms — never
 * guessed (e.g. "peripheral neuropathy" is refused: CTCAE grades sensory and motor separately).
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Explanation } from '../rule.ts';
import {
  type ClinicalAdverseEventTerm,
  type ClinicalAdverseEventTermId,
  clinicalAdverseEventTermIds,
  clinicalAdverseEventTerms,
  ctcaeV3ClinicalTermsRule,
  ctcaeV5ClinicalTermsRule,
} from './clinical-adverse-event-terms.ts';
import { type CtcaeGrade, type CtcaeVersion, ctcaeVersionLabels } from './ctcae-lab-table.ts';

export type ClinicalTermLookup =
  | { readonly kind: 'found'; readonly term: ClinicalAdverseEventTerm }
  | { readonly kind: 'unknown'; readonly query: string; readonly message: string };

function normaliseTermName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Every accepted spelling, normalised, to its term; built once, duplicates are a table error. */
const termsByName: ReadonlyMap<string, ClinicalAdverseEventTermId> = (() => {
  const index = new Map<string, ClinicalAdverseEventTermId>();
  for (const id of clinicalAdverseEventTermIds) {
    const term = clinicalAdverseEventTerms[id];
    for (const name of new Set([id, term.name, term.v5.term, term.v3.term, ...term.synonyms].map(normaliseTermName))) {
      const previous = index.get(name);
      if (previous !== undefined && previous !== id) {
        throw new RangeError(`clinical term name "${name}" is claimed by both ${previous} and ${id}`);
      }
      index.set(name, id);
    }
  }
  return index;
})();

/** The term a name refers to, or a refusal listing the known terms. */
export function findClinicalAdverseEventTerm(name: string): ClinicalTermLookup {
  const id = termsByName.get(normaliseTermName(name));
  if (id !== undefined) return { kind: 'found', term: clinicalAdverseEventTerms[id] };
  const known = clinicalAdverseEventTermIds.map((termId) => clinicalAdverseEventTerms[termId].name).join(', ');
  return {
    kind: 'unknown',
    query: name,
    message: `"${name}" is not a known clinician-graded CTCAE term (known: ${known})`,
  };
}

export interface ClinicalAdverseEventInput {
  /** Any accepted name of the term ("Herpes zoster", "Shingles", "pneumonia", "Neuropathy: sensory"). */
  readonly term: string;
  readonly grade: CtcaeGrade;
  readonly version: CtcaeVersion;
  readonly date?: CalendarDate | undefined;
}

export type ClinicalAdverseEventGrade =
  | {
      readonly kind: 'graded';
      readonly termId: ClinicalAdverseEventTermId;
      /** The term as the version prints it. */
      readonly term: string;
      readonly version: CtcaeVersion;
      readonly grade: CtcaeGrade;
      /** CTCAE wording of the grade; null for grade 0. */
      readonly description: string | null;
      readonly explanation: Explanation;
    }
  | { readonly kind: 'invalid'; readonly query: string; readonly message: string };

/** Checks a clinician's grade against the term's grade descriptions in the version and describes it. */
export function gradeClinicalAdverseEvent(input: ClinicalAdverseEventInput): ClinicalAdverseEventGrade {
  const lookup = findClinicalAdverseEventTerm(input.term);
  if (lookup.kind === 'unknown') return { kind: 'invalid', query: input.term, message: lookup.message };
  const entry = lookup.term[input.version];
  const rule = input.version === 'v3' ? ctcaeV3ClinicalTermsRule : ctcaeV5ClinicalTermsRule;
  const label = ctcaeVersionLabels[input.version];
  const { grade } = input;
  const description = grade === 0 ? null : (entry.grades[grade] ?? undefined);
  if (description === undefined) {
    const defined = Object.keys(entry.grades).join(', ');
    return {
      kind: 'invalid',
      query: input.term,
      message: `${entry.term} (${label}) has no grade ${grade} (defined grades: ${defined})`,
    };
  }
  const when = input.date === undefined ? '' : ` on ${input.date}`;
  const meaning = description === null ? 'no adverse event' : `"${description}"`;
  return {
    kind: 'graded',
    termId: lookup.term.id,
    term: entry.term,
    version: input.version,
    grade,
    description,
    explanation: {
      ruleId: rule.id,
      ruleVersion: rule.version,
      checks: [],
      text: `${entry.term} (${label}) grade ${grade}${when}, graded by the clinician: ${meaning} [evidence ${entry.evidence}].`,
    },
  };
}
