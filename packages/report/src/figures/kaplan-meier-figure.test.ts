import { describe, expect, it } from 'vitest';
import { expectGoldenSvg } from './expect-golden-svg.ts';
import { okabeItoPalette } from './figure-theme.ts';
import { type KaplanMeierFigureOptions, kaplanMeierFigure, type SurvivalCurveInput } from './kaplan-meier-figure.ts';
import {
  computeFixtureCurve,
  countAtRisk,
  mustoOverallSurvival,
  mustoProgressionFreeSurvival,
  mustoTimeBreaks,
} from './musto-2007-fixture.ts';
import { allTexts, markElements, markTexts, parseFigure, translation } from './parse-figure.ts';
import { countPlusMarks } from './plus-marks.ts';

const progressionFree = computeFixtureCurve('All patients (n = 12)', mustoProgressionFreeSurvival);
const overall = computeFixtureCurve('Overall survival', mustoOverallSurvival);

const pfsFigure: KaplanMeierFigureOptions = {
  title: 'A. Progression-free survival',
  curves: [progressionFree],
  timeLabel: 'Months from first bortezomib dose',
  timeBreaks: mustoTimeBreaks,
  atRisk: [countAtRisk('All patients (n = 12)', mustoProgressionFreeSurvival, mustoTimeBreaks)],
  confidenceBands: true,
  showMedianLines: true,
};

const pfsAndOsFigure: KaplanMeierFigureOptions = {
  title: 'C. Progression-free and overall survival',
  curves: [{ ...progressionFree, label: 'Progression-free survival' }, overall],
  timeLabel: 'Months from first bortezomib dose',
  survivalLabel: 'Survival probability',
  timeBreaks: mustoTimeBreaks,
  atRisk: [
    countAtRisk('PFS', mustoProgressionFreeSurvival, mustoTimeBreaks),
    countAtRisk('OS', mustoOverallSurvival, mustoTimeBreaks),
  ],
  confidenceBands: true,
  showMedianLines: true,
  annotation: 'Median PFS 8 months; median OS 12 months',
};

/** Pixel x of each x-axis tick and pixel y of each y-axis tick, keyed by tick label. */
function tickPositions(svg: string) {
  const figure = parseFigure(svg);
  const read = (axis: 'x' | 'y', coordinate: 0 | 1) => {
    const ticks = Array.from(figure.querySelectorAll(`g[data-label="${axis}-axis tick"] > path`));
    const labels = Array.from(figure.querySelectorAll(`g[data-label="${axis}-axis tick label"] > text`));
    return new Map(
      labels.map((label, index) => [label.textContent ?? '', translation(ticks[index] as Element)[coordinate]]),
    );
  };
  return { x: read('x', 0), y: read('y', 1) };
}

function firstCurvePathStart(svg: string): readonly [number, number] {
  const path = markElements(parseFigure(svg), 'survival curve')[0];
  const match = /^M([-\d.]+),([-\d.]+)/.exec(path?.getAttribute('d') ?? '');
  if (match === null) throw new Error('no survival curve path');
  return [Number(match[1]), Number(match[2])];
}

