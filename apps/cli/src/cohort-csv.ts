/**
 * Reads a cohort CSV for the statistics commands (km, cox, meta) the way R's `read.csv` + model
 * frame would see it: only the columns asked for, numbers as typed arrays, `NA`/empty as missing,
 * status codes by R's `Surv` rule, factor levels in R's order. Every bad cell is one `CliError`
 * naming file, line (1-based, header = 1) and column. It computes no statistic.
 */
import { readFileSync } from 'node:fs';
import { formatImportIssue } from '@mmreg/contracts';
import { InvalidArgumentError } from 'commander';
import Papa from 'papaparse';
import { CliError } from './cli-error.ts';

/**
 * How a requested column is read: `number` (anything else is an error), `text` (raw labels), or
 * `auto` (numbers if every present value is a number, otherwise labels, as `read.csv` decides).
 */
export type ColumnKind = 'number' | 'text' | 'auto';

export interface ColumnRequest {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** A numeric column; NaN marks a missing value (`NA`, `NaN` or an empty cell). */
export interface NumberColumn {
  readonly kind: 'number';
  readonly name: string;
  readonly values: Float64Array;
}

/** A text column as dictionary codes: `labels[codes[row]]`, code −1 for a missing value. */
export interface TextColumn {
  readonly kind: 'text';
  readonly name: string;
  readonly codes: Int32Array;
  /** Distinct trimmed labels in order of first appearance. */
  readonly labels: readonly string[];
}

export type CohortColumn = NumberColumn | TextColumn;

export interface CohortTable {
  /** The file as the user named it, for messages. */
  readonly file: string;
  readonly header: readonly string[];
  /** Data rows (blank lines are not rows). */
  readonly rowCount: number;
  readonly columns: ReadonlyMap<string, CohortColumn>;
  /** 1-based line in the file where data row `row` (0-based) starts. */
  lineOf(row: number): number;
}

/** A factor as R builds it: levels in R's order and the level index of each row (−1: missing). */
export interface CohortFactor {
  readonly name: string;
  readonly levels: readonly string[];
  readonly codes: Int32Array;
  /** True when the levels are numbers (sorted numerically, named as R's `as.character`). */
  readonly isNumeric: boolean;
}

/** Rows kept after dropping every row with a missing value in a used column (`na.omit`). */
export interface CompleteRows {
  readonly rows: Int32Array;
  readonly dropped: number;
}

/** The text of a CSV file; a missing or unreadable file is a CliError. */
export function readCsvText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : 'unreadable';
    throw new CliError(`${path}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code})`);
  }
}

/** Reads `path` and parses the requested columns. */
export function readCohortCsv(path: string, requests: readonly ColumnRequest[]): CohortTable {
  return parseCohortCsv(readCsvText(path), path, requests);
}

/** Throws the one error for a bad cell: `file, line N, column C: message`. */
export function failAtCell(table: CohortTable, row: number, column: string, message: string): never {
  throw new CliError(formatImportIssue({ file: table.file, line: table.lineOf(row), column, message }));
}

/**
 * Parses CSV text (comma-separated, RFC 4180 quoting, optional BOM, LF or CRLF) into the requested
 * columns. Quote-free text is split directly (what papaparse's own fast mode does, without building
 * a row array per line); anything quoted goes through papaparse.
 */
export function parseCohortCsv(text: string, file: string, requests: readonly ColumnRequest[]): CohortTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') throw new CliError(`${file}: the file is empty`);
  const merged = mergeRequests(requests);
  const first = parseColumns(source, file, merged);
  const fallback = merged.filter((request) => first.textNeeded.has(request.name));
  if (fallback.length === 0) return first.table;
  // A column read as `auto` held a non-number: read it again as labels (read.csv's character column).
  const second = parseColumns(
    source,
    file,
    fallback.map((request) => ({ name: request.name, kind: 'text' as const })),
  );
  const columns = new Map(first.table.columns);
  for (const [name, column] of second.table.columns) columns.set(name, column);
  return { ...first.table, columns, lineOf: first.table.lineOf };
}

