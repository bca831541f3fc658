/**
 * CTCAE "Creatinine increased" (v5.0) / "Creatinine" (v3.0), in mg/dL (clinical-spec.md §4.1).
 * v3.0 [V] (table "based on CTCAE v3.0"): ULN only — > ULN, > 1.5, > 3.0, > 6.0 × ULN.
 * v5.0 [V] with the baseline rule: grade 2 "> 1.5 – 3.0 × baseline; > 1.5 – 3.0 × ULN", grade 3
 * "> 3.0 × baseline; > 3.0 – 6.0 × ULN", grade 4 "> 6.0 × ULN". [IMPL] (admiral logic, as the spec
 * states): grade = max(ULN-based grade, baseline-based grade) for grades 2 and 3, which is what
 * "either condition meets the band" gives. Unlike admiral, a missing ULN makes the value not gradable
 * even when a baseline is given, because grades 1 and 4 need it. v4.03's "> 1 – 1.5 × baseline" grade 1
 * was dropped by v5 and is not applied.
 */
import { type CtcaeLabTerm, ctcaeLabRule, timesBaseline, timesUln, valueBand } from './ctcae-lab-table.ts';

const quantity = 'creatinine';
const unit = 'mg/dL';

export const creatinineIncreased: CtcaeLabTerm = {
  id: 'creatinine-increased',
  test: 'creatinine',
  v5: {
    rule: ctcaeLabRule('creatinine-increased', 'v5', {
      title: 'Creatinine increased (× ULN or × baseline)',
      evidence: 'V',
    }),
    version: 'v5',
    term: 'Creatinine increased',
    direction: 'high',
    quantity,
    unit,
    bands: [
      valueBand(4, '>6.0 x ULN', timesUln(6)),
      valueBand(3, '>3.0 x baseline; >3.0 - 6.0 x ULN', timesBaseline(3), timesUln(3)),
      valueBand(2, '>1.5 - 3.0 x baseline; >1.5 - 3.0 x ULN', timesBaseline(1.5), timesUln(1.5)),
      valueBand(1, '>ULN - 1.5 x ULN', timesUln(1)),
    ],
    descriptorOnlyGrades: [],
  },
  v3: {
    rule: ctcaeLabRule('creatinine-increased', 'v3', { title: 'Creatinine (× ULN only)', evidence: 'V' }),
    version: 'v3',
    term: 'Creatinine',
    direction: 'high',
    quantity,
    unit,
    bands: [
      valueBand(4, '>6.0 x ULN', timesUln(6)),
      valueBand(3, '>3.0 - 6.0 x ULN', timesUln(3)),
      valueBand(2, '>1.5 - 3.0 x ULN', timesUln(1.5)),
      valueBand(1, '>ULN - 1.5 x ULN', timesUln(1)),
    ],
    descriptorOnlyGrades: [],
  },
};
