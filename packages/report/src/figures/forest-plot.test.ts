import { describe, expect, it } from 'vitest';
import { expectGoldenSvg } from './expect-golden-svg.ts';
import { figureTheme } from './figure-theme.ts';
import { type ForestPlotOptions, type ForestRow, forestPlot } from './forest-plot.ts';
import { mustoResponse, pclPooledRandomEffects, pclResponseLiterature } from './musto-2007-fixture.ts';
import { allTexts, markElements, markTexts, parseFigure, translation } from './parse-figure.ts';

const studies: readonly ForestRow[] = pclResponseLiterature.map((study) => ({
  label: study.label,
  estimate: study.responders / study.n,
  lower: study.lower,
  upper: study.upper,
  detail: `${study.responders}/${study.n}`,
  weightPercent: study.weightPercent,
}));

const literatureFigure: ForestPlotOptions = {
  title: 'B. Response rate in primary plasma cell leukaemia',
  rows: studies,
  summaries: [pclPooledRandomEffects],
  highlight: mustoResponse,
  reference: { value: pclPooledRandomEffects.estimate, label: 'Pooled literature' },
  xLabel: 'Response rate',
  percent: true,
  columnHeaders: { detail: 'Responders/N' },
};

/** Side length of a square drawn by Plot's square symbol, read from its path "M-a,-aH…". */
function squareHalfSide(path: Element): number {
  const match = /^M(-?[\d.]+),/.exec(path.getAttribute('d') ?? '');
  return Math.abs(Number(match?.[1]));
}