/** One request per column: a column used twice is read once, as a number if either use needs one. */
function mergeRequests(requests: readonly ColumnRequest[]): ColumnRequest[] {
  const rank: Readonly<Record<ColumnKind, number>> = { number: 2, auto: 1, text: 0 };
  const merged = new Map<string, ColumnKind>();
  for (const { name, kind } of requests) {
    const previous = merged.get(name);
    if (previous === undefined || rank[kind] > rank[previous]) merged.set(name, kind);
  }
  return [...merged].map(([name, kind]) => ({ name, kind }));
}

interface ColumnBuilder {
  readonly name: string;
  readonly index: number;
  push(row: number, raw: string): void;
  finish(rows: number): CohortColumn;
}

interface ParsePass {
  readonly table: CohortTable;
  /** `auto` columns that held a value that is not a number. */
  readonly textNeeded: ReadonlySet<string>;
}

/** Records where line numbers stop being "row + 2" (blank lines, quoted newlines), so lookups stay O(log k). */
class LineMap {
  private readonly fromRow: number[] = [];
  private readonly extra: number[] = [];
  private headerLine = 1;
  private current = 0;

  setHeaderLine(line: number): void {
    this.headerLine = line;
  }

  /** Adds `lines` extra lines before data row `row`. */
  shift(row: number, lines: number): void {
    this.current += lines;
    if (this.fromRow.length > 0 && this.fromRow[this.fromRow.length - 1] === row) {
      this.extra[this.extra.length - 1] = this.current;
    } else {
      this.fromRow.push(row);
      this.extra.push(this.current);
    }
  }

  lineOf(row: number): number {
    let low = 0;
    let high = this.fromRow.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.fromRow[middle] as number) <= row) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return this.headerLine + 1 + row + (found < 0 ? 0 : (this.extra[found] as number));
  }
}

function isMissingText(trimmed: string): boolean {
  return trimmed === '' || trimmed === 'NA';
}

/**
 * Parses one cell as `read.csv` parses a number; NaN for a missing value, undefined when the cell is
 * not a number. `Inf`/`-Inf` are numbers (R reads them), `NaN` is missing (`na.omit` drops it).
 */
export function parseNumberCell(raw: string): number | undefined {
  const value = Number(raw);
  if (!Number.isNaN(value)) {
    // Number('') and Number('  ') are 0: an empty cell is missing, not zero.
    if (value === 0 && raw.trim() === '') return Number.NaN;
    return value;
  }
  const trimmed = raw.trim();
  if (trimmed === 'NA' || trimmed === 'NaN') return Number.NaN;
  if (trimmed === 'Inf' || trimmed === '+Inf') return Number.POSITIVE_INFINITY;
  if (trimmed === '-Inf') return Number.NEGATIVE_INFINITY;
  return undefined;
}

function createBuilder(
  request: ColumnRequest,
  index: number,
  capacity: number,
  onNotNumber: (row: number, raw: string) => void,
): ColumnBuilder {
  if (request.kind === 'text') {
    let codes = new Int32Array(capacity);
    const labels: string[] = [];
    const codeOf = new Map<string, number>();
    return {
      name: request.name,
      index,
      push(row, raw) {
        if (row >= codes.length) {
          const grown = new Int32Array(Math.max(16, codes.length * 2));
          grown.set(codes);
          codes = grown;
        }
        const label = raw.trim();
        if (isMissingText(label)) {
          codes[row] = -1;
          return;
        }
        let code = codeOf.get(label);
        if (code === undefined) {
          code = labels.length;
          labels.push(label);
          codeOf.set(label, code);
        }
        codes[row] = code;
      },
      finish(rows) {
        return { kind: 'text', name: request.name, codes: codes.slice(0, rows), labels };
      },
    };
  }
  let values = new Float64Array(capacity);
  return {
    name: request.name,
    index,
    push(row, raw) {
      if (row >= values.length) {
        const grown = new Float64Array(Math.max(16, values.length * 2));
        grown.set(values);
        values = grown;
      }
      const value = parseNumberCell(raw);
      if (value === undefined) {
        onNotNumber(row, raw);
        values[row] = Number.NaN;
        return;
      }
      values[row] = value;
    },
    finish(rows) {
      return { kind: 'number', name: request.name, values: rows === values.length ? values : values.slice(0, rows) };
    },
  };
}

