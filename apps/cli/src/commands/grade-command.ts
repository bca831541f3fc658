/**
 * `mmreg grade FILE.csv --ctcae v3|v5 [--json]`: the CTCAE grade and term of each laboratory row
 * (`test,value,unit[,uln][,lln][,baseline]`; ULN, LLN and baseline in the row's unit). Units are
 * converted once, here, with core's `convertToCanonicalUnit`; grading is core's `gradeLabTest`. Every
 * problem in the file (unknown test or unit, a value that is not a number, a reference limit the grade
 * needs but the row lacks) is collected and reported together as one CliError (exit 2).
 */

import type { ImportIssue } from '@mmreg/contracts';
import {
  type CtcaeGrade,
  type CtcaeVersion,
  convertToCanonicalUnit,
  gradableLabTests,
  gradeLabTest,
  isLabTest,
  isQuantitativeLabTest,
  type LabAdverseEventInput,
  labTestAdverseEventTerms,
  type QuantitativeLabTest,
} from '@mmreg/core';
import Papa from 'papaparse';
import { CliError } from '../cli-error.ts';
import { readCsvText } from '../cohort-csv.ts';
import { renderTable } from './format-output.ts';

export interface GradeCommandOptions {
  readonly file: string;
  readonly ctcae: CtcaeVersion;
  readonly json: boolean;
}

/** One graded row, as `--json` prints it. */
export interface GradedLabRow {
  /** Line in the file (the header is line 1). */
  readonly row: number;
  readonly test: string;
  /** The value as written in the file, in `unit`. */
  readonly value: number;
  readonly unit: string;
  readonly term: string;
  readonly grade: CtcaeGrade | null;
  readonly version: CtcaeVersion;
  readonly explanation: string;
}

const requiredColumns = ['test', 'value', 'unit'] as const;
const optionalColumns = ['uln', 'lln', 'baseline'] as const;
type Column = (typeof requiredColumns)[number] | (typeof optionalColumns)[number];
const knownColumns: readonly string[] = [...requiredColumns, ...optionalColumns];

/** Reads, grades and formats; throws CliError listing every problem. */
export function runGrade(options: GradeCommandOptions): string {
  const rows = gradeLabCsv(readCsvText(options.file), options.file, options.ctcae);
  return options.json ? `${JSON.stringify(rows, null, 2)}\n` : formatGradedRows(rows, options.ctcae);
}

interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Splits CSV text into records with the file line each starts on (quoted newlines kept in their cell). */
function readRecords(text: string): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(source, {
    step: (result) => {
      records.push({ line, cells: result.data });
      const cursor = result.meta.cursor;
      for (let i = consumed; i < cursor; i += 1) if (source.charCodeAt(i) === 10) line += 1;
      consumed = cursor;
    },
  });
  return records;
}

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses, converts and grades every row; throws one CliError with all the problems found. */
export function gradeLabCsv(text: string, file: string, version: CtcaeVersion): GradedLabRow[] {
  const records = readRecords(text).filter((record) => !(record.cells.length === 1 && record.cells[0]?.trim() === ''));
  const header = records[0];
  if (header === undefined) throw new CliError(`${file}: the file is empty`);
  const issues: ImportIssue[] = [];
  const issue = (line: number | null, column: string | null, message: string): void => {
    issues.push({ file, line, column, message });
  };

  const columnIndex = new Map<Column, number>();
  header.cells.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (!knownColumns.includes(name)) {
      issue(header.line, raw.trim(), `unknown column (expected ${knownColumns.join(', ')})`);
    } else if (columnIndex.has(name as Column)) {
      issue(header.line, name, 'the column is given twice');
    } else {
      columnIndex.set(name as Column, index);
    }
  });
  for (const name of requiredColumns) {
    if (!columnIndex.has(name)) issue(header.line, name, 'required column is missing');
  }
  if (issues.length > 0) throw gradeInputError(file, issues);
  const data = records.slice(1);
  if (data.length === 0) throw new CliError(`${file}: the file has a header but no rows to grade`);

  const graded: GradedLabRow[] = [];
  for (const record of data) {
    const row = gradeRecord(record, { columnIndex, headerLength: header.cells.length, version, issues, issue });
    if (row !== null) graded.push(row);
  }
  if (issues.length > 0) throw gradeInputError(file, issues);
  return graded;
}

function gradeInputError(file: string, issues: readonly ImportIssue[]): CliError {
  return new CliError(`${file}: cannot grade the file (${issues.length} problem(s))`, { issues });
}