describe('forestPlot', () => {
  it('matches the golden SVG when drawing the PCL literature with the pooled estimate and Musto 2007', () => {
    expectGoldenSvg('forest-pcl-response', forestPlot(literatureFigure));
  });

  it('returns one self-contained svg element with the SVG namespace', () => {
    const svg = forestPlot(literatureFigure);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(svg).not.toMatch(/<style|class="plot-|href=/);
    expect(forestPlot(literatureFigure)).toBe(svg);
  });

  it('draws one square and one whisker per study, squares larger for larger weights', () => {
    const figure = parseFigure(forestPlot(literatureFigure));
    const squares = markElements(figure, 'study estimates');
    expect(squares).toHaveLength(7);
    expect(markElements(figure, 'confidence intervals', 'line')).toHaveLength(7 + 1); // studies + highlighted row
    // Plot draws the largest squares first; Dimopoulos (18.9%) against Bernasconi (7.1%): area ratio = weight ratio.
    const sizes = squares.map(squareHalfSide);
    expect((Math.max(...sizes) / Math.min(...sizes)) ** 2).toBeCloseTo(18.9 / 7.1, 1);
  });

  it('draws the pooled estimate as a diamond spanning its confidence interval, with a prediction interval row', () => {
    const svg = forestPlot(literatureFigure);
    const figure = parseFigure(svg);
    const diamonds = markElements(figure, 'pooled diamonds');
    expect(diamonds).toHaveLength(1);
    expect((diamonds[0]?.getAttribute('d') ?? '').match(/[ML]/g)).toHaveLength(5);
    expect(markElements(figure, 'prediction intervals', 'line')).toHaveLength(1);
    expect(markElements(figure, 'prediction interval ends', 'line')).toHaveLength(2);
    const texts = allTexts(figure);
    expect(texts).toContain('Random-effects model');
    expect(texts).toContain('43.8% (34.2–53.8)');
    expect(texts).toContain('Prediction interval');
    expect(texts).toContain('(28.9–59.8)');
  });

  it('prints labels on the left and detail, estimate (95% CI) and weight columns on the right', () => {
    const svg = forestPlot(literatureFigure);
    const figure = parseFigure(svg);
    expect(markTexts(figure, 'row labels').slice(0, 2)).toEqual(['Noel & Kyle 1987', 'Bernasconi 1989']);
    expect(markTexts(figure, 'detail column').slice(0, 7)).toEqual([
      '12/25',
      '5/8',
      '10/27',
      '10/26',
      '12/18',
      '7/24',
      '3/8',
    ]);
    expect(markTexts(figure, 'estimate column')[0]).toBe('48.0% (27.8–68.7)');
    expect(markTexts(figure, 'weight column')[0]).toBe('18.8%');
    const headers = Array.from(figure.querySelectorAll('g[data-label="column headers"] > text')).map(
      (t) => t.textContent,
    );
    expect(headers).toEqual(['Study', 'Responders/N', 'Response rate (95% CI)', 'Weight', 'Pooled literature']);
    expect(allTexts(figure)).toContain('Response rate');
    expect(svg).toContain('>Noel &amp; Kyle 1987<');
  });

  it('draws the highlighted result in the highlight colour, distinct from the studies', () => {
    const figure = parseFigure(forestPlot(literatureFigure));
    const marker = figure.querySelector('g[data-description="highlighted estimate"]');
    expect(marker?.getAttribute('fill')).toBe(figureTheme.highlightColour);
    expect(marker?.querySelectorAll('circle, path')).toHaveLength(1);
    const highlightedTexts = Array.from(figure.querySelectorAll('text')).filter(
      (text) => text.getAttribute('fill') === figureTheme.highlightColour,
    );
    expect(highlightedTexts.map((text) => text.textContent)).toEqual([
      'Musto 2007 (bortezomib)',
      '11/12',
      '91.7% (61.5–99.8)',
    ]);
  });

  it('draws the reference line at its value on the x scale', () => {
    const figure = parseFigure(forestPlot({ ...literatureFigure, reference: { value: 0.6 } }));
    const [line] = markElements(figure, 'reference line', 'line');
    const ticks = Array.from(figure.querySelectorAll('g[data-label="x-axis tick"] > path'));
    const labels = Array.from(figure.querySelectorAll('g[data-label="x-axis tick label"] > text'));
    const tickAtValue = ticks[labels.findIndex((label) => label.textContent === '60%')];
    expect(Number(line?.getAttribute('x1'))).toBe(translation(tickAtValue as Element)[0]);
    expect(line?.getAttribute('stroke-dasharray') ?? line?.parentElement?.getAttribute('stroke-dasharray')).toBe('4,3');
  });

  it('uses equal squares and decimal labels when there are no weights and percent is off', () => {
    const svg = forestPlot({
      rows: studies.map(({ weightPercent: _weight, ...row }) => row),
      summaries: [],
      xLabel: 'Proportion',
    });
    const figure = parseFigure(svg);
    expect(new Set(markElements(figure, 'study estimates').map(squareHalfSide)).size).toBe(1);
    expect(markTexts(figure, 'estimate column')[0]).toBe('0.48 (0.28–0.69)');
    expect(markElements(figure, 'weight column', 'text')).toHaveLength(0);
    expect(markElements(figure, 'pooled diamonds')).toHaveLength(0);
  });

  it('ends an interval that leaves the x domain in an arrow instead of cutting it silently', () => {
    const figure = parseFigure(
      forestPlot({
        rows: [{ label: 'Wide', estimate: 0.9, lower: 0.4, upper: 1.3 }],
        summaries: [],
        xLabel: 'Ratio',
        xDomain: [0, 1.2],
      }),
    );
    expect(markElements(figure, 'interval continues beyond the axis')).toHaveLength(1);
  });

  it('throws when an interval does not contain its estimate', () => {
    expect(() =>
      forestPlot({ rows: [{ label: 'Bad', estimate: 0.2, lower: 0.3, upper: 0.5 }], summaries: [], xLabel: 'Rate' }),
    ).toThrowError(/lower ≤ estimate ≤ upper/);
  });

  // The target is < 50 ms (about 10–30 ms measured); the bound is loose so a busy CI machine does not flake.
  it('renders a warm figure within the time budget when called repeatedly', () => {
    forestPlot(literatureFigure);
    const started = performance.now();
    for (let run = 0; run < 10; run += 1) forestPlot(literatureFigure);
    expect((performance.now() - started) / 10).toBeLessThan(150);
  });
});
