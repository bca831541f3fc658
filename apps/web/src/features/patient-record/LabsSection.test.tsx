import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../test/mock-api.ts';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { ChildRecordsSection } from './ChildRecordsSection.tsx';
import { assessmentsConfig } from './forms/assessments-config.tsx';
import { LabGrid } from './LabGrid.tsx';
import { labRecord } from './lab-grid-test-data.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The labs tab as the record page builds it: the grid first, the list with statuses one switch away. */
function renderLabs() {
  mockApi({
    '/api/patients/1/assessments': {
      records: [
        labRecord('2006-01-12', 'serum_m_protein', 3.4, 'g/dL'),
        labRecord('2006-02-20', 'hemoglobin', 10.1, 'g/dL'),
      ],
    },
  });
  renderWithProviders(
    <ChildRecordsSection
      patientId={1}
      config={assessmentsConfig}
      canWrite={true}
      renderGrid={(records, actions) => (
        <LabGrid
          records={records}
          canWrite={true}
          onEdit={actions.startEditing}
          onAdd={(prefill) =>
            actions.startAdding({ ...assessmentsConfig.emptyValues(), ...prefill, value: null, result: null })
          }
        />
      )}
    />,
  );
}

describe('the labs section', () => {
  it('shows the grid by default and the list with form statuses on request', async () => {
    renderLabs();
    expect(await screen.findByRole('table', { name: 'Laboratory results by date' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Laboratory results' })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'List with status' }));
    const list = screen.getByRole('table', { name: 'Laboratory results' });
    expect(within(list).getAllByRole('row')).toHaveLength(3);
  });

  it('opens the existing lab form prefilled with the date, test and unit of an empty cell', async () => {
    renderLabs();
    const grid = await screen.findByRole('table', { name: 'Laboratory results by date' });
    fireEvent.click(within(grid).getByRole('button', { name: 'Add hemoglobin on 2006-01-12' }));
    const form = screen.getByRole('form', { name: 'Add lab result' });
    expect(within(form).getByLabelText(/^Date/)).toHaveProperty('value', '2006-01-12');
    expect(within(form).getByLabelText(/^Test/)).toHaveProperty('value', 'hemoglobin');
    expect(within(form).getByLabelText(/^Unit/)).toHaveProperty('value', 'g/dL');
    expect(within(form).getByLabelText(/^Value/)).toHaveProperty('value', '');
  });

  it('opens the existing lab form on a value to edit it', async () => {
    renderLabs();
    const grid = await screen.findByRole('table', { name: 'Laboratory results by date' });
    fireEvent.click(within(grid).getByRole('button', { name: 'serum m protein on 2006-01-12: 3.4 g/dL, edit' }));
    const form = screen.getByRole('form', { name: 'Edit lab result' });
    expect(within(form).getByLabelText(/^Value/)).toHaveProperty('value', '3.4');
  });
});
