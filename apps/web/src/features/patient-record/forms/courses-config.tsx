/** Treatment courses: regimen, associated drugs, planned bortezomib dose and schedule, height/weight → BSA → mg. */
import { Checkbox, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { nullableNumberProps, nullableSelectProps, nullableTextProps } from '../../../components/forms/field-props.ts';
import type { ChildFormConfig } from '../child-form-config.ts';
import { CourseDosePreview } from './CourseDosePreview.tsx';
import { FormStatusSelect, formGrid, orDash } from './common-fields.tsx';
import { computeCourseDose, formatDose } from './course-dose.ts';

export const coursesConfig: ChildFormConfig<'courses'> = {
  kind: 'courses',
  title: 'Treatment courses',
  noun: 'course',
  sortKey: (record) => record.startDate,
  columns: [
    { label: 'Regimen', render: (record) => (record.isIndexTherapy ? `${record.regimen} (index)` : record.regimen) },
    { label: 'Associated drugs', render: (record) => orDash(record.agents.join(', ')) },
    { label: 'Start', render: (record) => record.startDate },
    { label: 'End', render: (record) => orDash(record.endDate) },
    {
      label: 'Dose',
      render: (record) =>
        record.plannedBortezomibDoseMgPerM2 === null ? '—' : `${record.plannedBortezomibDoseMgPerM2} mg/m²`,
    },
    {
      label: 'BSA → mg',
      render: (record) => {
        const { bodySurfaceArea, dose } = computeCourseDose(record);
        if (bodySurfaceArea === null) return '—';
        return `${formatDose(bodySurfaceArea.bodySurfaceAreaM2)} m²${dose === null ? '' : ` → ${formatDose(dose.doseMg)} mg`}`;
      },
    },
    { label: 'Cycles', render: (record) => orDash(record.plannedCycles) },
  ],
  fieldLabels: [
    { key: 'regimen', label: 'Regimen' },
    { key: 'agents', label: 'Associated drugs' },
    { key: 'startDate', label: 'Start date' },
    { key: 'endDate', label: 'End date' },
    { key: 'plannedBortezomibDoseMgPerM2', label: 'Bortezomib dose (mg/m²)' },
    { key: 'schedule', label: 'Schedule' },
    { key: 'plannedCycles', label: 'Planned cycles' },
    { key: 'cycleLengthDays', label: 'Cycle length (days)' },
    { key: 'heightCm', label: 'Height (cm)' },
    { key: 'weightKg', label: 'Weight (kg)' },
    { key: 'isIndexTherapy', label: 'Index therapy' },
    { key: 'formStatus', label: 'Form status' },
  ],
  emptyValues: () => ({
    regimen: '',
    agents: [],
    startDate: '',
    endDate: null,
    plannedBortezomibDoseMgPerM2: 1.3,
    schedule: 'days-1-4-8-11',
    plannedCycles: null,
    cycleLengthDays: 21,
    heightCm: null,
    weightKg: null,
    isIndexTherapy: false,
    formStatus: 'incomplete',
  }),
  renderFields: (form) => {
    const values = form.getValues();
    return (
      <Stack gap="sm">
        <SimpleGrid cols={formGrid}>
          <TextInput label="Regimen" required {...form.getInputProps('regimen')} />
          <TagsInput
            label="Associated drugs"
            description="e.g. dexamethasone; Enter after each"
            {...form.getInputProps('agents')}
          />
          <TextInput type="date" label="Start date" required {...form.getInputProps('startDate')} />
          <TextInput type="date" label="End date" {...nullableTextProps(form, 'endDate')} />
          <NumberInput
            label="Bortezomib dose (mg/m²)"
            min={0}
            max={5}
            step={0.1}
            decimalScale={2}
            {...nullableNumberProps(form, 'plannedBortezomibDoseMgPerM2')}
          />
          <Select
            label="Schedule"
            clearable
            data={[
              { value: 'days-1-4-8-11', label: 'Days 1, 4, 8, 11' },
              { value: 'weekly', label: 'Weekly' },
              { value: 'other', label: 'Other' },
            ]}
            {...nullableSelectProps(form, 'schedule')}
          />
          <NumberInput
            label="Planned cycles"
            min={1}
            max={100}
            allowDecimal={false}
            {...nullableNumberProps(form, 'plannedCycles')}
          />
          <NumberInput
            label="Cycle length (days)"
            min={7}
            max={63}
            allowDecimal={false}
            {...nullableNumberProps(form, 'cycleLengthDays')}
          />
          <NumberInput
            label="Height (cm)"
            min={50}
            max={250}
            decimalScale={1}
            {...nullableNumberProps(form, 'heightCm')}
          />
          <NumberInput
            label="Weight (kg)"
            min={20}
            max={300}
            decimalScale={1}
            {...nullableNumberProps(form, 'weightKg')}
          />
        </SimpleGrid>
        <CourseDosePreview
          heightCm={values.heightCm}
          weightKg={values.weightKg}
          plannedBortezomibDoseMgPerM2={values.plannedBortezomibDoseMgPerM2}
        />
        <Checkbox
          label="Index therapy (the course whose start is the time origin)"
          {...form.getInputProps('isIndexTherapy', { type: 'checkbox' })}
        />
        <FormStatusSelect form={form} />
      </Stack>
    );
  },
};
