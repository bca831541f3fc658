/**
 * How the patient list words a patient's completeness (the server computes it: docs/registry.md §
 * Completeness): the form names as the record's tabs call them, and the forms still to do.
 */
import type { CompletenessForm, FormCompleteness, PatientCompleteness } from '@mmreg/contracts';

export const completenessFormLabels: Readonly<Record<CompletenessForm, string>> = {
  enrolment: 'Enrolment',
  'prior-therapies': 'Prior lines',
  courses: 'Courses',
  administrations: 'Administrations',
  assessments: 'Labs',
  'adverse-events': 'Adverse events',
  'follow-up': 'Follow-up',
};

function describeForm(form: FormCompleteness): string {
  const label = completenessFormLabels[form.form];
  if (form.form === 'enrolment' || form.records <= 1) return label;
  const count = form.status === 'incomplete' ? form.incomplete : form.unverified;
  return `${label} (${count} of ${form.records})`;
}

/** "Missing: Courses, Follow-up. Incomplete: Labs (1 of 3). Unverified: Administrations (2 of 4)." or null when all done. */
export function describeOpenForms(completeness: PatientCompleteness): string | null {
  const groups = (['missing', 'incomplete', 'unverified'] as const)
    .map((status) => {
      const forms = completeness.forms.filter((form) => form.status === status);
      if (forms.length === 0) return null;
      const name = status === 'missing' ? 'Missing' : status === 'incomplete' ? 'Incomplete' : 'Unverified';
      return `${name}: ${forms.map(describeForm).join(', ')}.`;
    })
    .filter((group): group is string => group !== null);
  return groups.length === 0 ? null : groups.join(' ');
}

/** Whether every expected form is complete. */
export function isPatientComplete(completeness: PatientCompleteness): boolean {
  return completeness.completeForms === completeness.expectedForms;
}
