/**
 * CTCAE "Hyperkalemia" (v5.0) / "Potassium, serum-high (hyperkalemia)" (v3.0), in mmol/L
 * (clinical-spec.md §4.1). v5.0 [V]; v3.0 [P] ("same numbers (v4 JSON identical) [U/P]"). The v5
 * qualifiers ("intervention initiated", "hospitalization indicated") are alternatives to the numbers
 * and enter only through a stated clinical grade. Only the CTCAE `version` setting changes the grade.
 * Grade 1 needs the ULN.
 */
import { absolute, type CtcaeLabTerm, ctcaeLabRule, deathGrade, timesUln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'potassium';
const unit = 'mmol/L';

export const hyperkalemia: CtcaeLabTerm = {
  id: 'hyperkalemia',
  test: 'potassium',
  v5: {
    rule: ctcaeLabRule('hyperkalemia', 'v5', { title: 'Hyperkalemia', evidence: 'V' }),
    version: 'v5',
    term: 'Hyperkalemia',
    direction: 'high',
    quantity,
    unit,
    bands: [
      valueBand(4, '>7.0 mmol/L; life-threatening consequences', absolute(7.0)),
      valueBand(3, '>6.0 - 7.0 mmol/L; hospitalization indicated', absolute(6.0)),
      valueBand(2, '>5.5 - 6.0 mmol/L; intervention initiated', absolute(5.5)),
      valueBand(1, '>ULN - 5.5 mmol/L', timesUln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
  v3: {
    rule: ctcaeLabRule('hyperkalemia', 'v3', { title: 'Potassium, serum-high (hyperkalemia)', evidence: 'P' }),
    version: 'v3',
    term: 'Potassium, serum-high (hyperkalemia)',
    direction: 'high',
    quantity,
    unit,
    bands: [
      valueBand(4, '>7.0 mmol/L', absolute(7.0)),
      valueBand(3, '>6.0 - 7.0 mmol/L', absolute(6.0)),
      valueBand(2, '>5.5 - 6.0 mmol/L', absolute(5.5)),
      valueBand(1, '>ULN - 5.5 mmol/L', timesUln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
};
