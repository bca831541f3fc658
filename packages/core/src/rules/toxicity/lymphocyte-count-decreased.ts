/**
 * CTCAE "Lymphocyte count decreased" (v5.0) / "Lymphopenia" (v3.0), in 10⁹/L (clinical-spec.md
 * §4.1). v5.0 [V]. v3.0 [P]: "same [U/P]", supported by the v4 transcription (§9 item 2); only the
 * CTCAE `version` setting changes the grade. Grade 1 needs the LLN.
 */
import { absolute, type CtcaeLabTerm, ctcaeLabRule, timesLln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'lymphocytes';
const unit = '10^9/L';

export const lymphocyteCountDecreased: CtcaeLabTerm = {
  id: 'lymphocyte-count-decreased',
  test: 'lymphocytes',
  v5: {
    rule: ctcaeLabRule('lymphocyte-count-decreased', 'v5', { title: 'Lymphocyte count decreased', evidence: 'V' }),
    version: 'v5',
    term: 'Lymphocyte count decreased',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<200/mm3; <0.2 x 10e9/L', absolute(0.2)),
      valueBand(3, '<500 - 200/mm3; <0.5 - 0.2 x 10e9/L', absolute(0.5)),
      valueBand(2, '<800 - 500/mm3; <0.8 - 0.5 x 10e9/L', absolute(0.8)),
      valueBand(1, '<LLN - 800/mm3; <LLN - 0.8 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
  v3: {
    rule: ctcaeLabRule('lymphocyte-count-decreased', 'v3', { title: 'Lymphopenia', evidence: 'P' }),
    version: 'v3',
    term: 'Lymphopenia',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<200/mm3; <0.2 x 10e9/L', absolute(0.2)),
      valueBand(3, '<500 - 200/mm3; <0.5 - 0.2 x 10e9/L', absolute(0.5)),
      valueBand(2, '<800 - 500/mm3; <0.8 - 0.5 x 10e9/L', absolute(0.8)),
      valueBand(1, '<LLN - 800/mm3; <LLN - 0.8 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
};
