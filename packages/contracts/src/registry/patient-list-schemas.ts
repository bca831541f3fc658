/**
 * The patient list's answer (GET /api/patients): every patient of the caller's centres with a
 * completeness summary over ALL of the patient's forms — the enrolment form and each repeating form —
 * so a centre sees at a glance what is missing or not yet complete. What "complete" means per form is
 * defined by the store (packages/storage/src/patient-completeness.ts) and documented in docs/registry.md.
 */
import { z } from 'zod';
import { patientSchema } from './registry-schemas.ts';

/** The forms a patient's completeness is counted over, in the order of the patient record. */
export const completenessForms = [
  'enrolment',
  'prior-therapies',
  'courses',
  'administrations',
  'assessments',
  'adverse-events',
  'follow-up',
] as const;
export type CompletenessForm = (typeof completenessForms)[number];

/**
 * One form of one patient:
 * - `complete`: the form has records and every one is marked complete;
 * - `unverified`: records, none incomplete, at least one unverified;
 * - `incomplete`: at least one record marked incomplete;
 * - `missing`: the form is expected for this patient and has no record;
 * - `not-required`: not expected for this patient and no record (not counted).
 */
export const formCompletenessStatuses = ['complete', 'unverified', 'incomplete', 'missing', 'not-required'] as const;
export type FormCompletenessStatus = (typeof formCompletenessStatuses)[number];

const count = z.number().int().nonnegative();

export const formCompletenessSchema = z.object({
  form: z.enum(completenessForms),
  status: z.enum(formCompletenessStatuses),
  /** Records of the form (1 for the enrolment form), by form status. */
  records: count,
  complete: count,
  unverified: count,
  incomplete: count,
});
export type FormCompleteness = z.infer<typeof formCompletenessSchema>;

export const patientCompletenessSchema = z.object({
  /** Forms whose status is `complete`. */
  completeForms: count,
  /** Forms counted: every form whose status is not `not-required`. */
  expectedForms: count,
  /** Every form of `completenessForms`, in that order. */
  forms: z.array(formCompletenessSchema),
});
export type PatientCompleteness = z.infer<typeof patientCompletenessSchema>;

/** A patient as the list shows it: the enrolment record and its completeness. */
export const patientListEntrySchema = patientSchema.extend({ completeness: patientCompletenessSchema });
export type PatientListEntry = z.infer<typeof patientListEntrySchema>;

export const patientListResponseSchema = z.object({ patients: z.array(patientListEntrySchema) });
