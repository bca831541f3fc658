/**
 * Serial laboratory results as a grid (issue 6 item 2): one row per sample date, one column per test
 * and unit present — the unit the value was entered in, so a column never mixes units (a test entered
 * in two units has two columns) — and in each cell the records of that date, test and unit. Tests in
 * the order of core's laboratory vocabulary, the canonical unit first. Rearranges only.
 */
import type { ChildRecord } from '@mmreg/contracts';
import {
  canonicalUnits,
  isLabTest,
  isQuantitativeLabTest,
  qualitativeLabTests,
  quantitativeLabTests,
} from '@mmreg/core';

type LabRecord = ChildRecord<'assessments'>;

export interface LabGridColumn {
  /** `test|unit`, unique. */
  readonly key: string;
  readonly test: string;
  /** The unit the values were entered in; null for qualitative tests (a result word). */
  readonly unit: string | null;
  /** The test as the lab form names it ("serum m protein"). */
  readonly label: string;
}

export interface LabGridRow {
  readonly date: string;
  /** One entry per column: that date's records of the column's test and unit (usually 0 or 1). */
  readonly cells: ReadonlyArray<readonly LabRecord[]>;
}

export interface LabGrid {
  readonly columns: readonly LabGridColumn[];
  readonly rows: readonly LabGridRow[];
}

const testOrder: readonly string[] = [...quantitativeLabTests, ...qualitativeLabTests];

export function labTestLabel(test: string): string {
  return test.replaceAll('_', ' ');
}

function columnKey(test: string, unit: string | null): string {
  return `${test}|${unit ?? ''}`;
}

function compareColumns(left: LabGridColumn, right: LabGridColumn): number {
  const byTest = rank(left.test) - rank(right.test) || left.test.localeCompare(right.test);
  if (byTest !== 0) return byTest;
  const canonical = isLabTest(left.test) && isQuantitativeLabTest(left.test) ? canonicalUnits[left.test] : null;
  if (left.unit === canonical) return -1;
  if (right.unit === canonical) return 1;
  return (left.unit ?? '').localeCompare(right.unit ?? '');
}

function rank(test: string): number {
  const index = testOrder.indexOf(test);
  return index === -1 ? testOrder.length : index;
}

/** The grid of `records`: dates ascending, columns by test then unit, records in a cell by id. */
export function buildLabGrid(records: readonly LabRecord[]): LabGrid {
  const columns = new Map<string, LabGridColumn>();
  const byDate = new Map<string, Map<string, LabRecord[]>>();
  for (const record of [...records].sort((left, right) => left.id - right.id)) {
    const key = columnKey(record.test, record.unit);
    if (!columns.has(key)) {
      columns.set(key, { key, test: record.test, unit: record.unit, label: labTestLabel(record.test) });
    }
    const cells = byDate.get(record.date) ?? new Map<string, LabRecord[]>();
    byDate.set(record.date, cells);
    cells.set(key, [...(cells.get(key) ?? []), record]);
  }
  const orderedColumns = [...columns.values()].sort(compareColumns);
  const rows = [...byDate.keys()].sort().map((date) => ({
    date,
    cells: orderedColumns.map((column) => byDate.get(date)?.get(column.key) ?? []),
  }));
  return { columns: orderedColumns, rows };
}

/** A value as the cell shows it: the number or the result word. */
export function formatLabValue(record: LabRecord): string {
  return record.value === null ? (record.result ?? '—') : String(record.value);
}

/** The value in the canonical unit when it was entered in another one (the store's conversion), else null. */
export function canonicalEquivalent(record: LabRecord): string | null {
  if (record.canonicalValue === null || !isLabTest(record.test) || !isQuantitativeLabTest(record.test)) return null;
  const canonical = canonicalUnits[record.test];
  if (record.unit === canonical) return null;
  return `${Number(record.canonicalValue.toPrecision(6))} ${canonical}`;
}
