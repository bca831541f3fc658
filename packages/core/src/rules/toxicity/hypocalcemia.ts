/**
 * CTCAE "Hypocalcemia" (v5.0) / "Calcium, serum-low (hypocalcemia)" (v3.0), corrected serum calcium
 * in mg/dL. Not a row of clinical-spec.md §4.1 (which lists hypercalcaemia only; the issue asks for
 * calcium in both directions): v5.0 [P], read from the admiral v5 transcription the spec cites as its
 * v5 source; v3.0 [P] by the spec's own convention (§4: identical to the v4 transcription). The spec
 * should gain this row. Albumin correction and settings as for hypercalcemia.ts. Grade 1 needs the LLN.
 */
import { absolute, type CtcaeLabTerm, ctcaeLabRule, deathGrade, timesLln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'corrected calcium';
const unit = 'mg/dL';

export const hypocalcemia: CtcaeLabTerm = {
  id: 'hypocalcemia',
  test: 'calcium',
  v5: {
    rule: ctcaeLabRule('hypocalcemia', 'v5', { title: 'Hypocalcemia (corrected serum calcium)', evidence: 'P' }),
    version: 'v5',
    term: 'Hypocalcemia',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, 'Corrected serum calcium <6.0 mg/dL; <1.5 mmol/L; life-threatening consequences', absolute(6.0)),
      valueBand(
        3,
        'Corrected serum calcium <7.0 - 6.0 mg/dL; <1.75 - 1.5 mmol/L; hospitalization indicated',
        absolute(7.0),
      ),
      valueBand(2, 'Corrected serum calcium <8.0 - 7.0 mg/dL; <2.0 - 1.75 mmol/L; symptomatic', absolute(8.0)),
      valueBand(1, 'Corrected serum calcium <LLN - 8.0 mg/dL; <LLN - 2.0 mmol/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
  v3: {
    rule: ctcaeLabRule('hypocalcemia', 'v3', { title: 'Calcium, serum-low (hypocalcemia)', evidence: 'P' }),
    version: 'v3',
    term: 'Calcium, serum-low (hypocalcemia)',
    direction: 'low',
    quantity,
    unit,
    bands: [
      valueBand(4, '<6.0 mg/dL; <1.5 mmol/L', absolute(6.0)),
      valueBand(3, '<7.0 - 6.0 mg/dL; <1.75 - 1.5 mmol/L', absolute(7.0)),
      valueBand(2, '<8.0 - 7.0 mg/dL; <2.0 - 1.75 mmol/L', absolute(8.0)),
      valueBand(1, '<LLN - 8.0 mg/dL; <LLN - 2.0 mmol/L', timesLln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
};
