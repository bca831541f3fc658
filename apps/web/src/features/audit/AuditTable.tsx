/** One page of audit records as a table: number, time, user, action, record, field changes, reason. */
import { Table, Text } from '@mantine/core';
import type { AuditRecord } from '@mmreg/contracts';
import { formatFieldValue } from '../../components/ConflictView.tsx';

export function AuditTable({ records }: { readonly records: readonly AuditRecord[] }) {
  return (
    // Native scrolling in a focusable, named region: keyboard users can scroll it sideways at tablet width.
    <Table.ScrollContainer
      minWidth={720}
      type="native"
      tabIndex={0}
      role="region"
      aria-label="Audit records, scrollable"
    >
      <Table striped aria-label="Audit records">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">#</Table.Th>
            <Table.Th scope="col">When (UTC)</Table.Th>
            <Table.Th scope="col">User</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Record</Table.Th>
            <Table.Th scope="col">Changes</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((record) => (
            <Table.Tr key={record.seq}>
              <Table.Td>{record.seq}</Table.Td>
              <Table.Td>{record.at.replace('T', ' ').slice(0, 19)}</Table.Td>
              <Table.Td>{record.username ?? '—'}</Table.Td>
              <Table.Td>{record.action}</Table.Td>
              <Table.Td>
                {record.entity}
                {record.entityId === null ? '' : ` ${record.entityId}`}
                {record.patientId === null ? '' : ` (patient ${record.patientId})`}
              </Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={3}>
                  {record.changes
                    .map(
                      (change) => `${change.field}: ${formatFieldValue(change.old)} → ${formatFieldValue(change.new)}`,
                    )
                    .join('; ')}
                </Text>
              </Table.Td>
              <Table.Td>{record.reason ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
