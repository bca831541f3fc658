/**
 * `@mmreg/report/export`: the report as downloads (PDF, DOCX, XLSX, CSV, SVG, 300-dpi PNG, HTML,
 * results.json). Node only — it drives Chromium — so it is a separate entry point from
 * `@mmreg/report`, which the web app imports for its figures.
 */
export {
  chromiumLaunchArguments,
  defaultChromiumPath,
  isChromiumAvailable,
  launchChromium,
  resolveChromiumPath,
} from './chromium.ts';
export { buildReportDocx, type DocxReportInput } from './docx-report.ts';
export { ReportExportError, type ReportExportErrorCode, reportExportErrorCodes } from './export-error.ts';
export {
  type ExportReportOptions,
  exportReport,
  isReportFormat,
  parseReportFormats,
  type ReportExport,
  type ReportFormat,
  reportFormats,
} from './export-report.ts';
export { type PngInfo, readPngInfo, setPngDensity } from './png-density.ts';
export { printReportPdf } from './print-pdf.ts';
export { type RasterFigure, rasteriseFigures, svgSize } from './rasterise-figures.ts';
export { buildReportOutline, type OutlineItem, type OutlineSection } from './report-outline.ts';
export { buildReportXlsx, numberFormatFor, sheetNamesFor, type XlsxReportInput } from './xlsx-report.ts';
export { zipFiles } from './zip-files.ts';
