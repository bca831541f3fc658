/**
 * The two steps every CSV import shares: read a table whose header must be exactly a zod object's
 * keys, then validate each row with that schema, collecting every issue with file, line and column.
 */
import type { z } from 'zod';
import { type CsvRow, readCsvTable } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';

/** A validated row and the file line it came from. */
export interface LocatedRow<TValue> {
  readonly line: number;
  readonly value: TValue;
}

/** Reads `text` expecting the schema's keys as columns; problems go to `issues`, rows are returned. */
export function readSchemaTable(
  text: string,
  file: string,
  schema: z.ZodObject,
  issues: ImportIssue[],
): readonly CsvRow[] {
  const table = readCsvTable(text, file, Object.keys(schema.shape));
  if (!table.ok) {
    issues.push(...table.issues);
    return [];
  }
  if (table.value.length === 0)
    issues.push({ file, line: null, column: null, message: 'the file has a header but no rows' });
  return table.value;
}

/** Validates each row; invalid rows add one issue per problem and are left out of the result. */
export function validateRows<TSchema extends z.ZodType>(
  rows: readonly CsvRow[],
  schema: TSchema,
  file: string,
  issues: ImportIssue[],
): Array<LocatedRow<z.output<TSchema>>> {
  const valid: Array<LocatedRow<z.output<TSchema>>> = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row.values);
    if (parsed.success) {
      valid.push({ line: row.line, value: parsed.data });
      continue;
    }
    for (const issue of parsed.error.issues) {
      issues.push({
        file,
        line: row.line,
        column: issue.path.length > 0 ? String(issue.path[0]) : null,
        message: issue.message,
      });
    }
  }
  return valid;
}