function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * The header and where the body starts when the body holds no quote character (R's `write.csv`
 * quotes only the header of a numeric table); null when papaparse must read the whole text.
 */
function findQuoteFreeBody(source: string): { header: string[]; headerLine: number; bodyStart: number } | null {
  let position = 0;
  let line = 0;
  while (position <= source.length) {
    let end = source.indexOf('\n', position);
    if (end < 0) end = source.length;
    line += 1;
    const record = source.slice(position, end).replace(/\r$/, '');
    if (record.trim() !== '') {
      if (source.indexOf('"', end) >= 0) return null;
      if (!record.includes('"')) return { header: record.split(','), headerLine: line, bodyStart: end + 1 };
      const parsed = Papa.parse<string[]>(record, { delimiter: ',' });
      const fields = parsed.data[0];
      if (parsed.errors.length > 0 || parsed.data.length !== 1 || fields === undefined) return null;
      return { header: fields, headerLine: line, bodyStart: end + 1 };
    }
    position = end + 1;
  }
  return null;
}

function parseColumns(source: string, file: string, requests: readonly ColumnRequest[]): ParsePass {
  const lines = new LineMap();
  const textNeeded = new Set<string>();
  let header: string[] | null = null;
  let builders: ColumnBuilder[] = [];
  let rows = 0;
  const capacity = countLines(source);
  // The table is built before parsing ends so errors can name a line; lineOf only reads `lines`.
  const table: { file: string; lineOf: (row: number) => number } = { file, lineOf: (row) => lines.lineOf(row) };

  const startColumns = (fields: readonly string[]): void => {
    header = fields.map((name) => name.trim());
    const names = header;
    builders = requests.map((request) => {
      const index = names.indexOf(request.name);
      if (index < 0) {
        throw new CliError(
          `${file}: unknown column "${request.name}"; the columns are: ${names.map((name) => (name === '' ? '""' : name)).join(', ')}`,
        );
      }
      if (names.indexOf(request.name, index + 1) >= 0) {
        throw new CliError(`${file}: column "${request.name}" appears more than once in the header`);
      }
      return createBuilder(request, index, capacity, (row, raw) => {
        if (request.kind === 'auto') {
          textNeeded.add(request.name);
          return;
        }
        failAtCell(
          { ...table, header: names, rowCount: rows, columns: new Map() },
          row,
          request.name,
          `expected a number; got ${raw.trim() === '' ? 'an empty cell' : `"${raw.trim()}"`}`,
        );
      });
    });
  };

  const checkWidth = (fieldCount: number, line: number): void => {
    const width = (header as string[]).length;
    if (fieldCount !== width) {
      throw new CliError(
        formatImportIssue({ file, line, column: null, message: `expected ${width} fields, found ${fieldCount}` }),
      );
    }
  };

  const quoteFree = findQuoteFreeBody(source);
  if (quoteFree !== null) {
    // No quote after the header: a field is the text between commas, a record the text between newlines.
    lines.setHeaderLine(quoteFree.headerLine);
    startColumns(quoteFree.header);
    let position = quoteFree.bodyStart;
    let line = quoteFree.headerLine;
    while (position <= source.length) {
      let end = source.indexOf('\n', position);
      if (end < 0) end = source.length;
      line += 1;
      const lineEnd = end > position && source.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const record = source.slice(position, lineEnd);
      position = end + 1;
      if (record.length === 0 || (record.charCodeAt(0) <= 32 && record.trim() === '')) {
        lines.shift(rows, 1);
        continue;
      }
      let fieldCount = 1;
      for (let at = record.indexOf(','); at >= 0; at = record.indexOf(',', at + 1)) fieldCount += 1;
      if (fieldCount !== (header as string[] | null)?.length) checkWidth(fieldCount, line);
      for (const builder of builders) {
        // Walk to the field instead of splitting the line: only the requested columns are sliced.
        let start = 0;
        for (let skip = 0; skip < builder.index; skip += 1) start = record.indexOf(',', start) + 1;
        const stop = record.indexOf(',', start);
        builder.push(rows, record.slice(start, stop < 0 ? record.length : stop));
      }
      rows += 1;
    }
  } else {
    let recordLine = 1;
    Papa.parse<string[]>(source, {
      delimiter: ',',
      skipEmptyLines: false,
      step: (result) => {
        const fields = result.data;
        const line = recordLine;
        let extraLines = 0;
        for (const field of fields) {
          for (let at = field.indexOf('\n'); at >= 0; at = field.indexOf('\n', at + 1)) extraLines += 1;
        }
        recordLine += 1 + extraLines;
        const quoteError = result.errors.find((error) => error.type === 'Quotes');
        if (quoteError !== undefined) {
          throw new CliError(formatImportIssue({ file, line, column: null, message: `CSV: ${quoteError.message}` }));
        }
        if (fields.length === 1 && (fields[0] ?? '').trim() === '') {
          if (header !== null) lines.shift(rows, 1 + extraLines);
          return;
        }
        if (header === null) {
          lines.setHeaderLine(line);
          startColumns(fields);
          if (extraLines > 0) lines.shift(0, extraLines);
          return;
        }
        checkWidth(fields.length, line);
        for (const builder of builders) builder.push(rows, fields[builder.index] ?? '');
        rows += 1;
        if (extraLines > 0) lines.shift(rows, extraLines);
      },
    });
  }

  if (header === null) throw new CliError(`${file}: the file is empty`);
  if (rows === 0) throw new CliError(`${file}: the file has a header but no data rows`);
  const columns = new Map<string, CohortColumn>();
  for (const builder of builders) columns.set(builder.name, builder.finish(rows));
  return {
    table: { file, header: header as string[], rowCount: rows, columns, lineOf: (row) => lines.lineOf(row) },
    textNeeded,
  };
}

