/** Tumour lysis syndrome (clinical-spec.md §7): Cairo–Bishop 2004 laboratory and clinical TLS with grade; Howard 2011 as an option. */
import type { RuleDefinition } from '../rule.ts';
import { cairoBishopLaboratoryTlsRule, howardLaboratoryTlsRule } from './detect-laboratory-tumour-lysis.ts';
import { cairoBishopClinicalTlsRule, howardClinicalTlsRule } from './grade-clinical-tumour-lysis.ts';

export { assessTumourLysis, type TumourLysisAssessment } from './assess-tumour-lysis.ts';
export {
  cairoBishopLaboratoryTlsRule,
  detectLaboratoryTumourLysis,
  howardLaboratoryTlsRule,
  type LaboratoryTumourLysis,
  type TumourLysisAbnormality,
  type TumourLysisAnalyte,
  tumourLysisAnalytes,
} from './detect-laboratory-tumour-lysis.ts';
export {
  type ClinicalTumourLysis,
  type ClinicalTumourLysisCriterion,
  cairoBishopClinicalTlsRule,
  gradeClinicalTumourLysis,
  gradeCreatinineRatio,
  howardClinicalTlsRule,
  type TumourLysisGrade,
  tumourLysisGradeNames,
} from './grade-clinical-tumour-lysis.ts';
export type { TumourLysisClinicalFinding, TumourLysisInput } from './tumour-lysis-input.ts';
export {
  defaultTumourLysisSettings,
  type TumourLysisCriteria,
  type TumourLysisSettings,
} from './tumour-lysis-settings.ts';

/** Every tumour lysis rule definition, for the rule registry. */
export const tumourLysisRules: readonly RuleDefinition[] = [
  cairoBishopLaboratoryTlsRule,
  cairoBishopClinicalTlsRule,
  howardLaboratoryTlsRule,
  howardClinicalTlsRule,
];
