import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { analysisFromStudy, loadReferenceStudy } from './dashboard-test-fixture.ts';
import { inProcessSubgroupWorker } from './in-process-subgroup-worker.ts';
import { SurvivalSection } from './SurvivalSection.tsx';
import { createSubgroupPreparation } from './subgroup-preparation.ts';
import { preparedKeys } from './subgroup-worker-protocol.ts';
import { drawSubgroup } from './survival-figures.ts';

const analysis = analysisFromStudy(loadReferenceStudy());

/** The in-process worker, its tasks run inside `act` (they update the page). */
function manualWorker() {
  const inProcess = inProcessSubgroupWorker();
  return { worker: inProcess.worker, runAll: () => act(inProcess.runAll) };
}

describe('SurvivalSection with the subgroup worker', () => {
  it('waits for the worker when a subgroup is chosen before it is drawn, then shows the worker’s figures', () => {
    const fake = manualWorker();
    const preparation = createSubgroupPreparation(() => fake.worker);
    preparation.prepare(analysis.patients, analysis.results.conventions, preparedKeys);
    renderWithProviders(
      <SurvivalSection results={analysis.results} patients={analysis.patients} preparation={preparation} />,
    );
    fireEvent.click(screen.getByRole('radio', { name: 'PCL type' }));
    expect(screen.getByTestId('survival-status').textContent).toBe('Preparing the curves by PCL type…');
    // Still the figures of all patients meanwhile.
    expect(screen.getByTestId('km-pfs').querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Progression-free survival',
    );
    fake.runAll();
    expect(screen.getByTestId('survival-status').textContent).toContain('By PCL type: PFS Log-rank p =');
    // The worker's SVG: the same drawing as the page's own (compared by its marks and labels).
    const expected = drawSubgroup('pclType', analysis.patients, analysis.results.conventions);
    const marksOf = (svg: string) => svg.match(/ d="[^"]*"| aria-label="[^"]*"/g);
    expect(marksOf(screen.getByTestId('km-pfs').innerHTML)).toEqual(marksOf(expected.pfsSvg));
    expect(marksOf(screen.getByTestId('km-os').innerHTML)).toEqual(marksOf(expected.osSvg));
  });

  it('puts each delivered subgroup in the page hidden, its PFS figure at once and its OS figure a task later', async () => {
    const fake = manualWorker();
    const preparation = createSubgroupPreparation(() => fake.worker);
    preparation.prepare(analysis.patients, analysis.results.conventions, preparedKeys);
    const { container } = renderWithProviders(
      <SurvivalSection results={analysis.results} patients={analysis.patients} preparation={preparation} />,
    );
    const hiddenFigures = () => container.querySelectorAll('div[hidden] figure').length;
    expect(container.querySelectorAll('figure')).toHaveLength(2);
    fake.runAll();
    // One commit per figure: an arrival holds up a click for one figure's parsing at most.
    expect(hiddenFigures()).toBe(preparedKeys.length);
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(hiddenFigures()).toBe(2 * preparedKeys.length);
    // A change now only shows figures already in the page.
    fireEvent.click(screen.getByRole('radio', { name: 'Prior ASCT' }));
    expect(screen.getByTestId('km-os').querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Overall survival by Prior ASCT',
    );
    expect(container.querySelectorAll('figure')).toHaveLength(2 + 2 * preparedKeys.length);
  });

  it('computes the subgroup itself when the worker fails', () => {
    const preparation = createSubgroupPreparation(() => null);
    renderWithProviders(
      <SurvivalSection results={analysis.results} patients={analysis.patients} preparation={preparation} />,
    );
    fireEvent.click(screen.getByRole('radio', { name: 'del(13)' }));
    expect(screen.getByTestId('survival-status').textContent).toContain('By del(13): PFS');
    expect(screen.getByTestId('km-os').querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Overall survival by del(13)',
    );
  });
});
