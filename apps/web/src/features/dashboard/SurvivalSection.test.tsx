import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { analysisFromStudy, loadReferenceStudy } from './dashboard-test-fixture.ts';
import { inProcessSubgroupWorker } from './in-process-subgroup-worker.ts';
import { SurvivalSection, showSubgroup } from './SurvivalSection.tsx';
import { createSubgroupPreparation } from './subgroup-preparation.ts';
import { preparedKeys } from './subgroup-worker-protocol.ts';
import { drawSubgroup } from './survival-figures.ts';

const analysis = analysisFromStudy(loadReferenceStudy());
const shownKeyOf = (element: Element) => element.getAttribute('data-subgroup') ?? '';
const isHidden = (element: Element) => element instanceof HTMLElement && element.style.visibility === 'hidden';
/** The subgroups whose figures are in the page, split by whether they are shown. */
const subgroupsIn = (root: ParentNode) => {
  const all = Array.from(root.querySelectorAll('[data-subgroup]'));
  return { shown: all.filter((element) => !isHidden(element)), hidden: all.filter(isHidden) };
};

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

  it('puts each delivered subgroup in the page hidden, one figure per task', async () => {
    const fake = manualWorker();
    const preparation = createSubgroupPreparation(() => fake.worker);
    preparation.prepare(analysis.patients, analysis.results.conventions, preparedKeys);
    const { container } = renderWithProviders(
      <SurvivalSection results={analysis.results} patients={analysis.patients} preparation={preparation} />,
    );
    const hiddenFigures = () =>
      subgroupsIn(container).hidden.reduce((sum, element) => sum + element.querySelectorAll('figure').length, 0);
    expect(container.querySelectorAll('figure')).toHaveLength(2);
    // Figures added per batch of DOM changes (one batch per task): an arrival must hold up a click for
    // one figure's parsing at most.
    const perBatch: number[] = [];
    const observer = new MutationObserver((records) => {
      let figures = 0;
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof Element)
            figures += (node.matches('figure') ? 1 : 0) + node.querySelectorAll('figure').length;
      if (figures > 0) perBatch.push(figures);
    });
    observer.observe(container, { childList: true, subtree: true });
    fake.runAll();
    for (let task = 0; task <= 2 * preparedKeys.length; task += 1) {
      await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    }
    observer.disconnect();
    expect(hiddenFigures()).toBe(2 * preparedKeys.length);
    expect(perBatch).toEqual(new Array(2 * preparedKeys.length).fill(1));
    // A change now only shows figures already in the page.
    fireEvent.click(screen.getByRole('radio', { name: 'Prior ASCT' }));
    expect(screen.getByTestId('km-os').querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Overall survival by Prior ASCT',
    );
    expect(container.querySelectorAll('figure')).toHaveLength(2 + 2 * preparedKeys.length);
    expect(subgroupsIn(container).shown.map(shownKeyOf)).toEqual(['priorAsct']);
  });

  it('shows a prepared subgroup in the click’s own handler; the status line and table follow', async () => {
    const fake = manualWorker();
    const preparation = createSubgroupPreparation(() => fake.worker);
    preparation.prepare(analysis.patients, analysis.results.conventions, preparedKeys);
    const { container } = renderWithProviders(
      <SurvivalSection results={analysis.results} patients={analysis.patients} preparation={preparation} />,
    );
    fake.runAll();
    for (let task = 0; task <= 2 * preparedKeys.length; task += 1) {
      await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    }
    // What the page is at the end of the click's dispatch (a listener on the document runs after React's).
    let atClick: { shown: string[]; status: string | null } | null = null;
    document.addEventListener(
      'click',
      () => {
        atClick = {
          shown: subgroupsIn(container).shown.map(shownKeyOf),
          status: screen.getByTestId('survival-status').textContent,
        };
      },
      { once: true },
    );
    fireEvent.click(screen.getByRole('radio', { name: 'del(13)' }));
    expect(atClick).toEqual({ shown: ['del13'], status: expect.stringMatching(/^All \d+ analysed patients\.$/) });
    // The transition has rendered the rest of the section since.
    expect(screen.getByTestId('survival-status').textContent).toContain('By del(13): PFS');
    expect(screen.getByRole('radio', { name: 'del(13)' })).toHaveProperty('checked', true);
    expect(subgroupsIn(container).shown.map(shownKeyOf)).toEqual(['del13']);
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

describe('showSubgroup', () => {
  function stack(...subgroups: Array<readonly [string, 1 | 2]>) {
    const element = document.createElement('div');
    for (const [key, figures] of subgroups) {
      const child = document.createElement('div');
      child.dataset['subgroup'] = key;
      child.dataset['figures'] = String(figures);
      child.style.visibility = key === 'all' ? 'visible' : 'hidden';
      element.append(child);
    }
    return element;
  }
  const visible = (element: HTMLElement) => subgroupsIn(element).shown.map(shownKeyOf);

  it('shows the chosen subgroup and hides every other one', () => {
    const element = stack(['all', 2], ['pclType', 2], ['del13', 2]);
    expect(showSubgroup(element, 'del13')).toBe(true);
    expect(visible(element)).toEqual(['del13']);
    expect(showSubgroup(element, 'all')).toBe(true);
    expect(visible(element)).toEqual(['all']);
  });

  it('changes nothing for a subgroup not in the page, or with only its PFS figure in it unless told to', () => {
    const element = stack(['all', 2], ['pclType', 1]);
    expect(showSubgroup(element, 'del13')).toBe(false);
    expect(showSubgroup(element, 'pclType')).toBe(false);
    expect(visible(element)).toEqual(['all']);
    expect(showSubgroup(element, 'pclType', false)).toBe(true);
    expect(visible(element)).toEqual(['pclType']);
    expect(showSubgroup(null, 'all')).toBe(false);
  });
});
