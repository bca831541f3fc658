/**
 * Adds or edits one record of a repeating form: validated with `childForms[kind].create` (the API's
 * schema), a reason for a complete record, both versions on a 409, a warning before leaving unsaved.
 */
import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { type ChildFormKind, type ChildRecord, childForms } from '@mmreg/contracts';
import { useEffect, useRef, useState } from 'react';
import { useChildMutations } from '../../api/use-registry-queries.ts';
import { ConflictView } from '../../components/ConflictView.tsx';
import { useSaveFlow } from '../../components/forms/use-save-flow.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.tsx';
import {
  type ChildFormConfig,
  type ChildFormValues,
  childValuesOf,
  toChildCreate,
  toChildUpdate,
} from './child-form-config.ts';

export interface ChildRecordFormProps<TKind extends ChildFormKind> {
  readonly patientId: number;
  readonly config: ChildFormConfig<TKind>;
  /** The record edited; absent when adding. */
  readonly record?: ChildRecord<TKind>;
  /** Starting values when adding (e.g. a lab-derived adverse event). */
  readonly initialValues?: ChildFormValues<TKind>;
  readonly onDone: () => void;
}

export function ChildRecordForm<TKind extends ChildFormKind>({
  patientId,
  config,
  record,
  initialValues,
  onDone,
}: ChildRecordFormProps<TKind>) {
  const start = record === undefined ? (initialValues ?? config.emptyValues()) : childValuesOf(record);
  const form = useForm<ChildFormValues<TKind>>({
    mode: 'controlled',
    initialValues: start,
    validate: schemaResolver(childForms[config.kind].create, { sync: true }),
  });
  const [base, setBase] = useState<ChildRecord<TKind> | undefined>(record);
  const { create, update } = useChildMutations(patientId, config.kind);
  const flow = useSaveFlow<ChildFormValues<TKind>, ChildRecord<TKind>>({
    isStoredComplete: base?.formStatus === 'complete',
    save: (values, reason) =>
      base === undefined
        ? create.mutateAsync(toChildCreate(config.kind, values, reason))
        : update.mutateAsync({ recordId: base.id, update: toChildUpdate(config.kind, values, base.version, reason) }),
    onSaved: () => {
      form.resetDirty();
      setTimeout(onDone, 0);
    },
    setFieldErrors: form.setErrors,
  });
  const { conflict } = flow;
  const heading = `${record === undefined ? 'Add' : 'Edit'} ${config.noun}`;
  // Opened from a button or a lab-grid cell: bring the form into view and put the focus in its first field.
  const formElement = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const element = formElement.current;
    element?.scrollIntoView({ block: 'nearest' });
    element?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus({ preventScroll: true });
  }, []);

  return (
    <Paper withBorder p="md">
      <form ref={formElement} onSubmit={form.onSubmit(flow.submit)} noValidate aria-label={heading}>
        <UnsavedChangesGuard isDirty={form.isDirty()} />
        <Stack gap="sm">
          <Title order={4}>{heading}</Title>
          {conflict !== null && (
            <ConflictView
              fields={config.fieldLabels}
              yours={form.getValues()}
              server={conflict.server}
              onUseServer={() => {
                const values = childValuesOf(conflict.server);
                setBase(conflict.server);
                form.setValues(values);
                form.resetDirty(values);
                flow.clearConflict();
              }}
              onReapplyMine={() => {
                setBase(conflict.server);
                flow.clearConflict();
              }}
            />
          )}
          {flow.error !== null && (
            <Alert color="red" role="alert" title="Not saved">
              {flow.error}
            </Alert>
          )}
          {config.renderFields(form)}
          <Group>
            <Button type="submit" loading={flow.isSaving}>
              Save {config.noun}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                form.reset();
                form.resetDirty();
                setTimeout(onDone, 0);
              }}
            >
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
      <ReasonModal action="Save changes" {...flow.reasonModal} />
    </Paper>
  );
}
