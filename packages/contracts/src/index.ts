export {
  type AssessmentFiles,
  type AssessmentFilesOptions,
  type AssessmentFileText,
  type AssessmentFileTexts,
  assessmentFileNames,
  defaultBaselineWindowDays,
  type PatientAssessmentRecord,
  parseAssessmentFiles,
} from './assessment-files.ts';
export { type CsvRow, readCsvTable } from './csv-table.ts';
export { formatImportIssue, type ImportIssue, type ImportResult } from './import-issue.ts';
export {
  convertMusto2007Source,
  type Musto2007SourceTexts,
  musto2007Files,
  musto2007Regimens,
  parseOtherToxicities,
} from './musto2007-source.ts';
export * from './registry/index.ts';
export * from './registry-import/index.ts';
export { formatStudyFile, parseStudyFile, studyFileFormatVersion, studyFileSchema } from './study-file.ts';
