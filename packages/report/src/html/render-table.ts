/** A `TableModel` as an accessible HTML table (caption, header scope, notes in the footer). */
import type { TableModel } from '../table-model.ts';
import { escapeHtml } from './escape-html.ts';

export function renderTable(table: TableModel): string {
  const head = table.columns
    .map((column) => `<th scope="col" class="align-${column.align ?? 'left'}">${escapeHtml(column.label)}</th>`)
    .join('');
  const body = table.rows
    .map((row) => {
      const classes = [row.isSection ? 'section' : '', row.emphasis ? `emphasis-${row.emphasis}` : '']
        .filter(Boolean)
        .join(' ');
      const classAttribute = classes ? ` class="${classes}"` : '';
      if (row.isSection) {
        const first = table.columns[0]?.key ?? '';
        return `<tr${classAttribute}><th scope="rowgroup" colspan="${table.columns.length}">${escapeHtml(row.cells[first] ?? '')}</th></tr>`;
      }
      const cells = table.columns
        .map((column, index) => {
          const text = escapeHtml(row.cells[column.key] ?? '');
          const align = `align-${column.align ?? 'left'}`;
          return index === 0 ? `<th scope="row" class="${align}">${text}</th>` : `<td class="${align}">${text}</td>`;
        })
        .join('');
      return `<tr${classAttribute}>${cells}</tr>`;
    })
    .join('\n');
  const notes = table.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('');
  const caption = table.caption ? `<span class="caption-detail">${escapeHtml(table.caption)}</span>` : '';
  return `<figure class="table" id="${escapeHtml(table.id)}">
<table>
<caption>${escapeHtml(table.title)}${caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
${notes ? `<figcaption class="notes">${notes}</figcaption>` : ''}
</figure>`;
}
