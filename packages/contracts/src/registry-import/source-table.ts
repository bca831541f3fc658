/**
 * Reads the tables of an import — a CSV file or one sheet of an XLSX workbook — into text cells
 * keyed by column, checking the header against the expected columns. CSV goes through the shared
 * `readCsvTable`; workbook cells become the same text a CSV would hold (numbers as written by
 * JavaScript, Excel dates as YYYY-MM-DD computed in UTC), so one validator judges both.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { readCsvTable } from '../csv-table.ts';
import type { ImportIssue } from '../import-issue.ts';

export interface SourceRow {
  /** 1-based line of the CSV file or row of the sheet (the header is 1). */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface SourceTable {
  /** The name issues use: the file, and for a workbook its sheet ("book.xlsx, sheet labs"). */
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly SourceRow[];
}

/** Which columns a table must have, which it may have, and which hold dates (Excel serials in XLSX). */
export interface TableLayout {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly dateColumns: readonly string[];
}

/** The header of a CSV text (trimmed cells of its first record), or null when there is none. */
export function readCsvHeader(text: string): readonly string[] | null {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(source, { header: false, preview: 1, skipEmptyLines: 'greedy' });
  const header = parsed.data[0];
  return header === undefined ? null : header.map((cell) => cell.trim());
}

/** A CSV table with the layout's required columns and any of its optional ones; issues otherwise. */
export function readCsvSource(
  text: string,
  file: string,
  layout: TableLayout,
  issues: ImportIssue[],
): SourceTable | null {
  const header = readCsvHeader(text) ?? [];
  const expected = [...layout.required, ...layout.optional.filter((column) => header.includes(column))];
  const table = readCsvTable(text, file, expected);
  if (!table.ok) {
    issues.push(...table.issues);
    return null;
  }
  if (table.value.length === 0) {
    issues.push({ file, line: null, column: null, message: 'the file has a header but no rows' });
    return null;
  }
  return { file, columns: expected, rows: table.value };
}

/** Decodes bytes as UTF-8 text, or records an issue (no silent replacement characters). */
export function decodeUtf8(bytes: Uint8Array, file: string, issues: ImportIssue[]): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    issues.push({ file, line: null, column: null, message: 'the file is not UTF-8 text' });
    return null;
  }
}

/** True when the bytes start like a ZIP container (an .xlsx workbook). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const millisecondsPerDay = 86_400_000;
const unixEpochSerial1900 = 25_569;
const serial1904Offset = 1_462;

/**
 * An Excel serial day number as a calendar date. 1900 system: serials count from 1899-12-31 with
 * Lotus's fictitious 1900-02-29 as serial 60, so from serial 61 on day 0 is 1899-12-30; 1904 system
 * (old Mac workbooks): day 0 is 1904-01-01. Fractions (times of day) are dropped; computed in UTC.
 */
export function excelSerialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1)) return null;
  const day = Math.floor(serial + 1e-9);
  if (!date1904 && day === 60) return null;
  const daysSinceUnixEpoch = date1904
    ? day + serial1904Offset - unixEpochSerial1900
    : day - unixEpochSerial1900 + (day < 60 ? 1 : 0);
  return new Date(daysSinceUnixEpoch * millisecondsPerDay).toISOString().slice(0, 10);
}

/** A JavaScript Date read by exceljs (an instant in UTC) as the calendar day it denotes. */
function utcDay(date: Date): string {
  // exceljs turns serial fractions into instants; round to the millisecond grid before taking the day.
  return new Date(Math.round(date.getTime())).toISOString().slice(0, 10);
}

type CellText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