describe('kaplanMeierFigure', () => {
  it('matches the golden SVG when drawing Musto 2007 PFS with band, median lines and at-risk table', () => {
    expectGoldenSvg('kaplan-meier-musto-pfs', kaplanMeierFigure(pfsFigure));
  });

  it('matches the golden SVG when drawing PFS and OS together with an annotation', () => {
    expectGoldenSvg('kaplan-meier-musto-pfs-os', kaplanMeierFigure(pfsAndOsFigure));
  });

  it('returns one self-contained svg element with the SVG namespace', () => {
    const svg = kaplanMeierFigure(pfsFigure);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(svg).not.toMatch(/<style|class="plot-|href=|@import|url\(/);
    expect(parseFigure(svg).documentElement.tagName.toLowerCase()).toBe('svg');
  });

  it('is deterministic when called twice with the same data', () => {
    expect(kaplanMeierFigure(pfsAndOsFigure)).toBe(kaplanMeierFigure(pfsAndOsFigure));
  });

  it('draws one censor mark per censored observation when several share a time, in one path per curve', () => {
    const figure = parseFigure(kaplanMeierFigure(pfsAndOsFigure));
    expect(progressionFree.censored).toHaveLength(5);
    const paths = markElements(figure, 'censor marks');
    expect(paths).toHaveLength(2);
    expect(paths.map((path) => countPlusMarks(path.getAttribute('d') ?? ''))).toEqual([
      progressionFree.censored.length,
      overall.censored.length,
    ]);
  });

  it('labels the figure once, on the root svg, and leaves every inner element without ARIA attributes', () => {
    const svg = kaplanMeierFigure(pfsAndOsFigure);
    const root = parseFigure(svg).documentElement;
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe('C. Progression-free and overall survival');
    expect(svg.match(/\saria-[a-z]+=/g)).toEqual([' aria-label=']);
    expect(svg.match(/\srole=/g)).toHaveLength(1);
  });

  it('draws one step curve per group, each in its own Okabe–Ito colour', () => {
    const figure = parseFigure(kaplanMeierFigure(pfsAndOsFigure));
    const strokes = Array.from(figure.querySelectorAll('g[data-description="survival curve"]')).map((group) =>
      group.getAttribute('stroke'),
    );
    expect(strokes).toEqual([okabeItoPalette[0], okabeItoPalette[1]]);
    const legend = Array.from(figure.querySelectorAll('g[data-label="legend"] > text')).map((text) => text.textContent);
    expect(legend).toEqual(['Progression-free survival', 'Overall survival']);
  });

  it('prints the at-risk counts centred under the x ticks, one coloured labelled row per group', () => {
    const svg = kaplanMeierFigure(pfsAndOsFigure);
    const figure = parseFigure(svg);
    expect(markTexts(figure, 'at-risk counts')).toEqual([
      ...['12', '11', '9', '4', '2', '1', '1', '1'],
      ...['12', '12', '11', '7', '3', '1', '1', '1'],
    ]);
    const { x } = tickPositions(svg);
    const countXs = markElements(figure, 'at-risk counts', 'text').map((text) => translation(text)[0]);
    const tickXs = mustoTimeBreaks.map((time) => x.get(String(time)));
    expect(countXs).toEqual([...tickXs, ...tickXs]);
    const labels = markElements(figure, 'at-risk labels', 'text');
    expect(labels.map((label) => [label.textContent, label.getAttribute('fill')])).toEqual([
      ['PFS', okabeItoPalette[0]],
      ['OS', okabeItoPalette[1]],
    ]);
    expect(allTexts(figure)).toContain('Number at risk');
  });

  it('labels both axes and ticks the x axis at the time breaks', () => {
    const svg = kaplanMeierFigure(pfsAndOsFigure);
    const texts = allTexts(parseFigure(svg));
    expect(texts).toContain('Months from first bortezomib dose');
    expect(texts).toContain('Survival probability');
    expect(texts).toContain('C. Progression-free and overall survival');
    expect([...tickPositions(svg).x.keys()]).toEqual(mustoTimeBreaks.map(String));
    expect([...tickPositions(svg).y.keys()]).toEqual(['0.00', '0.25', '0.50', '0.75', '1.00']);
  });

  it('labels the y axis in percent when percent is set, defaulting the title to "Probability"', () => {
    const svg = kaplanMeierFigure({ curves: [progressionFree], timeLabel: 'Months', percent: true });
    expect([...tickPositions(svg).y.keys()]).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(allTexts(parseFigure(svg))).toContain('Probability');
  });

  it('starts the curve at (0, 1) when the first event is after time 0', () => {
    const svg = kaplanMeierFigure(pfsFigure);
    const { x, y } = tickPositions(svg);
    expect(firstCurvePathStart(svg)).toEqual([x.get('0'), y.get('1.00')]);
  });

  it('drops at the y axis when there is an event at time 0', () => {
    const curve: SurvivalCurveInput = {
      label: 'Early death',
      steps: [
        { time: 0, surv: 0.8, lower: null, upper: null },
        { time: 4, surv: 0.4, lower: null, upper: null },
      ],
      censored: [{ time: 6, surv: 0.4 }],
    };
    const svg = kaplanMeierFigure({ curves: [curve], timeLabel: 'Months', timeBreaks: [0, 2, 4, 6] });
    const { x, y } = tickPositions(svg);
    expect(firstCurvePathStart(svg)).toEqual([x.get('0'), y.get('1.00')]);
    const path = markElements(parseFigure(svg), 'survival curve')[0]?.getAttribute('d') ?? '';
    const vertices = [...path.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((match) => [
      Number(match[1]),
      Number(match[2]),
    ]);
    // The drop to 0.8 happens on the y axis (x of time 0), before the curve moves right.
    const firstDrop = vertices.find(([, vertexY]) => vertexY !== y.get('1.00'));
    expect(firstDrop?.[0]).toBe(x.get('0'));
  });

  it('leaves the band out where a bound is null, splitting it into separate pieces', () => {
    const curve: SurvivalCurveInput = {
      label: 'Gappy',
      steps: [
        { time: 1, surv: 0.9, lower: 0.7, upper: 0.98 },
        { time: 2, surv: 0.8, lower: null, upper: 0.95 },
        { time: 3, surv: 0.7, lower: 0.45, upper: 0.88 },
        { time: 4, surv: 0.6, lower: 0.35, upper: 0.8 },
      ],
      censored: [],
    };
    const figure = parseFigure(
      kaplanMeierFigure({ curves: [curve], timeLabel: 'Months', timeBreaks: [0, 1, 2, 3, 4], confidenceBands: true }),
    );
    expect(markElements(figure, 'confidence band')).toHaveLength(2);
  });

  it('draws no band when confidenceBands is off', () => {
    const figure = parseFigure(kaplanMeierFigure({ ...pfsFigure, confidenceBands: false }));
    expect(markElements(figure, 'confidence band')).toHaveLength(0);
  });

  it('draws a drop line only for the medians that are reached', () => {
    const notReached: SurvivalCurveInput = {
      ...overall,
      label: 'Not reached',
      median: { time: null, lower: null, upper: null },
    };
    const figure = parseFigure(
      kaplanMeierFigure({ curves: [progressionFree, notReached], timeLabel: 'Months', showMedianLines: true }),
    );
    expect(markElements(figure, 'median drop line', 'line')).toHaveLength(1);
    expect(markElements(figure, 'median line', 'line')).toHaveLength(1);
  });

  it('places the annotation text in the plot area', () => {
    const figure = parseFigure(kaplanMeierFigure(pfsAndOsFigure));
    const texts = Array.from(figure.querySelectorAll('g[data-label="annotation"] > text')).map((t) => t.textContent);
    expect(texts).toEqual(['Median PFS 8 months; median OS 12 months']);
  });

  it('throws when at-risk counts do not match the time breaks', () => {
    expect(() => kaplanMeierFigure({ ...pfsFigure, atRisk: [{ label: 'All', counts: [12, 11] }] })).toThrowError(
      /2 counts for 8 time breaks/,
    );
    const { timeBreaks: _omitted, ...withoutBreaks } = pfsFigure;
    expect(() => kaplanMeierFigure(withoutBreaks)).toThrowError(/needs the timeBreaks/);
  });

  it('throws when there is no curve', () => {
    expect(() => kaplanMeierFigure({ curves: [], timeLabel: 'Months' })).toThrowError(RangeError);
  });

  // The target is < 50 ms (about 10–30 ms measured); the bound is loose so a busy CI machine does not flake.
  it('renders a warm figure within the time budget when called repeatedly', () => {
    kaplanMeierFigure(pfsAndOsFigure);
    const started = performance.now();
    for (let run = 0; run < 10; run += 1) kaplanMeierFigure(pfsAndOsFigure);
    expect((performance.now() - started) / 10).toBeLessThan(150);
  });
});
