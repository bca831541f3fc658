export { buildReportTables, buildStudyReport, type StudyReport } from './build-report.ts';
export { formatTableCsv } from './csv.ts';
export * from './figures/index.ts';
export * from './format.ts';
export { type ReportContent, type ReportSoftware, renderReportHtml } from './html/render-report.ts';
export { buildReportFigures, type ReportFigure } from './report-figures.ts';
export { buildResultsJson, type ResultsJson, resultsJsonFormatVersion } from './results-json.ts';
export type { TableColumn, TableModel, TableRow } from './table-model.ts';
