/** Drug administrations of the courses: cycle, day, dose given and why it differs from the plan. */
import { NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ChildRecord } from '@mmreg/contracts';
import { nullableTextProps } from '../../../components/forms/field-props.ts';
import type { ChildFormConfig } from '../child-form-config.ts';
import { FormStatusSelect, formGrid, orDash } from './common-fields.tsx';
import { computeCourseDose, formatDose } from './course-dose.ts';

type Course = ChildRecord<'courses'>;

/** The planned dose in mg of a course (core's BSA and dose rules), or null when it cannot be computed. */
function plannedMg(course: Course | undefined): number | null {
  return course === undefined ? null : (computeCourseDose(course).dose?.doseMg ?? null);
}

function DoseCell({
  record,
  course,
}: {
  readonly record: ChildRecord<'administrations'>;
  readonly course: Course | undefined;
}) {
  const planned = plannedMg(course);
  const isChanged = planned !== null && Math.abs(record.doseMg - planned) > 0.05 * planned;
  return (
    <Text size="sm" {...(isChanged ? { c: 'orange.9', fw: 600 } : {})}>
      {record.doseMg} mg{planned === null ? '' : ` (planned ${formatDose(planned)})`}
      {isChanged ? ' — changed' : ''}
    </Text>
  );
}

export function administrationsConfig(courses: readonly Course[]): ChildFormConfig<'administrations'> {
  const byId = new Map(courses.map((course) => [course.id, course]));
  const first = courses[0];
  return {
    kind: 'administrations',
    title: 'Administrations',
    noun: 'administration',
    sortKey: (record) => `${record.date}-${String(record.cycle).padStart(3, '0')}`,
    columns: [
      { label: 'Date', render: (record) => record.date },
      { label: 'Course', render: (record) => byId.get(record.courseId)?.regimen ?? record.courseId },
      { label: 'Agent', render: (record) => record.agent },
      { label: 'Cycle / day', render: (record) => `C${record.cycle} D${record.day}` },
      { label: 'Dose', render: (record) => <DoseCell record={record} course={byId.get(record.courseId)} /> },
      { label: 'Dose change', render: (record) => orDash(record.modification) },
    ],
    fieldLabels: [
      { key: 'courseId', label: 'Course' },
      { key: 'date', label: 'Date' },
      { key: 'agent', label: 'Agent' },
      { key: 'cycle', label: 'Cycle' },
      { key: 'day', label: 'Day' },
      { key: 'doseMg', label: 'Dose (mg)' },
      { key: 'modification', label: 'Dose change' },
      { key: 'formStatus', label: 'Form status' },
    ],
    emptyValues: () => ({
      courseId: first?.id ?? 0,
      date: '',
      agent: 'bortezomib',
      cycle: 1,
      day: 1,
      doseMg: plannedMg(first) === null ? 0 : Number(formatDose(plannedMg(first) ?? 0)),
      modification: null,
      formStatus: 'incomplete',
    }),
    renderFields: (form) => {
      const values = form.getValues();
      const planned = plannedMg(byId.get(values.courseId));
      return (
        <Stack gap="sm">
          <SimpleGrid cols={formGrid}>
            <Select
              label="Course"
              required
              allowDeselect={false}
              data={courses.map((course) => ({
                value: String(course.id),
                label: `${course.regimen} (${course.startDate})`,
              }))}
              {...form.getInputProps('courseId')}
              value={values.courseId > 0 ? String(values.courseId) : null}
              onChange={(value) => form.setFieldValue('courseId', value === null ? 0 : Number(value))}
            />
            <TextInput type="date" label="Date" required {...form.getInputProps('date')} />
            <TextInput label="Agent" required {...form.getInputProps('agent')} />
            <NumberInput
              label="Cycle"
              required
              min={1}
              max={100}
              allowDecimal={false}
              {...form.getInputProps('cycle')}
            />
            <NumberInput
              label="Day of cycle"
              required
              min={1}
              max={63}
              allowDecimal={false}
              {...form.getInputProps('day')}
            />
            <NumberInput
              label="Dose given (mg)"
              required
              min={0}
              decimalScale={2}
              description={planned === null ? undefined : `Planned: ${formatDose(planned)} mg`}
              {...form.getInputProps('doseMg')}
            />
          </SimpleGrid>
          <Textarea
            label="Dose change (reduction, delay, omission) and why"
            autosize
            {...nullableTextProps(form, 'modification')}
          />
          <FormStatusSelect form={form} />
        </Stack>
      );
    },
  };
}
