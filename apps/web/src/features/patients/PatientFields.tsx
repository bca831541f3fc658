/** The enrolment/diagnosis fields (Table 1 of the study), grouped; every field labelled. */
import { Checkbox, Fieldset, NumberInput, Select, SimpleGrid, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { CenterAccess } from '../../api/study-api.ts';
import { nullableNumberProps, nullableSelectProps, nullableTextProps } from '../../components/forms/field-props.ts';
import { formStatusOptions } from '../../components/forms/form-status-options.ts';
import { PclBadges } from './PclBadges.tsx';
import type { PatientFormValues } from './patient-form-values.ts';

export interface PatientFieldsProps {
  readonly form: UseFormReturnType<PatientFormValues>;
  /** Centres the user may register patients at; the code and centre are fixed once registered. */
  readonly centers: readonly CenterAccess[];
  readonly isNew: boolean;
}

const columns = { base: 1, sm: 2, lg: 3 };

export function PatientFields({ form, centers, isNew }: PatientFieldsProps) {
  const values = form.getValues();
  const centerProps = form.getInputProps('centerId');
  return (
    <>
      <Fieldset legend="Identification">
        <SimpleGrid cols={columns}>
          <TextInput
            label="Patient code"
            description="Pseudonymous code, no names"
            required
            disabled={!isNew}
            key={form.key('code')}
            {...form.getInputProps('code')}
          />
          <Select
            label="Centre"
            required
            disabled={!isNew}
            data={centers.map((center) => ({ value: String(center.id), label: center.name }))}
            key={form.key('centerId')}
            {...centerProps}
            value={values.centerId > 0 ? String(values.centerId) : null}
            onChange={(value) => form.setFieldValue('centerId', value === null ? 0 : Number(value))}
          />
          <Select
            label="Sex"
            required
            data={[
              { value: 'female', label: 'Female' },
              { value: 'male', label: 'Male' },
            ]}
            allowDeselect={false}
            key={form.key('sex')}
            {...form.getInputProps('sex')}
          />
          <NumberInput
            label="Birth year"
            required
            min={1900}
            max={2100}
            allowDecimal={false}
            key={form.key('birthYear')}
            {...form.getInputProps('birthYear')}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Diagnosis">
        <SimpleGrid cols={columns}>
          <TextInput
            type="date"
            label="Diagnosis date"
            required
            key={form.key('diagnosisDate')}
            {...form.getInputProps('diagnosisDate')}
          />
          <TextInput
            type="date"
            label="Prior myeloma diagnosis date"
            description="Empty for primary PCL"
            key={form.key('priorMyelomaDiagnosisDate')}
            {...nullableTextProps(form, 'priorMyelomaDiagnosisDate')}
          />
          <Select
            label="Heavy chain"
            clearable
            data={['IgG', 'IgA', 'IgD', 'IgM', 'IgE']}
            key={form.key('heavyChain')}
            {...nullableSelectProps(form, 'heavyChain')}
          />
          <Select
            label="Light chain"
            clearable
            data={[
              { value: 'kappa', label: 'Kappa' },
              { value: 'lambda', label: 'Lambda' },
            ]}
            key={form.key('lightChain')}
            {...nullableSelectProps(form, 'lightChain')}
          />
          <Select
            label="Karyotype"
            required
            allowDeselect={false}
            data={[
              { value: 'normal', label: 'Normal' },
              { value: 'del13', label: 'del(13)' },
              { value: 'other-abnormal', label: 'Other abnormal' },
              { value: 'not-done', label: 'Not done' },
            ]}
            key={form.key('karyotype')}
            {...form.getInputProps('karyotype')}
          />
          <TagsInput
            label="Extramedullary sites"
            description="Press Enter after each site"
            key={form.key('extramedullarySites')}
            {...form.getInputProps('extramedullarySites')}
          />
          <Checkbox
            label="Non-secretory disease"
            mt="md"
            key={form.key('isNonSecretory')}
            {...form.getInputProps('isNonSecretory', { type: 'checkbox' })}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Blood at diagnosis">
        <SimpleGrid cols={columns}>
          <NumberInput
            label="PB plasma cells (%)"
            min={0}
            max={100}
            decimalScale={2}
            key={form.key('pbPlasmaCellsPercent')}
            {...nullableNumberProps(form, 'pbPlasmaCellsPercent')}
          />
          <NumberInput
            label="WBC (×10⁹/L)"
            min={0}
            decimalScale={3}
            key={form.key('wbcPer1e9L')}
            {...nullableNumberProps(form, 'wbcPer1e9L')}
          />
          <NumberInput
            label="Haemoglobin (g/dL)"
            min={0}
            decimalScale={2}
            key={form.key('hemoglobinGPerDl')}
            {...nullableNumberProps(form, 'hemoglobinGPerDl')}
          />
          <NumberInput
            label="Platelets (×10⁹/L)"
            min={0}
            decimalScale={1}
            key={form.key('plateletsPer1e9L')}
            {...nullableNumberProps(form, 'plateletsPer1e9L')}
          />
          <NumberInput
            label="Creatinine (mg/dL)"
            min={0}
            decimalScale={2}
            key={form.key('creatinineMgPerDl')}
            {...nullableNumberProps(form, 'creatinineMgPerDl')}
          />
        </SimpleGrid>
        <PclBadges percent={values.pbPlasmaCellsPercent ?? null} wbcPer1e9L={values.wbcPer1e9L ?? null} />
      </Fieldset>

      <Fieldset legend="Notes and status">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea label="Notes" autosize minRows={2} key={form.key('notes')} {...nullableTextProps(form, 'notes')} />
          <Select
            label="Form status"
            required
            allowDeselect={false}
            data={formStatusOptions}
            key={form.key('formStatus')}
            {...form.getInputProps('formStatus')}
          />
        </SimpleGrid>
      </Fieldset>
    </>
  );
}
