/** A dashboard table: caption, column headers with scope, the first cell of a row as its row header, right-aligned numbers, notes under it. */
import { Stack, Table, Text } from '@mantine/core';
import { memo } from 'react';
import type { TextTable } from './dashboard-tables.ts';

const emphasisStyles = {
  strong: { fontWeight: 600 },
  // Gray 7, not Mantine's "dimmed" (gray 6 fails WCAG AA contrast on white and on striped rows).
  muted: { color: 'var(--mantine-color-gray-7)' },
  warning: { backgroundColor: 'var(--mantine-color-yellow-light)' },
} as const;

export interface TextTableViewProps {
  readonly table: TextTable;
  /** Below this width the table scrolls sideways (tablet). */
  readonly minWidth?: number;
  readonly testId?: string;
}

export const TextTableView = memo(function TextTableView({ table, minWidth = 640, testId }: TextTableViewProps) {
  const isNumeric = new Set(table.numericColumns);
  return (
    <Stack gap={4}>
      {/* Native scrolling in a focusable, named region: keyboard users can scroll a wide table (tablet width). */}
      <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={table.caption}>
        <Table striped captionSide="top" data-testid={testId}>
          <Table.Caption style={{ textAlign: 'left', fontWeight: 600, color: 'var(--mantine-color-gray-9)' }}>
            {table.caption}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((column, index) => (
                <Table.Th key={column} scope="col" ta={isNumeric.has(index) ? 'right' : 'left'}>
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row) => (
              <Table.Tr key={row.key} style={row.emphasis === undefined ? undefined : emphasisStyles[row.emphasis]}>
                {row.cells.map((cell, index) =>
                  index === 0 ? (
                    <Table.Th key={table.columns[index]} scope="row" fw="inherit">
                      {cell}
                    </Table.Th>
                  ) : (
                    <Table.Td key={table.columns[index]} ta={isNumeric.has(index) ? 'right' : 'left'}>
                      {cell}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {table.notes.map((note) => (
        <Text key={note} size="xs" c="gray.7">
          {note}
        </Text>
      ))}
    </Stack>
  );
});