/** The parsed column `name` (it was requested, so it exists). */
export function getColumn(table: CohortTable, name: string): CohortColumn {
  const column = table.columns.get(name);
  if (column === undefined) throw new CliError(`${table.file}: column "${name}" was not read`, { exitCode: 1 });
  return column;
}

/** A numeric column, or the error for its first non-number cell (a column read as text). */
export function getNumberColumn(table: CohortTable, name: string): NumberColumn {
  const column = getColumn(table, name);
  if (column.kind === 'number') return column;
  for (let row = 0; row < column.codes.length; row += 1) {
    const code = column.codes[row] as number;
    if (code >= 0 && parseNumberCell(column.labels[code] as string) === undefined) {
      failAtCell(table, row, name, `expected a number; got "${column.labels[code]}"`);
    }
  }
  throw new CliError(`${table.file}: column "${name}" is not numeric`);
}

/** Survival times: numbers ≥ 0 and finite; NaN (missing) is kept for `na.omit`. */
export function readTimeColumn(table: CohortTable, name: string): Float64Array {
  const { values } = getNumberColumn(table, name);
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] as number;
    if (value >= 0 && value < Number.POSITIVE_INFINITY) continue;
    if (Number.isNaN(value)) continue;
    failAtCell(table, row, name, `expected a time ≥ 0; got ${formatRNumber(value)}`);
  }
  return values;
}

const eventCodings = '0/1, 1/2 or true/false';

/**
 * Event status by R's `Surv` rule: 0/1, true/false (any case), or 1/2 — when the largest code is 2,
 * 1 is subtracted (so lung's 1 = censored, 2 = dead works as-is). Returns 1 = event, 0 = censored,
 * NaN = missing. Any other code is an error at its first row.
 */
