/** Test helper: stored lab records for the lab-grid tests; it must not be imported by app code. */
import type { ChildRecord } from '@mmreg/contracts';

let nextId = 1;

export function labRecord(
  date: string,
  test: string,
  value: number | string,
  unit: string | null,
  canonicalValue: number | null = typeof value === 'number' ? value : null,
): ChildRecord<'assessments'> {
  const id = nextId;
  nextId += 1;
  return {
    id,
    version: 1,
    formStatus: 'complete',
    patientId: 1,
    date,
    test,
    value: typeof value === 'number' ? value : null,
    result: typeof value === 'string' ? value : null,
    unit,
    canonicalValue,
  } as unknown as ChildRecord<'assessments'>;
}
