export {
  type AnalysisConventions,
  defaultAnalysisConventions,
  describePrimaryRefractoryConvention,
  type KaplanMeierConfidenceType,
  type PrimaryRefractoryPfsConvention,
} from './analysis-conventions.ts';
export { type CategoryCount, countCategory } from './category-count.ts';
export {
  agreesAtPrecision,
  type ClaimCheck,
  type ClaimOutcome,
  type ClaimVerdict,
  checkClaims,
  compareWithReported,
  parseReportedNumbers,
} from './claim-check.ts';
export {
  compareWithLiterature,
  type HistoricalSeriesRow,
  type LiteratureComparison,
  type PoolingFit,
  roundHalfEven,
  type StudyVersusHistorical,
} from './literature-comparison.ts';
export { type ClaimContext, musto2007ClaimCheckers } from './musto2007-claims.ts';
export {
  assessPatient,
  type BaselinePcl,
  classifyBaselinePcl,
  type LabToxicity,
  type LastKnownAlive,
  type PatientAssessment,
  type PatientAssessmentInput,
  type PatientAssessmentOptions,
  type ReferenceRange,
  type UngradableLabValue,
} from './patient-assessment.ts';
export {
  type CategoricalCharacteristic,
  type ContinuousCharacteristic,
  describeMonoclonalProtein,
  describePatientCharacteristics,
  hasPriorAutologousTransplant,
  type PatientCharacteristics,
  type PatientCharacteristicsRow,
} from './patient-characteristics.ts';
export {
  estimateProportion,
  type ProportionEstimate,
  type ResponseSubgroupComparison,
  type ResponseSummary,
  summariseResponse,
} from './response-summary.ts';
export { analyseStudy, type StudyAnalysis } from './study-analysis.ts';
export {
  type AgreementCount,
  type ColumnComparison,
  compareAssessmentsWithStudy,
  type DerivedPfsStatus,
  type DerivedTable2Row,
  roundToWholeMonths,
  type StudyFromAssessments,
  wholeMonthRoundingRule,
} from './study-from-assessments.ts';
export {
  defaultDiagnosisCreatinineUlnMgPerDl,
  type NotAssessedPatient,
  type RegistryAdministrationInput,
  type RegistryAdverseEventInput,
  type RegistryAssessmentOutcome,
  type RegistryCenterInput,
  type RegistryCourseInput,
  type RegistryEnrolmentInput,
  type RegistryPatientInput,
  type RegistryPriorTherapyInput,
  type RegistryStudy,
  type RegistryStudyInput,
  registryAdverseEventCategory,
  studyFromRegistry,
} from './study-from-registry.ts';
export {
  analyseSurvival,
  compareSurvivalGroups,
  deriveOverallSurvivalRecords,
  deriveProgressionFreeRecords,
  estimateSurvivalGroup,
  type SurvivalGroupEstimate,
  type SurvivalTimeRecord,
} from './survival-analysis.ts';
export type * from './survival-types.ts';
export {
  summariseToxicity,
  type ToxicityCategory,
  type ToxicityCategorySummary,
  type ToxicityOverview,
  toxicityCategoryLabels,
} from './toxicity-summary.ts';
export {
  type CourseSummary,
  describeTreatmentOutcomes,
  maximumGrade,
  standardBortezomibDoseMgPerM2,
  type TreatmentOutcomeRow,
  type TreatmentOutcomes,
} from './treatment-outcomes.ts';
