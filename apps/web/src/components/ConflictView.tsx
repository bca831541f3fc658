/** Shows a stale save next to what the server now holds, field by field, and lets the user choose. */
import { Alert, Button, Group, Table, Text } from '@mantine/core';

export interface ConflictField {
  readonly key: string;
  readonly label: string;
}

export interface ConflictViewProps {
  readonly fields: readonly ConflictField[];
  readonly yours: Readonly<Record<string, unknown>>;
  readonly server: Readonly<Record<string, unknown>>;
  /** Discard my edits and load the saved version. */
  readonly onUseServer: () => void;
  /** Keep my edits and save them over the saved version. */
  readonly onReapplyMine: () => void;
}

export function formatFieldValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

export function ConflictView({ fields, yours, server, onUseServer, onReapplyMine }: ConflictViewProps) {
  const rows = fields.map((field) => {
    const mine = formatFieldValue(yours[field.key]);
    const saved = formatFieldValue(server[field.key]);
    const isDifferent = mine !== saved;
    return (
      <Table.Tr
        key={field.key}
        {...(isDifferent ? { bg: 'var(--mantine-color-yellow-light)', 'data-different': true } : {})}
      >
        <Table.Th scope="row">{field.label}</Table.Th>
        <Table.Td>{mine}</Table.Td>
        <Table.Td>{saved}</Table.Td>
      </Table.Tr>
    );
  });
  return (
    <Alert color="orange" title="Someone else saved this form while you were editing" role="alert">
      <Text size="sm" mb="sm">
        Your changes were not saved. Compare the two versions (differences are highlighted) and choose.
      </Text>
      <Table withTableBorder striped={false} aria-label="Your version and the saved version">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Field</Table.Th>
            <Table.Th scope="col">Your version</Table.Th>
            <Table.Th scope="col">Saved version (version {formatFieldValue(server['version'])})</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows}</Table.Tbody>
      </Table>
      <Group mt="sm">
        <Button variant="default" onClick={onUseServer}>
          Use the saved version
        </Button>
        <Button onClick={onReapplyMine}>Save my version over it</Button>
      </Group>
    </Alert>
  );
}
