/**
 * The patient's serial labs as a date × test grid (lab-grid.ts): a real table — caption, column headers
 * with the unit, a row header per sample date. Writers choose a value to edit it or an empty cell to
 * add a result for that date and test (the lab form opens prefilled). One cell is in the Tab order;
 * the arrow keys, Home and End move between cells (a roving tab stop), so a long series is one Tab.
 */
import { Table, Text, UnstyledButton } from '@mantine/core';
import type { ChildRecord } from '@mmreg/contracts';
import { type KeyboardEvent, useState } from 'react';
import classes from './lab-grid.module.css';
import { buildLabGrid, canonicalEquivalent, formatLabValue, type LabGridColumn } from './lab-grid.ts';

type LabRecord = ChildRecord<'assessments'>;

export interface LabGridProps {
  readonly records: readonly LabRecord[];
  readonly canWrite: boolean;
  readonly onEdit: (record: LabRecord) => void;
  readonly onAdd: (prefill: { readonly date: string; readonly test: string; readonly unit: string | null }) => void;
}

const cellId = (row: number, column: number, item: number) => `${row}:${column}:${item}`;

function unitText(column: LabGridColumn): string {
  return column.unit ?? 'result';
}

/** The button to focus when moving from `from` by `key`, or null to stay. */
function nextButton(table: HTMLElement, from: HTMLElement, key: string): HTMLElement | null {
  const row = Number(from.dataset['row']);
  const column = Number(from.dataset['column']);
  const inRow = Array.from(table.querySelectorAll<HTMLElement>(`button[data-row="${row}"]`));
  const index = inRow.indexOf(from);
  const firstOf = (targetRow: number, targetColumn: number) =>
    table.querySelector<HTMLElement>(`button[data-row="${targetRow}"][data-column="${targetColumn}"]`);
  switch (key) {
    case 'ArrowRight':
      return inRow[index + 1] ?? null;
    case 'ArrowLeft':
      return inRow[index - 1] ?? null;
    case 'ArrowDown':
      return firstOf(row + 1, column);
    case 'ArrowUp':
      return firstOf(row - 1, column);
    case 'Home':
      return inRow[0] ?? null;
    case 'End':
      return inRow.at(-1) ?? null;
    default:
      return null;
  }
}

export function LabGrid({ records, canWrite, onEdit, onAdd }: LabGridProps) {
  const grid = buildLabGrid(records);
  const [active, setActive] = useState(cellId(0, 0, 0));
  const activeExists = grid.rows.some((row, rowIndex) =>
    row.cells.some((cell, columnIndex) =>
      Array.from({ length: Math.max(1, cell.length) }, (_, item) => cellId(rowIndex, columnIndex, item)).includes(
        active,
      ),
    ),
  );
  const tabStop = activeExists ? active : cellId(0, 0, 0);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const from = event.target;
    if (!(from instanceof HTMLElement) || from.dataset['row'] === undefined) return;
    const target = nextButton(event.currentTarget, from, event.key);
    if (target === null) return;
    event.preventDefault();
    target.focus();
  };

  const cellButton = (
    id: string,
    position: { row: number; column: number },
    label: string,
    content: string,
    onClick: () => void,
  ) => (
    <UnstyledButton
      key={id}
      className={classes['cellButton']}
      data-row={position.row}
      data-column={position.column}
      tabIndex={id === tabStop ? 0 : -1}
      aria-label={label}
      onFocus={() => setActive(id)}
      onClick={onClick}
    >
      {content === '+' ? <span className={classes['add']}>+</span> : content}
    </UnstyledButton>
  );

  return (
    <Table.ScrollContainer minWidth={Math.min(1200, 140 + grid.columns.length * 120)} type="native">
      <Table withTableBorder withColumnBorders captionSide="top" onKeyDown={onKeyDown} data-testid="lab-grid">
        <Table.Caption className={classes['caption']}>Laboratory results by date</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Date</Table.Th>
            {grid.columns.map((column) => (
              <Table.Th scope="col" key={column.key}>
                {column.label}{' '}
                <Text component="span" size="xs" c="gray.7" display="block">
                  {unitText(column)}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.rows.map((row, rowIndex) => (
            <Table.Tr key={row.date}>
              <Table.Th scope="row" className={classes['date']}>
                {row.date}
              </Table.Th>
              {row.cells.map((cell, columnIndex) => {
                const column = grid.columns[columnIndex];
                if (column === undefined) return null;
                const position = { row: rowIndex, column: columnIndex };
                const what = `${column.label} on ${row.date}`;
                return (
                  <Table.Td key={column.key}>
                    {cell.length === 0 && canWrite
                      ? cellButton(cellId(rowIndex, columnIndex, 0), position, `Add ${what}`, '+', () =>
                          onAdd({ date: row.date, test: column.test, unit: column.unit }),
                        )
                      : null}
                    {cell.map((record, item) => {
                      const value = formatLabValue(record);
                      const converted = canonicalEquivalent(record);
                      const shown = `${value}${converted === null ? '' : ` (= ${converted})`}`;
                      return canWrite ? (
                        cellButton(
                          cellId(rowIndex, columnIndex, item),
                          position,
                          `${what}: ${value}${column.unit === null ? '' : ` ${column.unit}`}, edit`,
                          shown,
                          () => onEdit(record),
                        )
                      ) : (
                        <Text key={record.id} size="sm">
                          {shown}
                        </Text>
                      );
                    })}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
