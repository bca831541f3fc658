/**
 * Reads CSV text into rows keyed by header, checking the header first: a missing or unexpected
 * column, a ragged row or a quoting error is an issue naming file, line and column.
 */
import Papa from 'papaparse';
import type { ImportIssue, ImportResult } from './import-issue.ts';

export interface CsvRow {
  /** 1-based line number of this row in the file. */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export function readCsvTable(
  text: string,
  file: string,
  expectedColumns: readonly string[],
): ImportResult<readonly CsvRow[]> {
  const issues: ImportIssue[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') {
    return { ok: false, issues: [{ file, line: null, column: null, message: 'the file is empty' }] };
  }
  const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: 'greedy' });
  for (const error of parsed.errors) {
    issues.push({
      file,
      line: error.row === undefined ? null : error.row + 1,
      column: null,
      message: `CSV: ${error.message}`,
    });
  }
  const [header = [], ...body] = parsed.data;
  const columns = header.map((name) => name.trim());
  const missing = expectedColumns.filter((name) => !columns.includes(name));
  const unexpected = columns.filter((name) => !expectedColumns.includes(name));
  for (const name of missing)
    issues.push({ file, line: 1, column: name, message: 'required column is missing from the header' });
  for (const name of unexpected)
    issues.push({ file, line: 1, column: name, message: `unknown column (expected: ${expectedColumns.join(', ')})` });
  const duplicated = columns.filter((name, index) => columns.indexOf(name) !== index);
  for (const name of new Set(duplicated))
    issues.push({ file, line: 1, column: name, message: 'column appears more than once' });
  if (issues.length > 0) return { ok: false, issues };

  const rows: CsvRow[] = [];
  // Papa reports records, not lines; map each record back to the file line it starts on.
  const lineNumbers = lineNumbersOfRecords(source);
  body.forEach((cells, index) => {
    const line = lineNumbers[index + 1] ?? index + 2;
    if (cells.length !== columns.length) {
      issues.push({ file, line, column: null, message: `expected ${columns.length} fields, found ${cells.length}` });
      return;
    }
    const values: Record<string, string> = {};
    columns.forEach((name, column) => {
      values[name] = (cells[column] ?? '').trim();
    });
    rows.push({ line, values });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: rows };
}

/** File line numbers (1-based) of each non-blank record, honouring quoted newlines. */
function lineNumbersOfRecords(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let recordStarted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (!recordStarted && char !== undefined && /\S/.test(char)) {
      starts.push(line);
      recordStarted = true;
    }
    if (char === '"') inQuotes = !inQuotes;
    if (char === '\n') {
      line += 1;
      if (!inQuotes) recordStarted = false;
    }
  }
  return starts;
}
