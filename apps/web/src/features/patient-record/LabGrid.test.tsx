import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { LabGrid } from './LabGrid.tsx';
import { labRecord } from './lab-grid-test-data.ts';

const records = [
  labRecord('2006-01-12', 'serum_m_protein', 3.4, 'g/dL'),
  labRecord('2006-01-12', 'hemoglobin', 9.5, 'g/dL'),
  labRecord('2006-02-20', 'serum_m_protein', 13, 'g/L', 1.3),
  labRecord('2006-03-29', 'serum_m_protein', 1.3, 'g/dL'),
];

function renderGrid(canWrite = true) {
  const onEdit = vi.fn();
  const onAdd = vi.fn();
  renderWithProviders(<LabGrid records={records} canWrite={canWrite} onEdit={onEdit} onAdd={onAdd} />);
  return { onEdit, onAdd, table: screen.getByRole('table', { name: 'Laboratory results by date' }) };
}

describe('LabGrid', () => {
  it('is a table with a caption, unit-bearing column headers and a row header per sample date', () => {
    const { table } = renderGrid();
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual([
      'Date',
      'serum m protein g/dL',
      'serum m protein g/L',
      'hemoglobin g/dL',
    ]);
    expect(headers.every((header) => header.getAttribute('scope') === 'col')).toBe(true);
    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((header) => [header.textContent, header.getAttribute('scope')])).toEqual([
      ['2006-01-12', 'row'],
      ['2006-02-20', 'row'],
      ['2006-03-29', 'row'],
    ]);
    // The value in the unit it was entered in, with the stored canonical conversion beside it.
    expect(within(table).getByRole('button', { name: 'serum m protein on 2006-02-20: 13 g/L, edit' }).textContent).toBe(
      '13 (= 1.3 g/dL)',
    );
  });

  it('opens the lab form on a value to edit it, and on an empty cell prefilled with its date, test and unit', () => {
    const { table, onEdit, onAdd } = renderGrid();
    fireEvent.click(within(table).getByRole('button', { name: 'serum m protein on 2006-01-12: 3.4 g/dL, edit' }));
    expect(onEdit).toHaveBeenCalledWith(records[0]);
    fireEvent.click(within(table).getByRole('button', { name: 'Add hemoglobin on 2006-02-20' }));
    expect(onAdd).toHaveBeenCalledWith({ date: '2006-02-20', test: 'hemoglobin', unit: 'g/dL' });
  });

  it('keeps one cell in the Tab order and moves between cells with the arrow keys, Home and End', () => {
    const { table } = renderGrid();
    const tabbable = within(table)
      .getAllByRole('button')
      .filter((button) => button.tabIndex === 0);
    expect(tabbable.map((button) => button.getAttribute('aria-label'))).toEqual([
      'serum m protein on 2006-01-12: 3.4 g/dL, edit',
    ]);
    const first = tabbable[0] as HTMLElement;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Add serum m protein on 2006-02-20');
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('serum m protein on 2006-02-20: 13 g/L, edit');
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Add hemoglobin on 2006-02-20');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Add serum m protein on 2006-02-20');
    expect(
      within(table)
        .getAllByRole('button')
        .filter((button) => button.tabIndex === 0)
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['Add serum m protein on 2006-02-20']);
  });

  it('shows the values without buttons to a reader who cannot write', () => {
    const { table } = renderGrid(false);
    expect(within(table).queryAllByRole('button')).toEqual([]);
    expect(table.textContent).toContain('13 (= 1.3 g/dL)');
  });
});