export function readEventColumn(table: CohortTable, name: string): Float64Array {
  const column = getColumn(table, name);
  let values: Float64Array;
  if (column.kind === 'number') {
    values = column.values;
  } else {
    const codeValues = column.labels.map((label) => {
      const lower = label.toLowerCase();
      if (lower === 'true') return 1;
      if (lower === 'false') return 0;
      return parseNumberCell(label);
    });
    values = new Float64Array(column.codes.length);
    for (let row = 0; row < values.length; row += 1) {
      const code = column.codes[row] as number;
      if (code < 0) {
        values[row] = Number.NaN;
        continue;
      }
      const value = codeValues[code];
      if (value === undefined) {
        failAtCell(table, row, name, `expected an event code (${eventCodings}); got "${column.labels[code]}"`);
      }
      values[row] = value;
    }
  }
  let largest = Number.NEGATIVE_INFINITY;
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] as number;
    if (value > largest) largest = value;
  }
  const shift = largest === 2 ? 1 : 0;
  const status = new Float64Array(values.length);
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] as number;
    if (Number.isNaN(value)) {
      status[row] = Number.NaN;
      continue;
    }
    const coded = value - shift;
    if (coded !== 0 && coded !== 1) {
      const why = shift === 1 ? ' (the largest code is 2, so the column is read as 1 = censored, 2 = event)' : '';
      failAtCell(table, row, name, `event code ${formatRNumber(value)} is not one of ${eventCodings}${why}`);
    }
    status[row] = coded;
  }
  return status;
}

/**
 * `as.character()` of a double in R 4.2: 15 significant digits, fixed notation unless scientific
 * is shorter (`1e+05`, `0.3`, `123456.7`). Used to name numeric levels as R names them.
 */
