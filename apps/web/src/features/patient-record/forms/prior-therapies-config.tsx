/** Prior lines of therapy (before the index bortezomib course), including autologous transplants. */
import { Checkbox, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { nullableSelectProps, nullableTextProps } from '../../../components/forms/field-props.ts';
import type { ChildFormConfig } from '../child-form-config.ts';
import { FormStatusSelect, formGrid, orDash } from './common-fields.tsx';

const responses = ['sCR', 'CR', 'nCR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE'];

export const priorTherapiesConfig: ChildFormConfig<'prior-therapies'> = {
  kind: 'prior-therapies',
  title: 'Prior lines of therapy',
  noun: 'prior line',
  sortKey: (record) => String(record.lineNumber).padStart(3, '0'),
  columns: [
    { label: 'Line', render: (record) => record.lineNumber },
    { label: 'Regimen', render: (record) => record.regimen },
    { label: 'Agents', render: (record) => orDash(record.agents.join(', ')) },
    { label: 'Start', render: (record) => orDash(record.startDate) },
    { label: 'End', render: (record) => orDash(record.endDate) },
    { label: 'ASCT', render: (record) => (record.isAutologousTransplant ? 'yes' : 'no') },
    { label: 'Best response', render: (record) => orDash(record.bestResponse) },
  ],
  fieldLabels: [
    { key: 'lineNumber', label: 'Line' },
    { key: 'regimen', label: 'Regimen' },
    { key: 'agents', label: 'Agents' },
    { key: 'startDate', label: 'Start date' },
    { key: 'endDate', label: 'End date' },
    { key: 'isAutologousTransplant', label: 'Autologous transplant' },
    { key: 'bestResponse', label: 'Best response' },
    { key: 'formStatus', label: 'Form status' },
  ],
  emptyValues: () => ({
    lineNumber: 1,
    regimen: '',
    agents: [],
    startDate: null,
    endDate: null,
    isAutologousTransplant: false,
    bestResponse: null,
    formStatus: 'incomplete',
  }),
  renderFields: (form) => (
    <Stack gap="sm">
      <SimpleGrid cols={formGrid}>
        <NumberInput
          label="Line number"
          required
          min={1}
          max={30}
          allowDecimal={false}
          {...form.getInputProps('lineNumber')}
        />
        <TextInput label="Regimen" required {...form.getInputProps('regimen')} />
        <TagsInput label="Agents" description="Press Enter after each agent" {...form.getInputProps('agents')} />
        <TextInput type="date" label="Start date" {...nullableTextProps(form, 'startDate')} />
        <TextInput type="date" label="End date" {...nullableTextProps(form, 'endDate')} />
        <Select label="Best response" clearable data={responses} {...nullableSelectProps(form, 'bestResponse')} />
      </SimpleGrid>
      <Checkbox
        label="Autologous stem cell transplant (ASCT)"
        {...form.getInputProps('isAutologousTransplant', { type: 'checkbox' })}
      />
      <FormStatusSelect form={form} />
    </Stack>
  ),
};
