/**
 * CTCAE "White blood cell decreased" (v5.0) / "Leukocytes (total WBC)" (v3.0), in 10⁹/L
 * (clinical-spec.md §4.1). v5.0 [V]. v3.0 [P]: "same [U/P]", supported by the v4 transcription (§9
 * item 2); only the CTCAE `version` setting changes the grade. Grade 1 needs the LLN.
 */
import { absolute, type CtcaeLabTerm, ctcaeLabRule, timesLln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'WBC';
const unit = '10^9/L';

export const whiteBloodCellDecreased: CtcaeLabTerm = {
  id: 'white-blood-cell-decreased',
  test: 'wbc',
  v5: {
    rule: ctcaeLabRule('white-blood-cell-decreased', 'v5', { title: 'White blood cell decreased', evidence: 'V' }),
    version: 'v5',
    term: 'White blood cell decreased',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<1000/mm3; <1.0 x 10e9/L', absolute(1.0)),
      valueBand(3, '<2000 - 1000/mm3; <2.0 - 1.0 x 10e9/L', absolute(2.0)),
      valueBand(2, '<3000 - 2000/mm3; <3.0 - 2.0 x 10e9/L', absolute(3.0)),
      valueBand(1, '<LLN - 3000/mm3; <LLN - 3.0 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
  v3: {
    rule: ctcaeLabRule('white-blood-cell-decreased', 'v3', { title: 'Leukocytes (total WBC)', evidence: 'P' }),
    version: 'v3',
    term: 'Leukocytes (total WBC)',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<1000/mm3; <1.0 x 10e9/L', absolute(1.0)),
      valueBand(3, '<2000 - 1000/mm3; <2.0 - 1.0 x 10e9/L', absolute(2.0)),
      valueBand(2, '<3000 - 2000/mm3; <3.0 - 2.0 x 10e9/L', absolute(3.0)),
      valueBand(1, '<LLN - 3000/mm3; <LLN - 3.0 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
};
