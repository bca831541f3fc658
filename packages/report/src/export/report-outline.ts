/**
 * The order of the report's sections and what each holds, for the formats that lay the report out
 * themselves (DOCX). It follows report.html; a table or figure the outline does not place is
 * appended under "Other tables and figures" so nothing built is left out of a document.
 */
import type { ReportFigure } from '../report-figures.ts';
import type { TableModel } from '../table-model.ts';

export type OutlineItem =
  | { readonly kind: 'table'; readonly table: TableModel }
  | { readonly kind: 'figure'; readonly figure: ReportFigure };

export interface OutlineSection {
  readonly title: string;
  readonly items: readonly OutlineItem[];
}

const sections: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['1. Patients', ['table-1-patients', 'table-1-summary']],
  ['2. Treatment and outcome', ['table-2-treatment-outcomes']],
  ['3. Response', ['table-response']],
  [
    '4. Survival',
    [
      'figure-1a-all-patients',
      'figure-1b-primary-pcl',
      'figure-2a-pfs-by-type',
      'figure-2b-os-by-type',
      'table-survival',
    ],
  ],
  ['5. Toxicity', ['table-toxicity']],
  ['6. Comparison with historical series', ['table-3-literature', 'figure-3-forest', 'table-historical-tests']],
  ['7. Published claims, checked', ['table-claims']],
];

/** The report's tables and figures grouped into its numbered sections (empty sections dropped). */
export function buildReportOutline(tables: readonly TableModel[], figures: readonly ReportFigure[]): OutlineSection[] {
  const items = new Map<string, OutlineItem>();
  for (const table of tables) items.set(table.id, { kind: 'table', table });
  for (const figure of figures) items.set(figure.id, { kind: 'figure', figure });
  const placed = new Set<string>();
  const outline: OutlineSection[] = [];
  for (const [title, ids] of sections) {
    const found = ids.flatMap((id) => {
      const item = items.get(id);
      if (item === undefined) return [];
      placed.add(id);
      return [item];
    });
    if (found.length > 0) outline.push({ title, items: found });
  }
  const rest = [...items].filter(([id]) => !placed.has(id)).map(([, item]) => item);
  if (rest.length > 0) outline.push({ title: 'Other tables and figures', items: rest });
  return outline;
}
