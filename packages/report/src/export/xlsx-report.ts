/**
 * report.xlsx for statisticians: a README sheet (study, provenance, software, and each sheet's
 * title, caption and notes), then one sheet per table with a bold, frozen header row. A cell whose
 * row carries an unrounded number (`TableRow.values`) is written as that number, with a number
 * format that shows it as the report prints it; everything else is text.
 */
import type { StudyAnalysis } from '@mmreg/core';
import ExcelJS from 'exceljs';
import type { ReportSoftware } from '../report-text.ts';
import type { TableModel } from '../table-model.ts';

export interface XlsxReportInput {
  readonly analysis: StudyAnalysis;
  readonly tables: readonly TableModel[];
  readonly software: ReportSoftware;
}

const maxSheetName = 31;
const forbiddenInSheetNames = /[[\]:*?/\\]/g;

/** Unique Excel sheet names (≤ 31 characters, none of []:*?/\) for the tables, in order. */
export function sheetNamesFor(tables: readonly TableModel[]): string[] {
  const used = new Set<string>(['readme']);
  return tables.map((table) => {
    const base =
      table.id
        .replace(/^table-/, '')
        .replace(forbiddenInSheetNames, '-')
        .slice(0, maxSheetName) || 'table';
    let name = base;
    for (let suffix = 2; used.has(name.toLowerCase()); suffix += 1) {
      const tail = ` (${suffix})`;
      name = `${base.slice(0, maxSheetName - tail.length)}${tail}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** An Excel number format that shows `value` as the report's `display` text does (decimals, percent). */
export function numberFormatFor(display: string): string {
  const trimmed = display.trim();
  // "< 0.0001" and the like: the value is exact, the text a bound; let Excel show the number.
  if (!/^[-−]?\d+([.,]\d+)?%?$/.test(trimmed)) return 'General';
  const isPercent = trimmed.endsWith('%');
  const decimals = /[.,](\d+)%?$/.exec(trimmed)?.[1]?.length ?? 0;
  const base = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
  return isPercent ? `${base}%` : base;
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: TableModel): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const header = sheet.addRow(table.columns.map((column) => column.label));
  header.font = { bold: true, name: 'Arial' };
  const widths = table.columns.map((column) => column.label.length);
  for (const row of table.rows) {
    const added = sheet.addRow(
      table.columns.map((column, index) => {
        if (row.isSection === true) return index === 0 ? (row.cells[column.key] ?? '') : null;
        return row.values?.[column.key] ?? row.cells[column.key] ?? '';
      }),
    );
    table.columns.forEach((column, index) => {
      const display = row.cells[column.key] ?? '';
      widths[index] = Math.max(widths[index] ?? 0, display.length);
      const value = row.values?.[column.key];
      if (value !== undefined && row.isSection !== true) added.getCell(index + 1).numFmt = numberFormatFor(display);
    });
    if (row.isSection === true || row.emphasis === 'strong') added.font = { bold: true, name: 'Arial' };
  }
  table.columns.forEach((column, index) => {
    const excelColumn = sheet.getColumn(index + 1);
    excelColumn.width = Math.min(60, Math.max(8, (widths[index] ?? 8) + 2));
    excelColumn.alignment = {
      vertical: 'top',
      wrapText: (widths[index] ?? 0) > 60,
      ...(column.align === undefined ? {} : { horizontal: column.align }),
    };
  });
}

function addReadme(workbook: ExcelJS.Workbook, input: XlsxReportInput, names: readonly string[]): void {
  const { analysis, software } = input;
  const sheet = workbook.addWorksheet('README');
  const lines: Array<[string, string]> = [
    ['Study', `${analysis.study.title} (${analysis.study.id})`],
    ['Citation', analysis.study.citation],
    ['Patients', String(analysis.study.patients)],
    ['Software', `${software.name} ${software.version}`],
    ['Generated', software.generatedAt ?? 'not recorded'],
    ...analysis.study.provenance.map((line): [string, string] => ['Provenance', line]),
    ['', ''],
    ['Numbers', 'Numeric cells hold the unrounded value, formatted as the report prints it; other cells are text.'],
    ['', ''],
  ];
  for (const line of lines) sheet.addRow(line);
  const header = sheet.addRow(['Sheet', 'Table', 'Caption', 'Notes']);
  header.font = { bold: true, name: 'Arial' };
  input.tables.forEach((table, index) => {
    sheet.addRow([names[index] ?? '', table.title, table.caption ?? '', table.notes.join('\n')]);
  });
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 70;
  sheet.getColumn(3).width = 40;
  sheet.getColumn(4).width = 100;
  sheet.getColumn(1).font = { bold: true, name: 'Arial' };
  for (const column of [2, 3, 4]) sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
}

/** The XLSX file's bytes. */
export async function buildReportXlsx(input: XlsxReportInput): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `${input.software.name} ${input.software.version}`;
  workbook.title = `Reproduction: ${input.analysis.study.title}`;
  // A fixed date keeps the file reproducible when the report omits its generation time.
  const created = new Date(input.software.generatedAt ?? '2000-01-01T00:00:00Z');
  workbook.created = created;
  workbook.modified = created;
  const names = sheetNamesFor(input.tables);
  addReadme(workbook, input, names);
  input.tables.forEach((table, index) => {
    addTableSheet(workbook, names[index] ?? table.id, table);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
