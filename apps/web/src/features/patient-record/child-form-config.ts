/**
 * How one repeating form appears on the record page: its table columns, its empty values, and the
 * conversions between the form's values and the API's create/update bodies (parsed with the SAME
 * `childForms[kind]` schemas the server uses).
 */
import type { UseFormReturnType } from '@mantine/form';
import { type ChildCreate, type ChildFormKind, type ChildRecord, type ChildUpdate, childForms } from '@mmreg/contracts';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { ConflictField } from '../../components/ConflictView.tsx';

/** The form's values: the create schema's input without the reason (asked for separately). */
export type ChildFormValues<TKind extends ChildFormKind> = Omit<
  z.input<(typeof childForms)[TKind]['create']>,
  'reason' | 'formStatus'
> & {
  formStatus: 'incomplete' | 'unverified' | 'complete';
};

export interface ChildColumn<TKind extends ChildFormKind> {
  readonly label: string;
  readonly render: (record: ChildRecord<TKind>) => ReactNode;
}

export interface ChildFormConfig<TKind extends ChildFormKind> {
  readonly kind: TKind;
  /** e.g. "Laboratory results". */
  readonly title: string;
  /** e.g. "lab result" (button texts). */
  readonly noun: string;
  readonly columns: readonly ChildColumn<TKind>[];
  readonly fieldLabels: readonly ConflictField[];
  readonly emptyValues: () => ChildFormValues<TKind>;
  readonly renderFields: (form: UseFormReturnType<ChildFormValues<TKind>>) => ReactNode;
  /** Sort key of a record (date first). */
  readonly sortKey: (record: ChildRecord<TKind>) => string;
}

/** Strips the stored-only fields from a record, leaving the form's values. */
export function childValuesOf<TKind extends ChildFormKind>(record: ChildRecord<TKind>): ChildFormValues<TKind> {
  const {
    id: _id,
    version: _version,
    patientId: _patientId,
    ...values
  } = record as ChildRecord<TKind> & {
    canonicalValue?: unknown;
  };
  if ('canonicalValue' in values) delete values.canonicalValue;
  return values as unknown as ChildFormValues<TKind>;
}

export function toChildCreate<TKind extends ChildFormKind>(
  kind: TKind,
  values: ChildFormValues<TKind>,
  reason: string | undefined,
): ChildCreate<TKind> {
  const body = { ...values, ...(reason === undefined ? {} : { reason }) };
  return childForms[kind].create.parse(body) as ChildCreate<TKind>;
}

export function toChildUpdate<TKind extends ChildFormKind>(
  kind: TKind,
  values: ChildFormValues<TKind>,
  version: number,
  reason: string | undefined,
): ChildUpdate<TKind> {
  const body = { ...values, version, ...(reason === undefined ? {} : { reason }) };
  return childForms[kind].update.parse(body) as ChildUpdate<TKind>;
}