export function formatRNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(15));
  let digits = 1;
  while (digits < 15 && Number(value.toPrecision(digits)) !== rounded) digits += 1;
  const [mantissa = '', exponentText = '0'] = rounded.toExponential(digits - 1).split('e');
  const exponent = Number(exponentText);
  const sign = rounded < 0 ? 1 : 0;
  const scientificWidth = sign + (digits > 1 ? digits + 1 : 1) + (Math.abs(exponent) >= 100 ? 5 : 4);
  const fixedWidth =
    exponent >= 0
      ? sign + exponent + 1 + (digits - exponent - 1 > 0 ? digits - exponent : 0)
      : sign + 1 - exponent + digits;
  if (fixedWidth <= scientificWidth) {
    return exponent >= 0 ? rounded.toFixed(Math.max(0, digits - exponent - 1)) : rounded.toFixed(digits - exponent - 1);
  }
  const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${exponentDigits}`;
}

/** R's collation of labels in a UTF-8 locale with ICU (a, A, a-b, ab, b, B, élan, Zeta), then code units. */
const collator = new Intl.Collator('en');
export function compareLabels(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Builds R's factor of a column: numeric columns sort their distinct values ascending and name them
 * by `as.character`; text columns sort their labels by R's collation. `levels` (from `--levels`)
 * fixes the order instead, as `factor(x, levels = …)`; a value outside them is an error.
 */
export function readFactor(table: CohortTable, name: string, levels?: readonly string[]): CohortFactor {
  const column = getColumn(table, name);
  const n = table.rowCount;
  const codes = new Int32Array(n);
  if (column.kind === 'number') {
    const distinct = new Map<number, number>();
    for (let row = 0; row < n; row += 1) {
      const value = column.values[row] as number;
      if (!Number.isNaN(value) && !distinct.has(value + 0)) distinct.set(value + 0, distinct.size);
    }
    const sorted = [...distinct.keys()].sort((a, b) => a - b);
    const order = levels === undefined ? sorted : matchNumericLevels(table, name, levels, sorted);
    const rankOf = new Map(order.map((value, rank) => [value, rank]));
    for (let row = 0; row < n; row += 1) {
      const value = column.values[row] as number;
      codes[row] = Number.isNaN(value) ? -1 : (rankOf.get(value + 0) ?? -1);
    }
    return { name, levels: levels === undefined ? sorted.map(formatRNumber) : [...levels], codes, isNumeric: true };
  }
  const order = levels === undefined ? [...column.labels].sort(compareLabels) : checkLevels(table, name, levels);
  const rankOf = new Map(order.map((label, rank) => [label, rank]));
  const rankOfCode = column.labels.map((label) => rankOf.get(label) ?? -2);
  for (let row = 0; row < n; row += 1) {
    const code = column.codes[row] as number;
    const rank = code < 0 ? -1 : (rankOfCode[code] as number);
    if (rank === -2) {
      failAtCell(table, row, name, `"${column.labels[code]}" is not one of the levels given (${order.join(', ')})`);
    }
    codes[row] = rank;
  }
  return { name, levels: order, codes, isNumeric: false };
}

function checkLevels(table: CohortTable, name: string, levels: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  for (const level of levels) {
    if (seen.has(level)) throw new CliError(`${table.file}: --levels for ${name} repeats "${level}"`);
    seen.add(level);
  }
  return levels;
}

function matchNumericLevels(
  table: CohortTable,
  name: string,
  levels: readonly string[],
  present: readonly number[],
): number[] {
  checkLevels(table, name, levels);
  const order = levels.map((level) => {
    const value = parseNumberCell(level);
    if (value === undefined || Number.isNaN(value)) {
      throw new CliError(`${table.file}: --levels for ${name}: "${level}" is not a number, but ${name} is numeric`);
    }
    return value + 0;
  });
  const given = new Set(order);
  const outside = present.find((value) => !given.has(value));
  if (outside !== undefined) {
    const column = getColumn(table, name) as NumberColumn;
    const row = column.values.indexOf(outside);
    failAtCell(table, row, name, `${formatRNumber(outside)} is not one of the levels given (${levels.join(', ')})`);
  }
  return order;
}

/** Parses repeated `--levels column=a,b,c` options into a map. */
export function parseLevelsOptions(specs: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const levels = new Map<string, readonly string[]>();
  for (const spec of specs) {
    const equals = spec.indexOf('=');
    if (equals <= 0) throw new CliError(`--levels expects column=level1,level2,…; got "${spec}"`);
    const column = spec.slice(0, equals).trim();
    const values = spec
      .slice(equals + 1)
      .split(',')
      .map((value) => value.trim());
    if (values.length < 1 || values.some((value) => value === '')) {
      throw new CliError(`--levels ${column}: levels must be non-empty; got "${spec}"`);
    }
    if (levels.has(column)) throw new CliError(`--levels is given twice for ${column}`);
    levels.set(column, values);
  }
  return levels;
}

/** `na.omit` over the used columns: a row is kept when no value is missing (NaN or code −1). */
export function selectCompleteRows(rowCount: number, columns: ReadonlyArray<Float64Array | Int32Array>): CompleteRows {
  const keep = new Uint8Array(rowCount).fill(1);
  let dropped = 0;
  for (const values of columns) {
    const isCodes = values instanceof Int32Array;
    for (let row = 0; row < rowCount; row += 1) {
      const value = values[row] as number;
      if ((isCodes ? value < 0 : Number.isNaN(value)) && keep[row] === 1) {
        keep[row] = 0;
        dropped += 1;
      }
    }
  }
  const rows = new Int32Array(rowCount - dropped);
  let position = 0;
  for (let row = 0; row < rowCount; row += 1) if (keep[row] === 1) rows[position++] = row;
  return { rows, dropped };
}

/**
 * The values of `rows` (ascending, as `selectCompleteRows` gives them), in order; the array itself
 * when every row is kept, so a file without missing values is not copied.
 */
export function pickRows<TArray extends Float64Array | Int32Array>(values: TArray, rows: Int32Array): TArray {
  if (rows.length === values.length) return values;
  const picked = (
    values instanceof Float64Array ? new Float64Array(rows.length) : new Int32Array(rows.length)
  ) as TArray;
  for (let i = 0; i < rows.length; i += 1) picked[i] = values[rows[i] as number] as number;
  return picked;
}

/** Commander parser for `--conf-level`: a number strictly between 0 and 1. */
export function parseConfLevelOption(value: string): number {
  const level = Number(value);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError('expected a number between 0 and 1, such as 0.95');
  return level;
}

/** Commander accumulator for a repeatable option. */
export function collectOption(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}
