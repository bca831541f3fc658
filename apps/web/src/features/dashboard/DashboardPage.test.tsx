import { formatPValue } from '@mmreg/report';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { DashboardContent } from './DashboardPage.tsx';
import { analysisFromStudy, loadReferenceStudy } from './dashboard-test-fixture.ts';

const study = loadReferenceStudy();

/** Mounts the next section below the curves in the next task (the page waits for an idle period). */
const soon = (callback: () => void) => {
  const handle = setTimeout(callback, 0);
  return () => clearTimeout(handle);
};

/** The sections below the curves come after the first render; in happy-dom that can take seconds. */
const later = { timeout: 10_000 };

/** Sections below the curves, each found by a test id inside it, in page order. */
const lowerSectionTestIds = ['response-table', 'forest', 'swimmer', 'claims-table'] as const;

function cellsOfRow(table: HTMLElement, rowHeader: string): string[] {
  const header = within(table).getByRole('rowheader', { name: rowHeader });
  const row = header.closest('tr');
  if (row === null) throw new Error(`no row ${rowHeader}`);
  return Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent ?? '');
}

describe('DashboardContent', () => {
  it('renders the response and toxicity tables with the results’ numbers', async () => {
    const analysis = analysisFromStudy(study);
    renderWithProviders(<DashboardContent analysis={analysis} scheduleStage={soon} />);
    const response = await screen.findByTestId('response-table', {}, later);
    const { orr, crOrBetter } = analysis.results.response;
    expect(cellsOfRow(response, 'Overall response (≥ PR)')).toEqual([
      'Overall response (≥ PR)',
      `${analysis.results.response.responders}/${analysis.results.response.n}`,
      `${(100 * orr.estimate).toFixed(1)}%`,
      `${(100 * orr.lower).toFixed(1)}–${(100 * orr.upper).toFixed(1)}%`,
    ]);
    expect(cellsOfRow(response, 'CR or better')[1]).toBe(`${crOrBetter.count}/${crOrBetter.n}`);
    const toxicity = screen.getByTestId('toxicity-table');
    const haematological = analysis.results.toxicity.find((row) => row.category === 'hematologic');
    const cells = cellsOfRow(toxicity, 'Haematological');
    expect(cells.slice(1, 5)).toEqual([1, 2, 3, 4].map((grade) => String(haematological?.byGrade[grade])));
    expect(cells[6]).toContain(String(haematological?.grade3to4));
  });

  it('lists every centre with its registered, analysed and form counts', async () => {
    const analysis = analysisFromStudy(study);
    renderWithProviders(<DashboardContent analysis={analysis} scheduleStage={soon} />);
    const table = await screen.findByTestId('enrolment-table');
    expect(within(table).getByText('Enrolment and form completeness per centre')).toBeTruthy();
    const center = analysis.scope.centers[0];
    if (center === undefined) throw new Error('no centre');
    const cells = cellsOfRow(table, `${center.name} (${center.code}), ${center.city}`);
    expect(cells.slice(1, 7)).toEqual([
      String(center.patients),
      String(center.patients),
      '0',
      String(center.forms.complete),
      String(center.forms.unverified),
      String(center.forms.incomplete),
    ]);
    expect(cellsOfRow(table, 'All centres')[2]).toBe(String(analysis.patients.length));
  });

  it('draws PFS and OS as accessible figures and shows the PCL-type log-rank p of the results on selection', async () => {
    const analysis = analysisFromStudy(study);
    renderWithProviders(<DashboardContent analysis={analysis} scheduleStage={soon} />);
    const pfs = await screen.findByTestId('km-pfs');
    const image = within(pfs).getByRole('img', { name: 'Progression-free survival' });
    expect(image.tagName.toLowerCase()).toBe('svg');
    // One image, one name: nothing inside the SVG carries ARIA (axe: no labelled groups inside an image).
    expect(Array.from(pfs.querySelectorAll('[aria-label], [aria-description], [aria-hidden], [role]'))).toEqual([
      image,
    ]);
    fireEvent.click(screen.getByRole('radio', { name: 'PCL type' }));
    const status = screen.getByTestId('survival-status');
    expect(status.textContent).toContain(`PFS Log-rank p = ${formatPValue(analysis.results.survival.pfs.logrank.p)}`);
    expect(status.textContent).toContain(`OS Log-rank p = ${formatPValue(analysis.results.survival.os.logrank.p)}`);
    expect(screen.getByTestId('km-os').querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Overall survival by PCL type',
    );
    expect(screen.getByRole('radiogroup', { name: /Compare survival by/ })).toBeTruthy();
  });

  it('shows the swimmer plot, the forest plot, the claims with verdicts and the downloads slot', async () => {
    const analysis = analysisFromStudy(study);
    renderWithProviders(<DashboardContent analysis={analysis} scheduleStage={soon} />);
    await screen.findByTestId('claims-table', {}, later);
    const swimmer = screen.getByTestId('swimmer');
    expect(within(swimmer).getByRole('img').getAttribute('aria-label')).toContain(
      `${analysis.patients.length} patients`,
    );
    expect(within(screen.getByTestId('forest')).getByRole('img').tagName.toLowerCase()).toBe('svg');
    const claims = screen.getByTestId('claims-table');
    expect(within(claims).getAllByRole('row')).toHaveLength(analysis.results.claims.length + 1);
    const first = analysis.results.claims[0];
    expect(claims.textContent).toContain(first?.explanation ?? '∅');
    expect(screen.getByTestId('downloads-slot')).toBeTruthy();
  });

  it('explains why claims are absent for a caller who does not read every centre', async () => {
    const analysis = analysisFromStudy(study, { isStudyWide: false });
    renderWithProviders(
      <DashboardContent
        analysis={{ ...analysis, results: { ...analysis.results, claims: [] } }}
        scheduleStage={soon}
      />,
    );
    expect(await screen.findByText('Claims are not checked for this scope', {}, later)).toBeTruthy();
    expect(screen.queryByTestId('claims-table')).toBeNull();
  });

  it('puts the sections below the curves in the page one per scheduled period, after the curves', () => {
    const analysis = analysisFromStudy(study);
    const waiting: Array<() => void> = [];
    const schedule = (callback: () => void) => {
      waiting.push(callback);
      return () => undefined;
    };
    renderWithProviders(<DashboardContent analysis={analysis} scheduleStage={schedule} />);
    const present = () => lowerSectionTestIds.filter((testId) => screen.queryByTestId(testId) !== null);
    // First render: the curves and the notes, none of the four sections below the curves.
    expect(screen.getByTestId('km-pfs')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Patients not analysed and method notes' })).toBeTruthy();
    expect(present()).toEqual([]);
    for (let stage = 1; stage <= lowerSectionTestIds.length; stage += 1) {
      expect(waiting).toHaveLength(1);
      act(() => waiting.shift()?.());
      expect(present()).toEqual(lowerSectionTestIds.slice(0, stage));
    }
    expect(waiting).toHaveLength(0);
    // In page order, above the notes.
    const headings = screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent);
    expect(headings).toEqual([
      'Enrolment and completeness',
      'Progression-free and overall survival',
      'Response and toxicity',
      'Literature comparison',
      'Swimmer plot',
      'Claims check',
      'Patients not analysed and method notes',
    ]);
  });

  it('has every section in the page after idle time, without scrolling', async () => {
    const analysis = analysisFromStudy(study);
    renderWithProviders(<DashboardContent analysis={analysis} />);
    expect(await screen.findByTestId('claims-table', {}, later)).toBeTruthy();
    for (const testId of lowerSectionTestIds) expect(screen.getByTestId(testId)).toBeTruthy();
  });

  it('puts the sections below the curves in without waiting for quiet once the place they go comes into view', async () => {
    const analysis = analysisFromStudy(study);
    const observed: Array<{ readonly callback: IntersectionObserverCallback; readonly target: Element }> = [];
    const original = globalThis.IntersectionObserver;
    globalThis.IntersectionObserver = class {
      readonly callback: IntersectionObserverCallback;
      constructor(callback: IntersectionObserverCallback) {
        this.callback = callback;
      }
      observe(target: Element) {
        observed.push({ callback: this.callback, target });
      }
      disconnect() {}
    } as unknown as typeof IntersectionObserver;
    try {
      // A quiet-time scheduler that never comes: only coming into view puts the sections in.
      renderWithProviders(<DashboardContent analysis={analysis} scheduleStage={() => () => undefined} />);
      const present = () => lowerSectionTestIds.filter((testId) => screen.queryByTestId(testId) !== null);
      expect(present()).toEqual([]);
      const notes = screen.getByRole('heading', { name: 'Patients not analysed and method notes' }).closest('section');
      const watching = observed.filter((entry) => entry.target === notes);
      expect(watching).toHaveLength(1);
      act(() => {
        for (const { callback, target } of watching)
          callback([{ isIntersecting: true, target } as IntersectionObserverEntry], {} as IntersectionObserver);
      });
      expect(await screen.findByTestId('claims-table', {}, later)).toBeTruthy();
      expect(present()).toEqual([...lowerSectionTestIds]);
    } finally {
      globalThis.IntersectionObserver = original;
    }
  });
});
