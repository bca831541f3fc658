import { describe, expect, it } from 'vitest';
import { buildLabGrid, canonicalEquivalent, formatLabValue } from './lab-grid.ts';
import { labRecord } from './lab-grid-test-data.ts';

describe('buildLabGrid', () => {
  it('puts one row per date and one column per test and unit, in the vocabulary’s order', () => {
    const records = [
      labRecord('2006-02-20', 'hemoglobin', 10.1, 'g/dL'),
      labRecord('2006-01-12', 'serum_m_protein', 3.4, 'g/dL'),
      labRecord('2006-01-12', 'serum_ife', 'positive', null),
      labRecord('2006-02-20', 'serum_m_protein', 13, 'g/L', 1.3),
      labRecord('2006-01-12', 'hemoglobin', 9.5, 'g/dL'),
    ];
    const grid = buildLabGrid(records);
    expect(grid.columns.map((column) => [column.label, column.unit])).toEqual([
      ['serum m protein', 'g/dL'],
      ['serum m protein', 'g/L'],
      ['hemoglobin', 'g/dL'],
      ['serum ife', null],
    ]);
    expect(grid.rows.map((row) => row.date)).toEqual(['2006-01-12', '2006-02-20']);
    expect(grid.rows.map((row) => row.cells.map((cell) => cell.map(formatLabValue).join('|')))).toEqual([
      ['3.4', '', '9.5', 'positive'],
      ['', '13', '10.1', ''],
    ]);
  });

  it('keeps two results of one date, test and unit together in their cell, in entry order', () => {
    const first = labRecord('2006-01-12', 'wbc', 12, '10^9/L');
    const second = labRecord('2006-01-12', 'wbc', 11.5, '10^9/L');
    const grid = buildLabGrid([second, first]);
    expect(grid.rows[0]?.cells[0]).toEqual([first, second]);
  });

  it('gives an empty grid for no records', () => {
    expect(buildLabGrid([])).toEqual({ columns: [], rows: [] });
  });
});

describe('canonicalEquivalent', () => {
  it('shows the stored canonical value only when the entered unit is not the canonical one', () => {
    expect(canonicalEquivalent(labRecord('2006-01-12', 'serum_m_protein', 34, 'g/L', 3.4))).toBe('3.4 g/dL');
    expect(canonicalEquivalent(labRecord('2006-01-12', 'serum_m_protein', 3.4, 'g/dL'))).toBeNull();
    expect(canonicalEquivalent(labRecord('2006-01-12', 'serum_ife', 'negative', null))).toBeNull();
  });
});
