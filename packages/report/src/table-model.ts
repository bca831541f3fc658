/**
 * A table as every output format needs it: a title, columns, rows of display text, and notes.
 * HTML, CSV, XLSX and DOCX writers all render this one model, so they cannot disagree.
 */
export interface TableColumn {
  readonly key: string;
  readonly label: string;
  readonly align?: 'left' | 'right' | 'center';
}

export interface TableRow {
  readonly cells: Readonly<Record<string, string>>;
  /**
   * The unrounded number behind a cell whose text shows exactly one number (a count, a value, a
   * p-value; a proportion where the text is a percentage), keyed like `cells`. Spreadsheets write
   * these as numbers; HTML and CSV print `cells` only. Absent for text, ranges and censored times.
   */
  readonly values?: Readonly<Record<string, number>>;
  /** A section heading row spanning the table (e.g. "Age, years"). */
  readonly isSection?: boolean;
  /** Row shown with emphasis, e.g. a pooled estimate or a discrepant claim. */
  readonly emphasis?: 'strong' | 'warning' | 'muted';
}

export interface TableModel {
  /** File-safe id, used for `tables/<id>.csv` and HTML anchors. */
  readonly id: string;
  readonly title: string;
  readonly caption?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  readonly notes: readonly string[];
}

/** The `values` of a row: the finite numbers only (a missing or non-finite value stays text). */
export function cellValues(entries: Readonly<Record<string, number | null | undefined>>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (typeof value === 'number' && Number.isFinite(value)) values[key] = value;
  }
  return values;
}
