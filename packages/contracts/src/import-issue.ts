/**
 * A problem found while reading an input file: which file, which line, which column, and why.
 * Imports collect every issue before writing anything (all-or-nothing).
 */
export interface ImportIssue {
  readonly file: string;
  /** 1-based line in the file (the header is line 1), or null for file-level problems. */
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

export type ImportResult<TValue> =
  | { readonly ok: true; readonly value: TValue }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] };

/** "patients.csv, line 4, column age_years: expected a whole number of years, got "sixty"". */
export function formatImportIssue(issue: ImportIssue): string {
  const where = [
    issue.file,
    issue.line === null ? null : `line ${issue.line}`,
    issue.column === null ? null : `column ${issue.column}`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  return `${where}: ${issue.message}`;
}
