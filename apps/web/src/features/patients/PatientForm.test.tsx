import { type PatientRecord, patientCreateSchema, patientSchema } from '@mmreg/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../../api/conflict-error.ts';
import type { CenterAccess } from '../../api/study-api.ts';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { PatientForm } from './PatientForm.tsx';
import { emptyPatientValues, type PatientFormValues, patientValuesOf } from './patient-form-values.ts';

type Save = (
  values: PatientFormValues,
  base: PatientRecord | undefined,
  reason: string | undefined,
) => Promise<PatientRecord>;

const centre: CenterAccess = {
  id: 1,
  studyId: 1,
  code: 'demo-a',
  name: 'Centre A',
  city: 'Bari',
  canRead: true,
  canWrite: true,
};

const stored: PatientRecord = patientSchema.parse({
  id: 7,
  version: 3,
  studyId: 1,
  centerId: 1,
  code: 'P07',
  formStatus: 'complete',
  sex: 'male',
  birthYear: 1948,
  diagnosisDate: '2005-03-14',
  priorMyelomaDiagnosisDate: null,
  heavyChain: 'IgG',
  lightChain: 'kappa',
  isNonSecretory: false,
  pbPlasmaCellsPercent: 32,
  wbcPer1e9L: 11.5,
  hemoglobinGPerDl: 9.1,
  plateletsPer1e9L: 88,
  creatinineMgPerDl: 1.4,
  extramedullarySites: [],
  karyotype: 'del13',
  notes: null,
});

function schemaMessage(values: Record<string, unknown>, field: string): string {
  const issue = patientCreateSchema.safeParse(values).error?.issues.find((candidate) => candidate.path[0] === field);
  if (issue === undefined) throw new Error(`no schema issue for ${field}`);
  return issue.message;
}

describe('PatientForm', () => {
  it('shows the patient schema errors on their fields and does not save', async () => {
    const save = vi.fn<Save>();
    const values = { ...emptyPatientValues(1), code: 'bad code!' };
    renderWithProviders(
      <PatientForm initialValues={values} centers={[centre]} save={save} onSaved={() => undefined} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Register patient' }));
    const code = screen.getByLabelText(/Patient code/);
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(schemaMessage(values, 'code'))).toBeTruthy();
    expect(screen.getByText(schemaMessage(values, 'diagnosisDate'))).toBeTruthy();
    expect(screen.getByLabelText(/^Diagnosis date/).getAttribute('aria-invalid')).toBe('true');
    expect(save).not.toHaveBeenCalled();
  });

  it('asks for a reason before saving a change to a complete form and passes it on', async () => {
    const save = vi.fn<Save>(async () => ({ ...stored, version: 4 }));
    renderWithProviders(
      <PatientForm
        initialValues={patientValuesOf(stored)}
        record={stored}
        centers={[centre]}
        save={save}
        onSaved={() => undefined}
      />,
    );
    fireEvent.change(screen.getByLabelText(/Haemoglobin/), { target: { value: '9.4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save baseline' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reason for the change' });
    expect(save).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Give a reason for changing a completed form')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'Transcription error' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]?.[2]).toBe('Transcription error');
  });

  it('saves an incomplete form without asking for a reason', async () => {
    const incomplete: PatientRecord = { ...stored, formStatus: 'incomplete' };
    const save = vi.fn<Save>(async () => ({ ...incomplete, version: 4 }));
    renderWithProviders(
      <PatientForm
        initialValues={patientValuesOf(incomplete)}
        record={incomplete}
        centers={[centre]}
        save={save}
        onSaved={() => undefined}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save baseline' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]?.[2]).toBeUndefined();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows your version and the saved version side by side on a conflict, and reapplies yours on request', async () => {
    const incomplete: PatientRecord = { ...stored, formStatus: 'incomplete' };
    const server: PatientRecord = { ...incomplete, version: 5, hemoglobinGPerDl: 10.2 };
    const save = vi
      .fn<Save>()
      .mockRejectedValueOnce(new ConflictError({}, server))
      .mockResolvedValueOnce({ ...server, version: 6, hemoglobinGPerDl: 9.4 });
    renderWithProviders(
      <PatientForm
        initialValues={patientValuesOf(incomplete)}
        record={incomplete}
        centers={[centre]}
        save={save}
        onSaved={() => undefined}
      />,
    );
    fireEvent.change(screen.getByLabelText(/Haemoglobin/), { target: { value: '9.4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save baseline' }));
    const table = await screen.findByRole('table', { name: 'Your version and the saved version' });
    const row = within(table).getByRole('rowheader', { name: 'Haemoglobin (g/dL)' }).closest('tr');
    expect(row?.textContent).toBe('Haemoglobin (g/dL)9.410.2');
    expect(row?.hasAttribute('data-different')).toBe(true);
    expect(within(table).getByText(/Saved version \(version 5\)/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save my version over it' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save baseline' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    // The second save names the server's version and still carries the user's value.
    expect(save.mock.calls[1]?.[1]).toMatchObject({ version: 5 });
    expect(save.mock.calls[1]?.[0]).toMatchObject({ hemoglobinGPerDl: 9.4 });
  });
});
