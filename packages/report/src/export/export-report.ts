/**
 * One entry for every download format: `exportReport(analysisOrReport, { formats })` returns the
 * files (relative name → bytes) and how long each format took. Chromium is launched once per call
 * (or the caller's browser reused) and only when PDF or PNG output is asked for. Writing the files
 * is the caller's job: the CLI swaps a directory in atomically, the server streams one file.
 */
import type { StudyAnalysis } from '@mmreg/core';
import type { Browser } from 'playwright-core';
import { buildStudyReport, type StudyReport } from '../build-report.ts';
import type { ReportSoftware } from '../report-text.ts';
import { withChromium } from './chromium.ts';
import { buildReportDocx } from './docx-report.ts';
import { ReportExportError } from './export-error.ts';
import { printReportPdf } from './print-pdf.ts';
import { type RasterFigure, rasteriseFigures } from './rasterise-figures.ts';
import { buildReportXlsx } from './xlsx-report.ts';

/** html report.html · pdf report.pdf · docx report.docx · xlsx report.xlsx · csv tables/*.csv · svg and png figures/* · json results.json. */
export const reportFormats = ['html', 'pdf', 'docx', 'xlsx', 'csv', 'svg', 'png', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface ExportReportOptions {
  readonly formats: readonly ReportFormat[];
  /** Required when exporting from an analysis; a built report carries its own. */
  readonly software?: ReportSoftware;
  /** A running Chromium to reuse (left open); otherwise one is launched for this call and closed. */
  readonly browser?: Browser;
  /** Density of the PNG figures (also those in the DOCX); default 300. */
  readonly pngDotsPerInch?: number;
}

export interface ReportExport {
  readonly report: StudyReport;
  /** Relative path → content, in a stable order. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** Milliseconds spent per format (rasterising the figures counts once, under png or docx). */
  readonly timingsMs: Readonly<Partial<Record<ReportFormat, number>>>;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (reportFormats as readonly string[]).includes(value);
}

/** Parses "html,pdf,docx" (or "all"); throws `unknown-format` naming the bad entries. */
export function parseReportFormats(list: string): ReportFormat[] {
  const entries = list
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  if (entries.includes('all')) return [...reportFormats];
  const unknown = entries.filter((entry) => !isReportFormat(entry));
  if (unknown.length > 0 || entries.length === 0) {
    throw new ReportExportError(
      'unknown-format',
      `unknown report format${unknown.length === 1 ? '' : 's'} ${unknown.join(', ') || '(none given)'}: choose from ${reportFormats.join(', ')} or all`,
    );
  }
  return reportFormats.filter((format) => entries.includes(format));
}

function isStudyReport(source: StudyAnalysis | StudyReport): source is StudyReport {
  return 'html' in source && 'files' in source;
}

const encoder = new TextEncoder();

export async function exportReport(
  source: StudyAnalysis | StudyReport,
  options: ExportReportOptions,
): Promise<ReportExport> {
  let report: StudyReport;
  if (isStudyReport(source)) report = source;
  else {
    if (options.software === undefined) throw new TypeError('exportReport: software is required with an analysis');
    report = buildStudyReport(source, options.software);
  }
  if (report.analysis.study.patients === 0) {
    throw new ReportExportError('empty-report', 'the analysis has no patients: there is nothing to report');
  }
  const formats = new Set(options.formats);
  const files = new Map<string, Uint8Array>();
  const timingsMs: Partial<Record<ReportFormat, number>> = {};
  const timed = async <TResult>(format: ReportFormat, work: () => TResult | Promise<TResult>): Promise<TResult> => {
    const started = performance.now();
    const result = await work();
    timingsMs[format] = (timingsMs[format] ?? 0) + (performance.now() - started);
    return result;
  };
  const text = (name: string) => encoder.encode(report.files.get(name) ?? '');

  if (formats.has('html')) files.set('report.html', encoder.encode(report.html));
  if (formats.has('json')) files.set('results.json', text('results.json'));
  if (formats.has('csv'))
    for (const table of report.tables) files.set(`tables/${table.id}.csv`, text(`tables/${table.id}.csv`));
  if (formats.has('svg')) {
    for (const figure of report.figures) files.set(`figures/${figure.id}.svg`, text(`figures/${figure.id}.svg`));
  }

  let rasters: RasterFigure[] = [];
  const needsPng = formats.has('png') || formats.has('docx');
  if (formats.has('pdf') || needsPng) {
    await withChromium(options.browser, async (browser) => {
      if (formats.has('pdf')) {
        const pdf = await timed('pdf', () =>
          printReportPdf(browser, report.html, { headerText: `mmreg report · ${report.analysis.study.id}` }),
        );
        files.set('report.pdf', pdf);
      }
      if (needsPng) {
        rasters = await timed(formats.has('png') ? 'png' : 'docx', () =>
          rasteriseFigures(browser, report.figures, options.pngDotsPerInch ?? 300),
        );
      }
    });
  }
  if (formats.has('png')) for (const raster of rasters) files.set(`figures/${raster.id}.png`, raster.png);
  if (formats.has('docx')) {
    const docx = await timed('docx', () =>
      buildReportDocx({
        analysis: report.analysis,
        tables: report.tables,
        figures: report.figures,
        rasters,
        software: report.software,
      }),
    );
    files.set('report.docx', docx);
  }
  if (formats.has('xlsx')) {
    const xlsx = await timed('xlsx', () =>
      buildReportXlsx({ analysis: report.analysis, tables: report.tables, software: report.software }),
    );
    files.set('report.xlsx', xlsx);
  }
  return { report, files, timingsMs };
}
