/**
 * CTCAE "Hyperuricemia" (v5.0) / "Uric acid, serum-high (hyperuricemia)" (v3.0), in mg/dL
 * (clinical-spec.md §4.1). v5.0 [V]: "> ULN without physiologic consequences" = 1, "> ULN with
 * physiologic consequences" = 3, "life-threatening consequences" = 4 (no number). v3.0 [P] via the v4
 * transcription: "> ULN – 10 mg/dL" without consequences = 1, with consequences = 3, "> 10 mg/dL" = 4.
 * [IMPL] (§4.1): whether consequences are present is a clinical descriptor; a stated clinical grade
 * decides it, otherwise the setting `unstatedClinicalDescriptor` does (default assume-present: admiral
 * assumes the worst case, grade 3). Grade 1 needs the ULN.
 */
import {
  absolute,
  type CtcaeLabTerm,
  ctcaeLabRule,
  deathGrade,
  descriptorBand,
  timesUln,
  valueBand,
} from './ctcae-lab-table.ts';

const quantity = 'uric acid';
const unit = 'mg/dL';

export const hyperuricemia: CtcaeLabTerm = {
  id: 'hyperuricemia',
  test: 'uric_acid',
  v5: {
    rule: ctcaeLabRule('hyperuricemia', 'v5', { title: 'Hyperuricemia', evidence: 'V' }),
    version: 'v5',
    term: 'Hyperuricemia',
    direction: 'high',
    quantity,
    unit,
    bands: [
      descriptorBand(3, '>ULN with physiologic consequences', timesUln(1)),
      valueBand(1, '>ULN without physiologic consequences', timesUln(1)),
    ],
    descriptorOnlyGrades: [{ grade: 4, text: 'Life-threatening consequences' }, deathGrade],
  },
  v3: {
    rule: ctcaeLabRule('hyperuricemia', 'v3', { title: 'Uric acid, serum-high (hyperuricemia)', evidence: 'P' }),
    version: 'v3',
    term: 'Uric acid, serum-high (hyperuricemia)',
    direction: 'high',
    quantity,
    unit,
    bands: [
      valueBand(4, '>10 mg/dL; >0.59 mmol/L', absolute(10)),
      descriptorBand(3, '>ULN - 10 mg/dL; <=0.59 mmol/L with physiologic consequences', timesUln(1)),
      valueBand(1, '>ULN - 10 mg/dL; <=0.59 mmol/L without physiologic consequences', timesUln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
};
