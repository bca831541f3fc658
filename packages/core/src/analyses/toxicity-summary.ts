/**
 * Toxicity by category: for each CTCAE category (haematological, neurological, infectious, other),
 * how many patients had each worst grade, any grade, and grade 3–4. "Other" uses the highest grade
 * of each patient's other events; a printed range ("grade 1/2") counts at its upper end and is
 * flagged, so a grade 3–4 count is never understated.
 */
import type { Patient, Study } from '../domain/index.ts';
import { type CategoryCount, countCategory } from './category-count.ts';
import { maximumGrade } from './treatment-outcomes.ts';

export type ToxicityCategory = 'hematologic' | 'neurologic' | 'infectious' | 'other';

export interface ToxicityCategorySummary {
  readonly category: ToxicityCategory;
  readonly label: string;
  /** Patients by worst grade 0–4 (index = grade). */
  readonly byGrade: readonly number[];
  readonly anyGrade: CategoryCount;
  readonly grade3to4: CategoryCount;
  readonly grade3: CategoryCount;
  /** Patients whose grade in this category is a printed range counted at its upper end. */
  readonly rangeCountedAtUpperEnd: number;
}

export interface ToxicityOverview {
  readonly ctcaeVersions: readonly string[];
  readonly categories: readonly ToxicityCategorySummary[];
  /** Other-event terms with the number of patients and the highest grade seen. */
  readonly otherTerms: ReadonlyArray<{
    readonly term: string;
    readonly patients: number;
    readonly highestGrade: number;
  }>;
}

/** How reports name each toxicity category (Table 2's columns). */
export const toxicityCategoryLabels: Readonly<Record<ToxicityCategory, string>> = {
  hematologic: 'Haematological',
  neurologic: 'Neurological',
  infectious: 'Infection (possible or documented)',
  other: 'Other (diarrhoea, nausea, rash)',
};

function worstGrade(patient: Patient, category: ToxicityCategory): { grade: number; isRange: boolean } {
  if (category !== 'other') return { grade: patient.toxicity[category], isRange: false };
  const grades = patient.toxicity.other.map(maximumGrade);
  return {
    grade: grades.length === 0 ? 0 : Math.max(...grades),
    isRange: patient.toxicity.other.some((event) => event.grade.kind === 'range'),
  };
}

export function summariseToxicity(study: Study): ToxicityOverview {
  const n = study.patients.length;
  const categories = (['hematologic', 'neurologic', 'infectious', 'other'] as const).map((category) => {
    const worst = study.patients.map((patient) => worstGrade(patient, category));
    const byGrade = [0, 1, 2, 3, 4].map((grade) => worst.filter((entry) => entry.grade === grade).length);
    return {
      category,
      label: toxicityCategoryLabels[category],
      byGrade,
      anyGrade: countCategory('Any grade', worst.filter((entry) => entry.grade > 0).length, n),
      grade3to4: countCategory('Grade 3–4', worst.filter((entry) => entry.grade >= 3 && entry.grade <= 4).length, n),
      grade3: countCategory('Grade 3', worst.filter((entry) => entry.grade === 3).length, n),
      rangeCountedAtUpperEnd: worst.filter((entry) => entry.isRange).length,
    };
  });
  const terms = new Map<string, { patients: number; highestGrade: number }>();
  for (const patient of study.patients) {
    for (const event of patient.toxicity.other) {
      const entry = terms.get(event.term) ?? { patients: 0, highestGrade: 0 };
      terms.set(event.term, {
        patients: entry.patients + 1,
        highestGrade: Math.max(entry.highestGrade, maximumGrade(event)),
      });
    }
  }
  return {
    ctcaeVersions: [...new Set(study.patients.map((patient) => patient.toxicity.ctcaeVersion))],
    categories,
    otherTerms: [...terms.entries()].map(([term, entry]) => ({ term, ...entry })),
  };
}
