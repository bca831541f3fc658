import type { AuditRecord } from '@mmreg/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../test/mock-api.ts';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { withAuth } from '../../test/with-auth.tsx';
import { listEntry } from '../patients/patient-list-test-data.ts';
import { AuditPage, auditPageSize } from './AuditPage.tsx';

/** 120 records, seq 1…120; patient 7 owns every third. */
const trail: AuditRecord[] = Array.from({ length: 120 }, (_, index) => ({
  seq: index + 1,
  at: `2026-03-01T09:${String(index % 60).padStart(2, '0')}:00.000Z`,
  userId: 1,
  username: 'coordinator',
  action: 'update',
  entity: 'patient',
  entityId: 7,
  patientId: index % 3 === 0 ? 7 : 8,
  centerId: 1,
  changes: [{ field: 'notes', old: null, new: `note ${index + 1}` }],
  reason: null,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
}));

/** The server's paging: newest first, before the cursor, at most `limit`, optionally one patient's. */
function answerAudit(url: URL) {
  const before = url.searchParams.get('beforeSeq');
  const patient = url.searchParams.get('patientId');
  const limit = Number(url.searchParams.get('limit'));
  expect(url.searchParams.get('order')).toBe('desc');
  const matching = [...trail]
    .reverse()
    .filter(
      (record) =>
        (before === null || record.seq < Number(before)) && (patient === null || record.patientId === Number(patient)),
    );
  return { records: matching.slice(0, limit), hasMore: matching.length > limit };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

function shownSeqs(): number[] {
  const table = screen.getByRole('table', { name: 'Audit records' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Number(row.querySelector('td')?.textContent));
}

describe('AuditPage', () => {
  it('shows one page of the newest records and pages to older and back with the server’s cursor', async () => {
    const requested = mockApi({ '/api/audit': answerAudit, '/api/patients': { patients: [] } });
    renderWithProviders(withAuth(<AuditPage />, { role: 'coordinator' }));
    await screen.findByRole('table', { name: 'Audit records' });
    expect(shownSeqs()).toHaveLength(auditPageSize);
    expect(shownSeqs()[0]).toBe(120);
    expect(screen.getByRole('button', { name: 'Newer records' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Older records' }));
    await waitFor(() => expect(shownSeqs()[0]).toBe(70));
    expect(requested.at(-1)?.searchParams.get('beforeSeq')).toBe('71');
    fireEvent.click(screen.getByRole('button', { name: 'Older records' }));
    await waitFor(() => expect(shownSeqs()).toEqual(Array.from({ length: 20 }, (_, index) => 20 - index)));
    expect(screen.getByRole('button', { name: 'Older records' })).toHaveProperty('disabled', true);
    expect(screen.getByTestId('audit-page-status').textContent).toContain('the oldest');

    fireEvent.click(screen.getByRole('button', { name: 'Newer records' }));
    await waitFor(() => expect(shownSeqs()[0]).toBe(70));
  });

  it('asks the server for one patient’s records when a patient is chosen, from the newest again', async () => {
    const requested = mockApi({ '/api/audit': answerAudit, '/api/patients': { patients: [listEntry(7, 'MU-07')] } });
    renderWithProviders(withAuth(<AuditPage />, { role: 'coordinator' }));
    await screen.findByRole('table', { name: 'Audit records' });
    fireEvent.click(screen.getByRole('button', { name: 'Older records' }));
    await waitFor(() => expect(shownSeqs()[0]).toBe(70));
    fireEvent.click(screen.getByRole('combobox', { name: 'Patient' }));
    // Mantine renders the options in a portal with an opening transition (hidden to happy-dom's role query).
    fireEvent.click(await screen.findByRole('option', { name: 'MU-07', hidden: true }));
    await waitFor(() => expect(shownSeqs()[0]).toBe(118));
    expect(requested.at(-1)?.searchParams.get('patientId')).toBe('7');
    expect(requested.at(-1)?.searchParams.get('beforeSeq')).toBeNull();
    expect(shownSeqs()).toHaveLength(40);
    expect(screen.getByRole('button', { name: 'Newer records' })).toHaveProperty('disabled', true);
  });
});
