/** Serial laboratory results in the rules engine's long format: date, test, value or result, unit. */
import { NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import {
  canonicalUnits,
  isLabTest,
  isQuantitativeLabTest,
  qualitativeLabTests,
  qualitativeValues,
  quantitativeLabTests,
  unitConversions,
} from '@mmreg/core';
import { nullableNumberProps, nullableSelectProps } from '../../../components/forms/field-props.ts';
import type { ChildFormConfig } from '../child-form-config.ts';
import { FormStatusSelect, formGrid } from './common-fields.tsx';

const testOptions = [...quantitativeLabTests, ...qualitativeLabTests].map((test) => ({
  value: test,
  label: test.replaceAll('_', ' '),
}));

/** Units accepted for a test (core's vocabulary), canonical first; none for qualitative tests. */
export function unitsFor(test: string): string[] {
  if (!isLabTest(test) || !isQuantitativeLabTest(test)) return [];
  const canonical = canonicalUnits[test];
  return [canonical, ...Object.keys(unitConversions[test]).filter((unit) => unit !== canonical)];
}

export const assessmentsConfig: ChildFormConfig<'assessments'> = {
  kind: 'assessments',
  title: 'Laboratory results',
  noun: 'lab result',
  sortKey: (record) => `${record.date}-${record.test}`,
  columns: [
    { label: 'Date', render: (record) => record.date },
    { label: 'Test', render: (record) => record.test.replaceAll('_', ' ') },
    { label: 'Value', render: (record) => (record.value === null ? (record.result ?? '—') : String(record.value)) },
    { label: 'Unit', render: (record) => record.unit ?? '—' },
    {
      label: 'Canonical',
      render: (record) =>
        record.canonicalValue === null || !isQuantitativeLabTest(record.test)
          ? '—'
          : `${Number(record.canonicalValue.toPrecision(6))} ${canonicalUnits[record.test]}`,
    },
  ],
  fieldLabels: [
    { key: 'date', label: 'Date' },
    { key: 'test', label: 'Test' },
    { key: 'value', label: 'Value' },
    { key: 'result', label: 'Result' },
    { key: 'unit', label: 'Unit' },
    { key: 'formStatus', label: 'Form status' },
  ],
  emptyValues: () => ({
    date: '',
    test: 'serum_m_protein',
    value: null,
    result: null,
    unit: 'g/dL',
    formStatus: 'incomplete',
  }),
  renderFields: (form) => {
    const values = form.getValues();
    const test = values.test ?? '';
    const isQuantitative = isLabTest(test) && isQuantitativeLabTest(test);
    const units = unitsFor(test);
    const results = isLabTest(test) && !isQuantitativeLabTest(test) ? [...qualitativeValues[test]] : [];
    return (
      <Stack gap="sm">
        <SimpleGrid cols={formGrid}>
          <TextInput type="date" label="Date" required {...form.getInputProps('date')} />
          <Select
            label="Test"
            required
            searchable
            allowDeselect={false}
            data={testOptions}
            {...form.getInputProps('test')}
            onChange={(test) => {
              if (test === null) return;
              form.setFieldValue('test', test);
              const nextUnits = unitsFor(test);
              form.setFieldValue('unit', nextUnits[0] ?? null);
              if (nextUnits.length === 0) form.setFieldValue('value', null);
              else form.setFieldValue('result', null);
            }}
          />
          {isQuantitative ? (
            <NumberInput label="Value" required decimalScale={4} {...nullableNumberProps(form, 'value')} />
          ) : (
            <Select label="Result" required data={results} {...nullableSelectProps(form, 'result')} />
          )}
          {isQuantitative && (
            <Select label="Unit" required allowDeselect={false} data={units} {...nullableSelectProps(form, 'unit')} />
          )}
        </SimpleGrid>
        <FormStatusSelect form={form} />
      </Stack>
    );
  },
};
