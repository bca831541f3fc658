/** Small shared pieces of the repeating forms: the form-status select and a date column formatter. */
import { Select } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { formStatusOptions } from '../../../components/forms/form-status-options.ts';

interface WithFormStatus {
  formStatus: 'incomplete' | 'unverified' | 'complete';
}

export function FormStatusSelect<TValues extends WithFormStatus>({
  form,
}: {
  readonly form: UseFormReturnType<TValues>;
}) {
  return (
    <Select
      label="Form status"
      required
      allowDeselect={false}
      data={formStatusOptions}
      {...form.getInputProps('formStatus')}
    />
  );
}

export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

export const formGrid = { base: 1, sm: 2, lg: 3 };
