/**
 * What "complete" means for a patient's forms (issue 6 item 2, docs/registry.md § Completeness): one
 * status per form from the stored form statuses, and which forms a patient is expected to have. Pure:
 * the counts come from one grouped query (patient-list-queries.ts); nothing here reads the database.
 *
 * Expected forms: the enrolment form, the bortezomib courses, the laboratory results and the
 * follow-up for every patient (the analysis needs a time origin, responses and a last contact);
 * administrations once a course is recorded (dose intensity); prior lines for secondary PCL (a prior
 * myeloma diagnosis date: the earlier myeloma was treated). Adverse events, and prior lines of a
 * primary PCL, may rightly have no record: they are counted only when they have records.
 */
import type {
  ChildFormKind,
  CompletenessForm,
  FormCompleteness,
  FormStatus,
  PatientCompleteness,
  PatientRecord,
} from '@mmreg/contracts';
import { completenessForms } from '@mmreg/contracts';

export type StatusCounts = Readonly<Record<FormStatus, number>>;

/** Records per repeating form and status for one patient (absent: no record). */
export type PatientFormCounts = ReadonlyMap<ChildFormKind, StatusCounts>;

const noRecords: StatusCounts = { complete: 0, unverified: 0, incomplete: 0 };

/** Whether a patient is expected to have at least one record of `form` (see the module header). */
export function isFormExpected(
  form: CompletenessForm,
  patient: Pick<PatientRecord, 'priorMyelomaDiagnosisDate'>,
  counts: PatientFormCounts,
): boolean {
  switch (form) {
    case 'enrolment':
    case 'courses':
    case 'assessments':
    case 'follow-up':
      return true;
    case 'administrations':
      return total(counts.get('courses') ?? noRecords) > 0;
    case 'prior-therapies':
      return patient.priorMyelomaDiagnosisDate !== null;
    case 'adverse-events':
      return false;
    default: {
      const unreachable: never = form;
      throw new Error(`unknown form ${String(unreachable)}`);
    }
  }
}

function total(counts: StatusCounts): number {
  return counts.complete + counts.unverified + counts.incomplete;
}

/** One form's status from its records' statuses (see `formCompletenessStatuses` in contracts). */
export function formCompletenessOf(
  form: CompletenessForm,
  counts: StatusCounts,
  isExpected: boolean,
): FormCompleteness {
  const records = total(counts);
  const status =
    records === 0
      ? isExpected
        ? 'missing'
        : 'not-required'
      : counts.incomplete > 0
        ? 'incomplete'
        : counts.unverified > 0
          ? 'unverified'
          : 'complete';
  return { form, status, records, ...counts };
}

/** The patient's completeness over every form: n complete of m expected, and each form's status. */
export function summarisePatientCompleteness(
  patient: Pick<PatientRecord, 'formStatus' | 'priorMyelomaDiagnosisDate'>,
  counts: PatientFormCounts,
): PatientCompleteness {
  const forms = completenessForms.map((form) => {
    const formCounts =
      form === 'enrolment' ? { ...noRecords, [patient.formStatus]: 1 } : (counts.get(form) ?? noRecords);
    return formCompletenessOf(form, formCounts, isFormExpected(form, patient, counts));
  });
  return {
    completeForms: forms.filter((form) => form.status === 'complete').length,
    expectedForms: forms.filter((form) => form.status !== 'not-required').length,
    forms,
  };
}
