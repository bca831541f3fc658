import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../test/mock-api.ts';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { withAuth } from '../../test/with-auth.tsx';
import { PatientListPage } from './PatientListPage.tsx';
import { listEntry } from './patient-list-test-data.ts';

const patients = [
  listEntry(1, 'MU-01', [
    'complete',
    'not-required',
    'complete',
    'unverified',
    'incomplete',
    'not-required',
    'missing',
  ]),
  listEntry(2, 'MU-05', ['complete', 'not-required', 'complete', 'complete', 'complete', 'complete', 'complete']),
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PatientListPage', () => {
  it('shows each patient’s forms complete out of those expected and names the forms still to do', async () => {
    mockApi({
      '/api/patients': { patients },
      '/api/studies/1/centers': {
        centers: [{ id: 1, studyId: 1, code: 'A', name: 'Centre A', city: 'Bari', canRead: true, canWrite: true }],
      },
    });
    renderWithProviders(withAuth(<PatientListPage />, { role: 'investigator', centerIds: [1] }));
    const table = await screen.findByRole('table', { name: 'Patients' });
    expect(within(table).getByRole('columnheader', { name: 'Forms' })).toBeTruthy();
    const first = within(table).getByRole('link', { name: 'MU-01' }).closest('tr');
    if (first === null) throw new Error('no row');
    expect(within(first).getByTestId('completeness-badge').textContent).toBe('2/5 forms complete');
    expect(first.textContent).toContain('Missing: Follow-up. Incomplete: Labs (1 of 3). Unverified: Administrations.');
    const second = within(table).getByRole('link', { name: 'MU-05' }).closest('tr');
    expect(second?.textContent).toContain('6/6 forms complete');
    expect(second?.textContent).toContain('Every expected form is complete.');
  });

  it('lists only the patients with forms to complete when asked', async () => {
    mockApi({ '/api/patients': { patients }, '/api/studies/1/centers': { centers: [] } });
    renderWithProviders(withAuth(<PatientListPage />, { role: 'investigator', centerIds: [1] }));
    const table = await screen.findByRole('table', { name: 'Patients' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Only patients with forms to complete' }));
    expect(within(table).queryByRole('link', { name: 'MU-05' })).toBeNull();
    expect(within(table).getByRole('link', { name: 'MU-01' })).toBeTruthy();
    expect(screen.getByText('1 of 2 patients')).toBeTruthy();
  });
});
