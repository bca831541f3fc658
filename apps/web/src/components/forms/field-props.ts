/**
 * Adapters between Mantine inputs and the contracts' value shapes: an empty number or text input is
 * `null` in the form values (what the zod schemas expect), and `null` shows as an empty input.
 */
import type { LooseKeys, UseFormReturnType } from '@mantine/form';
import type { ChangeEvent } from 'react';

// biome-ignore lint/suspicious/noExplicitAny: Mantine's own constraint on form values (Record<string, any>)
type FormValues = Record<string, any>;

/** NumberInput props for a `number | null` field. */
export function nullableNumberProps<TValues extends FormValues>(
  form: UseFormReturnType<TValues>,
  path: LooseKeys<TValues>,
) {
  const props = form.getInputProps(path);
  const value: unknown = props.value;
  return {
    ...props,
    value: typeof value === 'number' ? value : '',
    onChange: (next: number | string) => {
      if (typeof next === 'number') props.onChange(next);
      else props.onChange(next.trim() === '' || Number.isNaN(Number(next)) ? null : Number(next));
    },
  };
}

/** TextInput / Textarea props for a `string | null` field (also dates typed in an `<input type="date">`). */
export function nullableTextProps<TValues extends FormValues>(
  form: UseFormReturnType<TValues>,
  path: LooseKeys<TValues>,
) {
  const props = form.getInputProps(path);
  const value: unknown = props.value;
  return {
    ...props,
    value: typeof value === 'string' ? value : '',
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const text = event.currentTarget.value;
      props.onChange(text === '' ? null : text);
    },
  };
}

/** Select props for a nullable choice: Mantine's Select already uses null for "nothing chosen". */
export function nullableSelectProps<TValues extends FormValues>(
  form: UseFormReturnType<TValues>,
  path: LooseKeys<TValues>,
) {
  const props = form.getInputProps(path);
  const value: unknown = props.value;
  return { ...props, value: typeof value === 'string' ? value : null };
}