function cellText(value: ExcelJS.CellValue, isDateColumn: boolean, date1904: boolean): CellText {
  if (value === null || value === undefined) return { ok: true, text: '' };
  if (typeof value === 'number') {
    if (!isDateColumn) return { ok: true, text: String(value) };
    const date = excelSerialToDate(value, date1904);
    return date === null
      ? { ok: false, message: `the number ${value} is not an Excel date serial of a calendar day` }
      : { ok: true, text: date };
  }
  if (typeof value === 'string') return { ok: true, text: value.trim() };
  if (typeof value === 'boolean') return { ok: true, text: value ? 'yes' : 'no' };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, message: 'the cell holds an invalid date' }
      : { ok: true, text: utcDay(value) };
  }
  if ('error' in value) return { ok: false, message: `the cell holds the Excel error ${value.error}` };
  if ('richText' in value)
    return {
      ok: true,
      text: value.richText
        .map((run) => run.text)
        .join('')
        .trim(),
    };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in value ? value.result : undefined;
    if (result === undefined) return { ok: false, message: 'the formula has no computed result saved in the workbook' };
    return cellText(result as ExcelJS.CellValue, isDateColumn, date1904);
  }
  if ('text' in value) {
    return { ok: true, text: String(value.text).trim() };
  }
  return { ok: false, message: 'unsupported cell content' };
}

/** Loads an XLSX workbook; null (with an issue) when the bytes are not one. */
export async function loadWorkbook(
  bytes: Uint8Array,
  file: string,
  issues: ImportIssue[],
): Promise<ExcelJS.Workbook | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs wants a Node Buffer-like ArrayBuffer; copy so a view into a larger buffer is not misread.
    await workbook.xlsx.load(bytes.slice().buffer);
    return workbook;
  } catch (error) {
    issues.push({
      file,
      line: null,
      column: null,
      message: `not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`,
    });
    return null;
  }
}

/** One worksheet as a table with the layout's columns; every header or cell problem is an issue. */
export function readSheetSource(
  worksheet: ExcelJS.Worksheet,
  file: string,
  context: { readonly layout: TableLayout; readonly date1904: boolean; readonly issues: ImportIssue[] },
): SourceTable | null {
  const { layout, date1904, issues } = context;
  const where = `${file}, sheet ${worksheet.name}`;
  const before = issues.length;
  const headerRow = worksheet.getRow(1);
  const columns: string[] = [];
  const positions: number[] = [];
  headerRow.eachCell({ includeEmpty: false }, (cell, position) => {
    const text = cellText(cell.value, false, date1904);
    const name = text.ok ? text.text : '';
    if (name === '') return;
    columns.push(name);
    positions.push(position);
  });
  if (columns.length === 0) {
    issues.push({ file: where, line: null, column: null, message: 'the sheet is empty (expected a header in row 1)' });
    return null;
  }
  const expected = [...layout.required, ...layout.optional];
  for (const name of layout.required.filter((column) => !columns.includes(column)))
    issues.push({ file: where, line: 1, column: name, message: 'required column is missing from the header' });
  for (const name of columns.filter((column) => !expected.includes(column)))
    issues.push({ file: where, line: 1, column: name, message: `unknown column (expected: ${expected.join(', ')})` });
  for (const name of new Set(columns.filter((column, index) => columns.indexOf(column) !== index)))
    issues.push({ file: where, line: 1, column: name, message: 'column appears more than once' });
  if (issues.length > before) return null;

  const rows: SourceRow[] = [];
  const lastHeaderPosition = Math.max(...positions);
  worksheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values: Record<string, string> = {};
    let isBlank = true;
    columns.forEach((name, index) => {
      const position = positions[index] ?? 0;
      const text = cellText(row.getCell(position).value, layout.dateColumns.includes(name), date1904);
      if (!text.ok) {
        issues.push({ file: where, line, column: name, message: text.message });
        values[name] = '';
        isBlank = false;
        return;
      }
      values[name] = text.text;
      if (text.text !== '') isBlank = false;
    });
    row.eachCell({ includeEmpty: false }, (cell, position) => {
      if (positions.includes(position)) return;
      const text = cellText(cell.value, false, date1904);
      if (text.ok && text.text === '') return;
      isBlank = false;
      issues.push({
        file: where,
        line,
        column: cell.address,
        message: `a value in a column without a header (the header row ends at column ${lastHeaderPosition})`,
      });
    });
    if (!isBlank) rows.push({ line, values });
  });
  if (issues.length > before) return null;
  if (rows.length === 0) {
    issues.push({ file: where, line: null, column: null, message: 'the sheet has a header but no rows' });
    return null;
  }
  return { file: where, columns, rows };
}
