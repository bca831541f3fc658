export type { Brand } from './brand.ts';
export {
  addDays,
  type CalendarDate,
  daysBetween,
  daysPerMonth,
  fromDayNumber,
  toCalendarDate,
  toDayNumber,
} from './calendar-date.ts';
export { type DataIssue, DomainError, type DomainErrorCode, domainErrorCodes } from './domain-error.ts';
export { type CenterId, type PatientCode, type StudyId, toCenterId, toPatientCode, toStudyId } from './identifiers.ts';
export {
  canonicalUnits,
  convertToCanonicalUnit,
  type FollowUp,
  isLabTest,
  isQuantitativeLabTest,
  type LabMeasurement,
  type LabTest,
  type QualitativeLabTest,
  type QuantitativeLabTest,
  qualitativeLabTests,
  qualitativeValues,
  quantitativeLabTests,
  type TherapyLine,
  type UnitConversion,
  unitConversions,
} from './laboratory.ts';
export {
  isAtLeast,
  isObjectiveResponse,
  type ResponseCategory,
  responseCategories,
  responseCategoryNames,
  responseRank,
} from './response-category.ts';
export type * from './study.ts';
