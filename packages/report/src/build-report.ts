/**
 * Everything a study report consists of, built in memory from one analysis: the tables, the
 * figures, the HTML page, the CSV files and results.json. Writing files is the caller's job.
 */
import type { StudyAnalysis } from '@mmreg/core';
import { formatTableCsv } from './csv.ts';
import { svgToStandaloneFile } from './figures/index.ts';
import { type ReportSoftware, renderReportHtml } from './html/render-report.ts';
import { buildReportFigures, type ReportFigure } from './report-figures.ts';
import { buildResultsJson, type ResultsJson } from './results-json.ts';
import type { TableModel } from './table-model.ts';
import {
  buildClaimsTable,
  buildHistoricalTestsTable,
  buildLiteratureTable,
  buildResponseTable,
  buildSurvivalTable,
} from './tables/efficacy-tables.ts';
import { buildToxicityTable, buildTreatmentTable } from './tables/outcome-tables.ts';
import { buildPatientSummaryTable, buildPatientTable } from './tables/patient-tables.ts';

export interface StudyReport {
  readonly analysis: StudyAnalysis;
  readonly software: ReportSoftware;
  readonly tables: readonly TableModel[];
  readonly figures: readonly ReportFigure[];
  readonly html: string;
  readonly results: ResultsJson;
  /** Relative path → file content, everything the report writes. */
  readonly files: ReadonlyMap<string, string>;
}

export function buildReportTables(analysis: StudyAnalysis): TableModel[] {
  const tables = [
    buildPatientTable(analysis.characteristics),
    buildPatientSummaryTable(analysis),
    buildTreatmentTable(analysis),
    buildResponseTable(analysis.response),
    buildSurvivalTable(analysis),
    buildToxicityTable(analysis.toxicity, analysis.study.patients),
  ];
  if (analysis.literature !== null) {
    tables.push(
      buildLiteratureTable(analysis.literature, analysis.response),
      buildHistoricalTestsTable(analysis.literature),
    );
  }
  tables.push(buildClaimsTable(analysis.claims));
  return tables;
}

export function buildStudyReport(analysis: StudyAnalysis, software: ReportSoftware): StudyReport {
  const tables = buildReportTables(analysis);
  const figures = buildReportFigures(analysis);
  const html = renderReportHtml({
    analysis,
    tables: Object.fromEntries(tables.map((entry) => [entry.id, entry])),
    figures,
    software,
  });
  const results = buildResultsJson(analysis, software);
  const files = new Map<string, string>([
    ['report.html', html],
    ['results.json', `${JSON.stringify(results, null, 2)}\n`],
  ]);
  for (const entry of tables) files.set(`tables/${entry.id}.csv`, formatTableCsv(entry));
  for (const entry of figures) files.set(`figures/${entry.id}.svg`, svgToStandaloneFile(entry.svg));
  return { analysis, software, tables, figures, html, results, files };
}
