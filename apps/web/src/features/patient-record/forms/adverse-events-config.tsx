/** Adverse events: CTCAE term and grade, dates, seriousness, attribution, action taken. */
import { Checkbox, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { ChildRecord } from '@mmreg/contracts';
import { nullableSelectProps, nullableTextProps } from '../../../components/forms/field-props.ts';
import type { ChildFormConfig } from '../child-form-config.ts';
import { FormStatusSelect, formGrid, orDash } from './common-fields.tsx';

export function adverseEventsConfig(courses: readonly ChildRecord<'courses'>[]): ChildFormConfig<'adverse-events'> {
  return {
    kind: 'adverse-events',
    title: 'Adverse events',
    noun: 'adverse event',
    sortKey: (record) => record.onsetDate,
    columns: [
      { label: 'CTCAE term', render: (record) => record.term },
      { label: 'Grade', render: (record) => `${record.grade} (CTCAE ${record.ctcaeVersion})` },
      { label: 'Onset', render: (record) => record.onsetDate },
      { label: 'Resolved', render: (record) => orDash(record.resolutionDate) },
      { label: 'Serious', render: (record) => (record.isSerious ? 'yes' : 'no') },
      { label: 'Attribution', render: (record) => orDash(record.attribution) },
      { label: 'Action', render: (record) => orDash(record.action) },
    ],
    fieldLabels: [
      { key: 'term', label: 'CTCAE term' },
      { key: 'ctcaeVersion', label: 'CTCAE version' },
      { key: 'grade', label: 'Grade' },
      { key: 'onsetDate', label: 'Onset' },
      { key: 'resolutionDate', label: 'Resolution' },
      { key: 'isSerious', label: 'Serious' },
      { key: 'attribution', label: 'Attribution' },
      { key: 'action', label: 'Action' },
      { key: 'courseId', label: 'Course' },
      { key: 'formStatus', label: 'Form status' },
    ],
    emptyValues: () => ({
      term: '',
      ctcaeVersion: 'v3',
      grade: 1,
      onsetDate: '',
      resolutionDate: null,
      isSerious: false,
      attribution: null,
      action: null,
      courseId: null,
      formStatus: 'incomplete',
    }),
    renderFields: (form) => {
      const values = form.getValues();
      return (
        <Stack gap="sm">
          <SimpleGrid cols={formGrid}>
            <TextInput
              label="CTCAE term"
              required
              description="e.g. Thrombocytopenia"
              {...form.getInputProps('term')}
            />
            <NumberInput label="Grade" required min={1} max={5} allowDecimal={false} {...form.getInputProps('grade')} />
            <Select
              label="CTCAE version"
              required
              allowDeselect={false}
              data={[
                { value: 'v3', label: 'CTCAE v3' },
                { value: 'v5', label: 'CTCAE v5' },
              ]}
              {...form.getInputProps('ctcaeVersion')}
            />
            <TextInput type="date" label="Onset date" required {...form.getInputProps('onsetDate')} />
            <TextInput type="date" label="Resolution date" {...nullableTextProps(form, 'resolutionDate')} />
            <Select
              label="Attribution to treatment"
              clearable
              data={['unrelated', 'unlikely', 'possible', 'probable', 'definite']}
              {...nullableSelectProps(form, 'attribution')}
            />
            <Select
              label="Action taken"
              clearable
              data={[
                { value: 'none', label: 'None' },
                { value: 'dose-reduced', label: 'Dose reduced' },
                { value: 'dose-delayed', label: 'Dose delayed' },
                { value: 'drug-withdrawn', label: 'Drug withdrawn' },
              ]}
              {...nullableSelectProps(form, 'action')}
            />
            <Select
              label="Course"
              clearable
              data={courses.map((course) => ({
                value: String(course.id),
                label: `${course.regimen} (${course.startDate})`,
              }))}
              value={values.courseId === null || values.courseId === undefined ? null : String(values.courseId)}
              onChange={(value) => form.setFieldValue('courseId', value === null ? null : Number(value))}
              error={form.errors['courseId']}
            />
          </SimpleGrid>
          <Checkbox label="Serious adverse event" {...form.getInputProps('isSerious', { type: 'checkbox' })} />
          <FormStatusSelect form={form} />
        </Stack>
      );
    },
  };
}
