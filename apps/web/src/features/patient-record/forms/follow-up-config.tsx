/** Follow-up contacts: vital status, death date and cause. */
import { Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { nullableSelectProps, nullableTextProps } from '../../../components/forms/field-props.ts';
import type { ChildFormConfig } from '../child-form-config.ts';
import { FormStatusSelect, formGrid, orDash } from './common-fields.tsx';

export const followUpConfig: ChildFormConfig<'follow-up'> = {
  kind: 'follow-up',
  title: 'Follow-up',
  noun: 'follow-up',
  sortKey: (record) => record.date,
  columns: [
    { label: 'Date', render: (record) => record.date },
    { label: 'Vital status', render: (record) => record.vitalStatus },
    { label: 'Death date', render: (record) => orDash(record.deathDate) },
    { label: 'Cause of death', render: (record) => orDash(record.causeOfDeath) },
    { label: 'Notes', render: (record) => orDash(record.notes) },
  ],
  fieldLabels: [
    { key: 'date', label: 'Date' },
    { key: 'vitalStatus', label: 'Vital status' },
    { key: 'deathDate', label: 'Death date' },
    { key: 'causeOfDeath', label: 'Cause of death' },
    { key: 'notes', label: 'Notes' },
    { key: 'formStatus', label: 'Form status' },
  ],
  emptyValues: () => ({
    date: '',
    vitalStatus: 'alive',
    deathDate: null,
    causeOfDeath: null,
    notes: null,
    formStatus: 'incomplete',
  }),
  renderFields: (form) => (
    <Stack gap="sm">
      <SimpleGrid cols={formGrid}>
        <TextInput type="date" label="Date of contact" required {...form.getInputProps('date')} />
        <Select
          label="Vital status"
          required
          allowDeselect={false}
          data={[
            { value: 'alive', label: 'Alive' },
            { value: 'dead', label: 'Dead' },
          ]}
          {...form.getInputProps('vitalStatus')}
        />
        <TextInput type="date" label="Death date" {...nullableTextProps(form, 'deathDate')} />
        <Select
          label="Cause of death"
          clearable
          data={['disease', 'toxicity', 'infection', 'other', 'unknown']}
          {...nullableSelectProps(form, 'causeOfDeath')}
        />
      </SimpleGrid>
      <Textarea label="Notes" autosize minRows={2} {...nullableTextProps(form, 'notes')} />
      <FormStatusSelect form={form} />
    </Stack>
  ),
};
