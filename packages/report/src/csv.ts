/** Tables as CSV (RFC 4180, UTF-8 with BOM so Excel opens accents and "≥" correctly). */
import Papa from 'papaparse';
import type { TableModel } from './table-model.ts';

export function formatTableCsv(table: TableModel): string {
  const rows = table.rows.map((row) =>
    table.columns.map((column, index) => (row.isSection && index > 0 ? '' : (row.cells[column.key] ?? ''))),
  );
  const body = Papa.unparse({ fields: table.columns.map((column) => column.label), data: rows }, { newline: '\r\n' });
  return `\uFEFF${body}\r\n`;
}
