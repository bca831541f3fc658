/**
 * CTCAE "Hypophosphatemia" (v5.0) / "Phosphate, serum-low (hypophosphatemia)" (v3.0), in mg/dL
 * (clinical-spec.md §4.1). v3.0 [P] via the v4 transcription: < LLN – 2.5, < 2.5 – 2.0, < 2.0 – 1.0,
 * < 1.0 mg/dL. v5.0 [V] has no numbers: "laboratory finding only and intervention not indicated" = 1,
 * "oral replacement therapy indicated" = 2, "severe or medically significant; hospitalization" = 3,
 * "life-threatening consequences; urgent intervention indicated" = 4. A value below the LLN therefore
 * grades 1 in v5, and grades 2–4 come only from a stated clinical grade (they are never assumed).
 * Grade 1 needs the LLN in both versions.
 */
import {
  absolute,
  type CtcaeLabTerm,
  ctcaeLabRule,
  deathGrade,
  lifeThreateningGrade,
  timesLln,
  valueBand,
} from './ctcae-lab-table.ts';

const quantity = 'phosphate';
const unit = 'mg/dL';

export const hypophosphatemia: CtcaeLabTerm = {
  id: 'hypophosphatemia',
  test: 'phosphate',
  v5: {
    rule: ctcaeLabRule('hypophosphatemia', 'v5', { title: 'Hypophosphatemia (clinical grades 2–4)', evidence: 'V' }),
    version: 'v5',
    term: 'Hypophosphatemia',
    direction: 'low',
    quantity,
    unit,
    bands: [valueBand(1, 'Laboratory finding only and intervention not indicated (value <LLN)', timesLln(1))],
    descriptorOnlyGrades: [
      { grade: 2, text: 'Oral replacement therapy indicated' },
      {
        grade: 3,
        text: 'Severe or medically significant but not immediately life-threatening; hospitalization or prolongation of existing hospitalization indicated',
      },
      lifeThreateningGrade,
      deathGrade,
    ],
  },
  v3: {
    rule: ctcaeLabRule('hypophosphatemia', 'v3', { title: 'Phosphate, serum-low (hypophosphatemia)', evidence: 'P' }),
    version: 'v3',
    term: 'Phosphate, serum-low (hypophosphatemia)',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<1.0 mg/dL; <0.3 mmol/L', absolute(1.0)),
      valueBand(3, '<2.0 - 1.0 mg/dL; <0.6 - 0.3 mmol/L', absolute(2.0)),
      valueBand(2, '<2.5 - 2.0 mg/dL; <0.8 - 0.6 mmol/L', absolute(2.5)),
      valueBand(1, '<LLN - 2.5 mg/dL; <LLN - 0.8 mmol/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
};
