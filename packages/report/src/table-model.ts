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
