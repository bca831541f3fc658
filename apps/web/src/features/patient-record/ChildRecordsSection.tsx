/**
 * One repeating form on the record page: its records in a table (or, for forms that have one, a grid
 * view shown first, with the table one switch away), add/edit below it, delete with a reason when complete.
 */
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import type { ChildFormKind, ChildRecord } from '@mmreg/contracts';
import { type ReactNode, useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { useChildMutations, useChildren } from '../../api/use-registry-queries.ts';
import { formStatusColour, formStatusLabel } from '../../components/forms/form-status-options.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { ChildRecordForm } from './ChildRecordForm.tsx';
import type { ChildFormConfig, ChildFormValues } from './child-form-config.ts';

export interface ChildRecordsSectionProps<TKind extends ChildFormKind> {
  readonly patientId: number;
  readonly config: ChildFormConfig<TKind>;
  readonly canWrite: boolean;
  /** Shown between the table and the form (e.g. lab-derived adverse-event suggestions). */
  readonly renderExtra?: (
    records: readonly ChildRecord<TKind>[],
    startAdding: (values: ChildFormValues<TKind>) => void,
  ) => ReactNode;
  /** Shown under a record's row (e.g. a course's administrations). */
  readonly renderDetail?: (record: ChildRecord<TKind>) => ReactNode;
  /** A second view of the records, shown by default (e.g. the labs' date × test grid); the table stays a switch away. */
  readonly renderGrid?: (records: readonly ChildRecord<TKind>[], actions: ChildRecordActions<TKind>) => ReactNode;
}

/** What a grid view may start: adding a record with some values filled in, or editing one. */
export interface ChildRecordActions<TKind extends ChildFormKind> {
  readonly startAdding: (values: ChildFormValues<TKind>) => void;
  readonly startEditing: (record: ChildRecord<TKind>) => void;
}

type Editing<TKind extends ChildFormKind> =
  | { readonly mode: 'none' }
  | { readonly mode: 'add'; readonly values?: ChildFormValues<TKind>; readonly key: number }
  | { readonly mode: 'edit'; readonly record: ChildRecord<TKind> };

export function ChildRecordsSection<TKind extends ChildFormKind>({
  patientId,
  config,
  canWrite,
  renderExtra,
  renderDetail,
  renderGrid,
}: ChildRecordsSectionProps<TKind>) {
  const [view, setView] = useState<'grid' | 'table'>('grid');
  const records = useChildren(patientId, config.kind);
  const { remove } = useChildMutations(patientId, config.kind);
  const [editing, setEditing] = useState<Editing<TKind>>({ mode: 'none' });
  const [deleting, setDeleting] = useState<ChildRecord<TKind> | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  if (records.isPending) return <PageLoader />;
  if (records.isError) return <Alert color="red">{describeError(records.error)}</Alert>;
  const sorted = [...records.data].sort((a, b) => config.sortKey(a).localeCompare(config.sortKey(b)) || a.id - b.id);
  const startAdding = (values?: ChildFormValues<TKind>) =>
    setEditing({ mode: 'add', key: Date.now(), ...(values === undefined ? {} : { values }) });

  const runDelete = async (record: ChildRecord<TKind>, reason: string | undefined) => {
    setDeleteError(null);
    try {
      await remove.mutateAsync({ record, reason });
    } catch (error) {
      setDeleteError(describeError(error));
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{config.title}</Title>
        {canWrite && editing.mode === 'none' && <Button onClick={() => startAdding()}>Add {config.noun}</Button>}
      </Group>
      {deleteError !== null && (
        <Alert color="red" role="alert" withCloseButton onClose={() => setDeleteError(null)}>
          {deleteError}
        </Alert>
      )}
      {renderGrid !== undefined && sorted.length > 0 && (
        <SegmentedControl
          value={view}
          onChange={(value) => setView(value === 'table' ? 'table' : 'grid')}
          data={[
            { value: 'grid', label: 'Grid by date' },
            { value: 'table', label: 'List with status' },
          ]}
          aria-label={`How to show the ${config.noun}s`}
          w="fit-content"
        />
      )}
      {renderGrid !== undefined && view === 'grid' && sorted.length > 0
        ? renderGrid(sorted, {
            startAdding: (values) => startAdding(values),
            startEditing: (record) => setEditing({ mode: 'edit', record }),
          })
        : null}
      {(renderGrid === undefined || view === 'table' || sorted.length === 0) &&
        (sorted.length === 0 ? (
          <Text c="dimmed">No {config.noun} recorded.</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label={config.title}>
              <Table.Thead>
                <Table.Tr>
                  {config.columns.map((column) => (
                    <Table.Th key={column.label} scope="col">
                      {column.label}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">Status</Table.Th>
                  {canWrite && <Table.Th scope="col">Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((record) => (
                  <RecordRows
                    key={record.id}
                    record={record}
                    config={config}
                    canWrite={canWrite}
                    onEdit={() => setEditing({ mode: 'edit', record })}
                    onDelete={() =>
                      record.formStatus === 'complete' ? setDeleting(record) : void runDelete(record, undefined)
                    }
                    detail={renderDetail?.(record)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
      {renderExtra?.(sorted, (values) => startAdding(values))}
      {editing.mode === 'add' && (
        <ChildRecordForm
          key={`add-${editing.key}`}
          patientId={patientId}
          config={config}
          {...(editing.values === undefined ? {} : { initialValues: editing.values })}
          onDone={() => setEditing({ mode: 'none' })}
        />
      )}
      {editing.mode === 'edit' && (
        <ChildRecordForm
          key={`edit-${editing.record.id}`}
          patientId={patientId}
          config={config}
          record={editing.record}
          onDone={() => setEditing({ mode: 'none' })}
        />
      )}
      <ReasonModal
        isOpen={deleting !== null}
        action="Delete"
        onCancel={() => setDeleting(null)}
        onConfirm={(reason) => {
          const record = deleting;
          setDeleting(null);
          if (record !== null) void runDelete(record, reason);
        }}
      />
    </Stack>
  );
}

interface RecordRowsProps<TKind extends ChildFormKind> {
  readonly record: ChildRecord<TKind>;
  readonly config: ChildFormConfig<TKind>;
  readonly canWrite: boolean;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
  readonly detail: ReactNode;
}

function RecordRows<TKind extends ChildFormKind>({
  record,
  config,
  canWrite,
  onEdit,
  onDelete,
  detail,
}: RecordRowsProps<TKind>) {
  const columnCount = config.columns.length + (canWrite ? 2 : 1);
  return (
    <>
      <Table.Tr>
        {config.columns.map((column) => (
          <Table.Td key={column.label}>{column.render(record)}</Table.Td>
        ))}
        <Table.Td>
          <Badge color={formStatusColour(record.formStatus)} variant="light">
            {formStatusLabel(record.formStatus)}
          </Badge>
        </Table.Td>
        {canWrite && (
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" variant="light" onClick={onEdit}>
                Edit
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={onDelete}>
                Delete
              </Button>
            </Group>
          </Table.Td>
        )}
      </Table.Tr>
      {detail !== undefined && detail !== null && (
        <Table.Tr>
          <Table.Td colSpan={columnCount}>{detail}</Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
