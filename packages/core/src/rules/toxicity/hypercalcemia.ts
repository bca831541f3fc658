/**
 * CTCAE "Hypercalcemia" (v5.0) / "Calcium, serum-high (hypercalcemia)" (v3.0), corrected serum
 * calcium in mg/dL (clinical-spec.md §4.1). v5.0 [V]; v3.0 [U] ("same numbers, without the clinical
 * qualifiers"). The value graded is albumin-corrected calcium when albumin is given (corrected-calcium.ts,
 * [U]); ionised calcium is not graded. The v5 qualifiers ("symptomatic", "hospitalization indicated")
 * are alternatives to the numbers and enter only through a stated clinical grade. Settings that change
 * the grade: CTCAE `version`, `calciumReferenceAlbuminGPerDl`, `calciumWithoutAlbumin`. Grade 1 needs the ULN.
 */
import { absolute, type CtcaeLabTerm, ctcaeLabRule, deathGrade, timesUln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'corrected calcium';
const unit = 'mg/dL';

export const hypercalcemia: CtcaeLabTerm = {
  id: 'hypercalcemia',
  test: 'calcium',
  v5: {
    rule: ctcaeLabRule('hypercalcemia', 'v5', { title: 'Hypercalcemia (corrected serum calcium)', evidence: 'V' }),
    version: 'v5',
    term: 'Hypercalcemia',
    direction: 'high',
    quantity,
    unit,
    bands: [
      valueBand(4, 'Corrected serum calcium >13.5 mg/dL; >3.4 mmol/L; life-threatening consequences', absolute(13.5)),
      valueBand(
        3,
        'Corrected serum calcium >12.5 - 13.5 mg/dL; >3.1 - 3.4 mmol/L; hospitalization indicated',
        absolute(12.5),
      ),
      valueBand(2, 'Corrected serum calcium >11.5 - 12.5 mg/dL; >2.9 - 3.1 mmol/L; symptomatic', absolute(11.5)),
      valueBand(1, 'Corrected serum calcium >ULN - 11.5 mg/dL; >ULN - 2.9 mmol/L', timesUln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
  v3: {
    rule: ctcaeLabRule('hypercalcemia', 'v3', { title: 'Calcium, serum-high (hypercalcemia)', evidence: 'U' }),
    version: 'v3',
    term: 'Calcium, serum-high (hypercalcemia)',
    direction: 'high',
    quantity,
    unit,
    bands: [
      valueBand(4, '>13.5 mg/dL; >3.4 mmol/L', absolute(13.5)),
      valueBand(3, '>12.5 - 13.5 mg/dL; >3.1 - 3.4 mmol/L', absolute(12.5)),
      valueBand(2, '>11.5 - 12.5 mg/dL; >2.9 - 3.1 mmol/L', absolute(11.5)),
      valueBand(1, '>ULN - 11.5 mg/dL; >ULN - 2.9 mmol/L', timesUln(1)),
    ],
    descriptorOnlyGrades: [deathGrade],
  },
};
