/**
 * Registers a patient or edits the enrolment/diagnosis form, validated with the API's own
 * `patientCreateSchema`; a complete form asks for a reason, a stale save shows both versions.
 */
import { Alert, Button, Group, Stack } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { type PatientRecord, patientCreateSchema } from '@mmreg/contracts';
import { useState } from 'react';
import type { CenterAccess } from '../../api/study-api.ts';
import { ConflictView } from '../../components/ConflictView.tsx';
import { useSaveFlow } from '../../components/forms/use-save-flow.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard.tsx';
import { PatientFields } from './PatientFields.tsx';
import { type PatientFormValues, patientFieldLabels, patientValuesOf } from './patient-form-values.ts';

export interface PatientFormProps {
  readonly initialValues: PatientFormValues;
  /** The stored patient being edited; absent when registering. */
  readonly record?: PatientRecord;
  readonly centers: readonly CenterAccess[];
  readonly save: (
    values: PatientFormValues,
    base: PatientRecord | undefined,
    reason: string | undefined,
  ) => Promise<PatientRecord>;
  readonly onSaved: (record: PatientRecord) => void;
  readonly isReadOnly?: boolean;
}

export function PatientForm({ initialValues, record, centers, save, onSaved, isReadOnly = false }: PatientFormProps) {
  const form = useForm<PatientFormValues>({
    mode: 'controlled',
    initialValues,
    validate: schemaResolver(patientCreateSchema, { sync: true }),
  });
  // The version this form edits: the record read, or the server's after "save my version over it".
  const [base, setBase] = useState<PatientRecord | undefined>(record);
  const flow = useSaveFlow<PatientFormValues, PatientRecord>({
    isStoredComplete: base?.formStatus === 'complete',
    save: (values, reason) => save(values, base, reason),
    onSaved: (saved) => {
      setBase(saved);
      form.setInitialValues(patientValuesOf(saved));
      form.setValues(patientValuesOf(saved));
      form.resetDirty(patientValuesOf(saved));
      onSaved(saved);
    },
    setFieldErrors: form.setErrors,
  });
  const { conflict } = flow;

  return (
    <form
      onSubmit={form.onSubmit(flow.submit)}
      noValidate
      aria-label={record === undefined ? 'New patient' : 'Baseline'}
    >
      <UnsavedChangesGuard isDirty={form.isDirty()} />
      <Stack gap="md">
        {conflict !== null && (
          <ConflictView
            fields={patientFieldLabels}
            yours={form.getValues()}
            server={conflict.server}
            onUseServer={() => {
              const values = patientValuesOf(conflict.server);
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
        <fieldset disabled={isReadOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <PatientFields form={form} centers={centers} isNew={record === undefined} />
          </Stack>
        </fieldset>
        {!isReadOnly && (
          <Group>
            <Button type="submit" loading={flow.isSaving}>
              {record === undefined ? 'Register patient' : 'Save baseline'}
            </Button>
            {form.isDirty() && (
              <Button variant="default" onClick={() => form.reset()}>
                Discard changes
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <ReasonModal action="Save changes" {...flow.reasonModal} />
    </form>
  );
}
