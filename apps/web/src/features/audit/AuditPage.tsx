/** The audit trail for the coordinating centre: who changed what, when and why (newest first). */
import { Alert, Code, Stack, Table, Text, Title } from '@mantine/core';
import { describeError } from '../../api/api-error.ts';
import { useAudit } from '../../api/use-registry-queries.ts';
import { formatFieldValue } from '../../components/ConflictView.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';

export function AuditPage() {
  const audit = useAudit(null);
  return (
    <Stack gap="md">
      <Title order={2}>Audit trail</Title>
      {audit.isPending && <PageLoader />}
      {audit.isError && <Alert color="red">{describeError(audit.error)}</Alert>}
      {audit.isSuccess && (
        <>
          <Text size="sm" c="dimmed">
            {audit.data.length} records (hash-chained; verify with <Code>mmreg audit verify</Code>)
          </Text>
          {/* Native scrolling in a focusable, named region: keyboard users can scroll it sideways at tablet width. */}
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
                {[...audit.data].reverse().map((record) => (
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
                            (change) =>
                              `${change.field}: ${formatFieldValue(change.old)} → ${formatFieldValue(change.new)}`,
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
        </>
      )}
    </Stack>
  );
}
