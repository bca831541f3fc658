/**
 * CTCAE "Hypokalemia" (v5.0) / "Potassium, serum-low (hypokalemia)" (v3.0), in mmol/L. Not a row of
 * clinical-spec.md §4.1 (the issue asks for potassium in both directions): v5.0 [P], read from the
 * admiral v5 transcription the spec cites as its v5 source; v3.0 [U] from domain knowledge (v3 has no
 * grade 2; v4 added "symptomatic; intervention indicated"). The spec should gain this row.
 * v5 grade 2 is "symptomatic with < LLN – 3.0 mmol/L; intervention indicated": the value range of
 * grade 1 plus a clinical descriptor, decided by a stated clinical grade or, when none is stated, by the
 * setting `unstatedClinicalDescriptor` (default assume-present, as admiral does). Grade 1 needs the LLN.
 */
import {
  absolute,
  type CtcaeLabTerm,
  ctcaeLabRule,
  deathGrade,
  descriptorBand,
  timesLln,
  valueBand,
} from './ctcae-lab-table.ts';

const quantity = 'potassium';
const unit = 'mmol/L';

export const hypokalemia: CtcaeLabTerm = {
  id: 'hypokalemia',
  test: 'potassium',
  v5: {
    rule: ctcaeLabRule('hypokalemia', 'v5', { title: 'Hypokalemia', evidence: 'P' }),
    version: 'v5',
    term: 'Hypokalemia',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<2.5 mmol/L; life-threatening consequences', absolute(2.5)),
      valueBand(3, '<3.0 - 2.5 mmol/L; hospitalization indicated', absolute(3.0)),
      descriptorBand(2, 'Symptomatic with <LLN - 3.0 mmol/L; intervention indicated', timesLln(1)),
      valueBand(1, '<LLN - 3.0 mmol/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
  v3: {
    rule: ctcaeLabRule('hypokalemia', 'v3', { title: 'Potassium, serum-low (hypokalemia)', evidence: 'U' }),
    version: 'v3',
    term: 'Potassium, serum-low (hypokalemia)',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<2.5 mmol/L', absolute(2.5)),
      valueBand(3, '<3.0 - 2.5 mmol/L', absolute(3.0)),
      valueBand(1, '<LLN - 3.0 mmol/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
};