interface RecordContext {
  readonly columnIndex: ReadonlyMap<Column, number>;
  readonly headerLength: number;
  readonly version: CtcaeVersion;
  /** Every problem found so far in the file (shared across rows). */
  readonly issues: readonly ImportIssue[];
  readonly issue: (line: number | null, column: string | null, message: string) => void;
}

function gradeRecord(record: CsvRecord, context: RecordContext): GradedLabRow | null {
  const { columnIndex, headerLength, version, issue } = context;
  const { line, cells } = record;
  if (cells.length > headerLength) {
    issue(line, null, `the row has ${cells.length} fields but the header has ${headerLength}`);
    return null;
  }
  const cell = (column: Column): string => {
    const index = columnIndex.get(column);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const before = context.issues.length;

  const testText = cell('test');
  let test: QuantitativeLabTest | null = null;
  if (testText === '') {
    issue(line, 'test', 'the test is missing');
  } else if (!isLabTest(testText)) {
    issue(line, 'test', `unknown test "${testText}" (graded tests: ${gradableLabTests.join(', ')})`);
  } else if (!isQuantitativeLabTest(testText) || labTestAdverseEventTerms[testText] === undefined) {
    issue(line, 'test', `${testText} has no CTCAE laboratory term (graded tests: ${gradableLabTests.join(', ')})`);
  } else {
    test = testText;
  }

  const unit = cell('unit');
  if (unit === '') issue(line, 'unit', 'the unit is missing');
  const value = readNumber(cell('value'), { line, column: 'value', required: true, positive: false, issue });
  const limits: Partial<Record<'uln' | 'lln' | 'baseline', number>> = {};
  for (const column of optionalColumns) {
    const limit = readNumber(cell(column), { line, column, required: false, positive: true, issue });
    if (limit !== undefined) limits[column] = limit;
  }
  if (test === null || unit === '' || context.issues.length > before || value === undefined) return null;

  const canonical = (raw: number, column: Column): number | undefined => {
    const converted = convertToCanonicalUnit(test, raw, unit);
    if (converted.ok) return converted.value;
    issue(line, column === 'value' ? 'unit' : column, converted.message);
    return undefined;
  };
  const canonicalValue = canonical(value, 'value');
  if (canonicalValue === undefined) return null;
  const input: { -readonly [K in keyof LabAdverseEventInput]: LabAdverseEventInput[K] } = { value: canonicalValue };
  for (const column of optionalColumns) {
    const raw = limits[column];
    if (raw !== undefined) input[column] = canonical(raw, column);
  }
  if (input.lln !== undefined && input.uln !== undefined && !(input.lln < input.uln)) {
    issue(line, 'lln', `LLN ${limits.lln} must be below ULN ${limits.uln}`);
    return null;
  }

  const result = gradeLabTest(test, input, { version });
  if (result.kind === 'not-gradable') {
    const column = result.reason.kind === 'missing-reference-limit' ? result.reason.limit : null;
    issue(line, column, result.reason.message);
    return null;
  }
  return {
    row: line,
    test,
    value,
    unit,
    term: result.term,
    grade: result.grade,
    version,
    explanation: result.explanation.text,
  };
}

function readNumber(
  raw: string,
  where: {
    readonly line: number;
    readonly column: string;
    readonly required: boolean;
    readonly positive: boolean;
    readonly issue: RecordContext['issue'];
  },
): number | undefined {
  const { line, column, required, positive, issue } = where;
  if (raw === '' || raw.toUpperCase() === 'NA') {
    if (required) issue(line, column, 'the value is missing');
    return undefined;
  }
  if (!numberPattern.test(raw)) {
    issue(line, column, `expected a number, got "${raw}"`);
    return undefined;
  }
  const value = Number(raw);
  if (positive ? !(value > 0) : !(value >= 0)) {
    issue(line, column, `expected a number ${positive ? '> 0' : '≥ 0'}, got ${raw}`);
    return undefined;
  }
  return value;
}

/** The readable form: one line per row, then each row's explanation. */
export function formatGradedRows(rows: readonly GradedLabRow[], version: CtcaeVersion): string {
  const label = version === 'v3' ? 'CTCAE v3.0' : 'CTCAE v5.0';
  const table = renderTable(
    ['line', 'test', 'value', 'unit', 'term', 'grade'],
    rows.map((row) => [
      String(row.row),
      row.test,
      String(row.value),
      row.unit,
      row.term,
      row.grade === null ? 'NE' : String(row.grade),
    ]),
  );
  const explanations = rows.map((row) => `  line ${row.row}: ${row.explanation}`);
  return `${label} grades\n\n${table}\n\nWhy:\n${explanations.join('\n')}\n`;
}
