/**
 * CTCAE "Platelet count decreased" (v5.0) / "Platelets" (v3.0), in 10⁹/L (clinical-spec.md §4.1).
 * v5.0 [V]. v3.0 [P]: the spec could not retrieve the v3 row and states "same numbers [U/P]", the v4
 * transcription supporting them (§9 item 2); the only setting that changes the grade is the CTCAE
 * `version`, a corrected v3 number is a fix to this table. Grade 1 needs the laboratory's LLN.
 */
import { absolute, type CtcaeLabTerm, ctcaeLabRule, timesLln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'platelets';
const unit = '10^9/L';

export const plateletCountDecreased: CtcaeLabTerm = {
  id: 'platelet-count-decreased',
  test: 'platelets',
  v5: {
    rule: ctcaeLabRule('platelet-count-decreased', 'v5', { title: 'Platelet count decreased', evidence: 'V' }),
    version: 'v5',
    term: 'Platelet count decreased',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<25,000/mm3; <25.0 x 10e9/L', absolute(25)),
      valueBand(3, '<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9/L', absolute(50)),
      valueBand(2, '<75,000 - 50,000/mm3; <75.0 - 50.0 x 10e9/L', absolute(75)),
      valueBand(1, '<LLN - 75,000/mm3; <LLN - 75.0 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
  v3: {
    rule: ctcaeLabRule('platelet-count-decreased', 'v3', { title: 'Platelets', evidence: 'P' }),
    version: 'v3',
    term: 'Platelets',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<25,000/mm3; <25.0 x 10e9/L', absolute(25)),
      valueBand(3, '<50,000 - 25,000/mm3; <50.0 - 25.0 x 10e9/L', absolute(50)),
      valueBand(2, '<75,000 - 50,000/mm3; <75.0 - 50.0 x 10e9/L', absolute(75)),
      valueBand(1, '<LLN - 75,000/mm3; <LLN - 75.0 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
};
