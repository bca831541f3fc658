/** CTCAE toxicity grading (clinical-spec.md §4): laboratory terms from values, clinician-graded terms by name. */

import { correctedCalciumRule } from '../corrected-calcium.ts';
import type { RuleDefinition } from '../rule.ts';
import { ctcaeV3ClinicalTermsRule, ctcaeV5ClinicalTermsRule } from './clinical-adverse-event-terms.ts';
import { labAdverseEventRules } from './lab-adverse-event-terms.ts';

export {
  correctCalciumForAlbumin,
  correctedCalciumRule,
  defaultReferenceAlbuminGPerDl,
} from '../corrected-calcium.ts';
export {
  type ClinicalAdverseEventTerm,
  type ClinicalAdverseEventTermId,
  type ClinicalGradeDescriptions,
  type ClinicalTermInVersion,
  clinicalAdverseEventTermIds,
  clinicalAdverseEventTerms,
  ctcaeV3ClinicalTermsRule,
  ctcaeV5ClinicalTermsRule,
} from './clinical-adverse-event-terms.ts';
export { type CtcaeGradingSettings, defaultCtcaeGradingSettings } from './ctcae-grading-settings.ts';
export {
  type CtcaeBandCondition,
  type CtcaeClinicalGrade,
  type CtcaeDescriptorOnlyGrade,
  type CtcaeGradeBand,
  type CtcaeLabTable,
  type CtcaeLabTerm,
  type CtcaeReference,
  type CtcaeVersion,
  ctcaeVersionLabels,
  ctcaeVersions,
  type LabAdverseEventTermId,
} from './ctcae-lab-table.ts';
export {
  type ClinicalAdverseEventGrade,
  type ClinicalAdverseEventInput,
  type ClinicalTermLookup,
  findClinicalAdverseEventTerm,
  gradeClinicalAdverseEvent,
} from './grade-clinical-adverse-event.ts';
export {
  deferredLabExplanation,
  deferredMissingLimitReason,
  gradeLabAdverseEvent,
  isBeyond,
  type LabAdverseEventGrade,
  type LabAdverseEventInput,
  type LabAdverseEventOptions,
  type LabGradeNotGradableReason,
  type LabGradingCall,
  QuickLabGrader,
  quickGradeMissingLln,
  quickGradeMissingUln,
  quickGradeUndecided,
  quickLabGrade,
  quickLabGrader,
  thresholdRelativeTolerance,
} from './grade-lab-adverse-event.ts';
export {
  gradeLabTest,
  QuickLabTestGrader,
  quickGradeLabTest,
  quickLabTestGrader,
  quickLabTestUndecided,
  quickTermGrade,
  quickTermIndex,
} from './grade-lab-test.ts';
export {
  gradableLabTests,
  isGradableLabTest,
  labAdverseEventRules,
  labAdverseEventTermIds,
  labAdverseEventTerms,
  labTestAdverseEventTerms,
} from './lab-adverse-event-terms.ts';

/** Every toxicity rule definition, for the rule registry. */
export const toxicityRules: readonly RuleDefinition[] = [
  ...labAdverseEventRules,
  correctedCalciumRule,
  ctcaeV3ClinicalTermsRule,
  ctcaeV5ClinicalTermsRule,
];
