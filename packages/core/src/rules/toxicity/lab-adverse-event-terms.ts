/**
 * The CTCAE laboratory terms the engine grades (clinical-spec.md §4.1), keyed by id, and which terms
 * each laboratory test is graded against (calcium and potassium in both directions).
 */
import type { QuantitativeLabTest } from '../../domain/laboratory.ts';
import type { RuleDefinition } from '../rule.ts';
import { anemia } from './anemia.ts';
import { creatinineIncreased } from './creatinine-increased.ts';
import type { CtcaeLabTerm, LabAdverseEventTermId } from './ctcae-lab-table.ts';
import { hypercalcemia } from './hypercalcemia.ts';
import { hyperkalemia } from './hyperkalemia.ts';
import { hyperuricemia } from './hyperuricemia.ts';
import { hypocalcemia } from './hypocalcemia.ts';
import { hypokalemia } from './hypokalemia.ts';
import { hypophosphatemia } from './hypophosphatemia.ts';
import { lymphocyteCountDecreased } from './lymphocyte-count-decreased.ts';
import { neutrophilCountDecreased } from './neutrophil-count-decreased.ts';
import { plateletCountDecreased } from './platelet-count-decreased.ts';
import { whiteBloodCellDecreased } from './white-blood-cell-decreased.ts';

export const labAdverseEventTerms: Readonly<Record<LabAdverseEventTermId, CtcaeLabTerm>> = {
  'platelet-count-decreased': plateletCountDecreased,
  'neutrophil-count-decreased': neutrophilCountDecreased,
  'white-blood-cell-decreased': whiteBloodCellDecreased,
  'lymphocyte-count-decreased': lymphocyteCountDecreased,
  anemia,
  'creatinine-increased': creatinineIncreased,
  hypercalcemia,
  hypocalcemia,
  hyperkalemia,
  hypokalemia,
  hyperuricemia,
  hypophosphatemia,
};

export const labAdverseEventTermIds = Object.keys(labAdverseEventTerms) as readonly LabAdverseEventTermId[];

/** The terms a test is graded against, the abnormally high term first. */
export const labTestAdverseEventTerms: Readonly<
  Partial<Record<QuantitativeLabTest, readonly LabAdverseEventTermId[]>>
> = {
  platelets: ['platelet-count-decreased'],
  anc: ['neutrophil-count-decreased'],
  wbc: ['white-blood-cell-decreased'],
  lymphocytes: ['lymphocyte-count-decreased'],
  hemoglobin: ['anemia'],
  creatinine: ['creatinine-increased'],
  calcium: ['hypercalcemia', 'hypocalcemia'],
  potassium: ['hyperkalemia', 'hypokalemia'],
  uric_acid: ['hyperuricemia'],
  phosphate: ['hypophosphatemia'],
};

/** The laboratory tests that have a CTCAE term, in a stable order. */
export const gradableLabTests = Object.keys(labTestAdverseEventTerms) as readonly QuantitativeLabTest[];

export function isGradableLabTest(test: QuantitativeLabTest): boolean {
  return labTestAdverseEventTerms[test] !== undefined;
}

/** Every term table's rule definition, v3 then v5 per term. */
export const labAdverseEventRules: readonly RuleDefinition[] = labAdverseEventTermIds.flatMap((id) => [
  labAdverseEventTerms[id].v3.rule,
  labAdverseEventTerms[id].v5.rule,
]);
