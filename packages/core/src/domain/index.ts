export type { Brand } from './brand.ts';
export { type CalendarDate, daysBetween, daysPerMonth, toCalendarDate, toDayNumber } from './calendar-date.ts';
export { type DataIssue, DomainError, type DomainErrorCode, domainErrorCodes } from './domain-error.ts';
export { type CenterId, type PatientCode, type StudyId, toCenterId, toPatientCode, toStudyId } from './identifiers.ts';
export {
  isAtLeast,
  isObjectiveResponse,
  type ResponseCategory,
  responseCategories,
  responseCategoryNames,
  responseRank,
} from './response-category.ts';
export type * from './study.ts';
