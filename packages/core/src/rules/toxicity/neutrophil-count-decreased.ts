/**
 * CTCAE "Neutrophil count decreased" (v5.0) / "Neutrophils/granulocytes (ANC/AGC)" (v3.0), ANC in
 * 10⁹/L (clinical-spec.md §4.1). v5.0 [V]. v3.0 [P]: "same [U/P]", numbers supported by the v4
 * transcription (§9 item 2); only the CTCAE `version` setting changes the grade. Grade 1 needs the LLN.
 */
import { absolute, type CtcaeLabTerm, ctcaeLabRule, timesLln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'ANC';
const unit = '10^9/L';

export const neutrophilCountDecreased: CtcaeLabTerm = {
  id: 'neutrophil-count-decreased',
  test: 'anc',
  v5: {
    rule: ctcaeLabRule('neutrophil-count-decreased', 'v5', { title: 'Neutrophil count decreased', evidence: 'V' }),
    version: 'v5',
    term: 'Neutrophil count decreased',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<500/mm3; <0.5 x 10e9/L', absolute(0.5)),
      valueBand(3, '<1000 - 500/mm3; <1.0 - 0.5 x 10e9/L', absolute(1.0)),
      valueBand(2, '<1500 - 1000/mm3; <1.5 - 1.0 x 10e9/L', absolute(1.5)),
      valueBand(1, '<LLN - 1500/mm3; <LLN - 1.5 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
  v3: {
    rule: ctcaeLabRule('neutrophil-count-decreased', 'v3', {
      title: 'Neutrophils/granulocytes (ANC/AGC)',
      evidence: 'P',
    }),
    version: 'v3',
    term: 'Neutrophils/granulocytes (ANC/AGC)',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<500/mm3; <0.5 x 10e9/L', absolute(0.5)),
      valueBand(3, '<1000 - 500/mm3; <1.0 - 0.5 x 10e9/L', absolute(1.0)),
      valueBand(2, '<1500 - 1000/mm3; <1.5 - 1.0 x 10e9/L', absolute(1.5)),
      valueBand(1, '<LLN - 1500/mm3; <LLN - 1.5 x 10e9/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [],
  },
};
