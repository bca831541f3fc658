/**
 * CTCAE "Anemia" (v5.0) / "Hemoglobin" (v3.0), haemoglobin in g/dL (clinical-spec.md §4.1). v5.0
 * [V]: grade 3 is "< 8.0 g/dL; transfusion indicated", grade 4 has no number ("life-threatening
 * consequences; urgent intervention indicated") and is reachable only from a stated clinical grade.
 * v3.0 [P] (NCI anaemia grading table): grade 3 "< 8.0 – 6.5", grade 4 "< 6.5 g/dL". Only the CTCAE
 * `version` setting changes the grade. Grade 1 needs the LLN.
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

const quantity = 'haemoglobin';
const unit = 'g/dL';

export const anemia: CtcaeLabTerm = {
  id: 'anemia',
  test: 'hemoglobin',
  v5: {
    rule: ctcaeLabRule('anemia', 'v5', { title: 'Anemia', evidence: 'V' }),
    version: 'v5',
    term: 'Anemia',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(3, 'Hgb <8.0 g/dL; <4.9 mmol/L; <80 g/L; transfusion indicated', absolute(8.0)),
      valueBand(2, 'Hgb <10.0 - 8.0 g/dL; <6.2 - 4.9 mmol/L; <100 - 80 g/L', absolute(10.0)),
      valueBand(1, 'Hgb <LLN - 10.0 g/dL; <LLN - 6.2 mmol/L; <LLN - 100 g/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [lifeThreateningGrade, deathGrade],
  },
  v3: {
    rule: ctcaeLabRule('anemia', 'v3', { title: 'Hemoglobin', evidence: 'P' }),
    version: 'v3',
    term: 'Hemoglobin',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<6.5 g/dL; <4.0 mmol/L; <65 g/L', absolute(6.5)),
      valueBand(3, '<8.0 - 6.5 g/dL; <4.9 - 4.0 mmol/L; <80 - 65 g/L', absolute(8.0)),
      valueBand(2, '<10.0 - 8.0 g/dL; <6.2 - 4.9 mmol/L; <100 - 80 g/L', absolute(10.0)),
      valueBand(1, '<LLN - 10.0 g/dL; <LLN - 6.2 mmol/L; <LLN - 100 g/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
};
