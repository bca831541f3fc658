import { describe, expect, it } from 'vitest';
import { expectGoldenSvg } from './expect-golden-svg.ts';
import { figureTheme } from './figure-theme.ts';
import { allTexts, markElements, parseFigure } from './parse-figure.ts';
import { type PatientTimelineOptions, patientTimelineFigure } from './patient-timeline-figure.ts';

/** A synthetic primary-PCL patient: bortezomib-dexamethasone, PR then VGPR, progression at day 240, alive at 300. */
const patient: PatientTimelineOptions = {
  title: 'Patient P03',
  timeLabel: 'Days from first bortezomib dose',
  treatments: [
    { label: 'Bortezomib + dexamethasone', start: 0, end: 126, isIndex: true },
    { label: 'Thalidomide', start: 250, end: 300 },
  ],
  responses: [
    { time: 42, category: 'PR', isConfirmed: true },
    { time: 84, category: 'VGPR', isConfirmed: true },
    { time: 126, category: 'VGPR', isConfirmed: false },
  ],
  events: [
    { time: 240, kind: 'progression' },
    { time: 300, kind: 'last-contact' },
  ],
  series: {
    label: 'Serum M-protein (g/dL)',
    points: [
      { time: -3, value: 3.4 },
      { time: 42, value: 1.3 },
      { time: 84, value: 0.3 },
      { time: 126, value: 0.25 },
      { time: 240, value: 1.1 },
    ],
  },
};

describe('patientTimelineFigure', () => {
  it('matches the golden SVG when drawing treatments, responses, events and the M-protein', () => {
    expectGoldenSvg('patient-timeline-p03', patientTimelineFigure(patient));
  });

  it('returns one self-contained svg element and is deterministic', () => {
    const svg = patientTimelineFigure(patient);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(svg).not.toMatch(/<style|class="plot-|href=/);
    expect(patientTimelineFigure(patient)).toBe(svg);
  });

  it('draws one bar per treatment with the index therapy in the first palette colour', () => {
    const figure = parseFigure(patientTimelineFigure(patient));
    const bars = markElements(figure, 'treatment bars', 'rect');
    expect(bars).toHaveLength(2);
    expect(bars.map((bar) => bar.getAttribute('fill'))).toEqual(['#0072B2', '#D55E00']);
  });

  it('marks each response with its category, filled only when confirmed', () => {
    const figure = parseFigure(patientTimelineFigure(patient));
    expect(markElements(figure, 'response marks')).toHaveLength(3);
    expect(markElements(figure, 'response labels', 'text').map((text) => text.textContent)).toEqual([
      'PR',
      'VGPR',
      'VGPR',
    ]);
    const fills = markElements(figure, 'response marks').map((mark) => mark.getAttribute('fill'));
    expect(fills).toEqual([figureTheme.textColour, figureTheme.textColour, '#ffffff']);
  });

  it('draws the progression and last-contact rules in both panels and names them in the legend', () => {
    const figure = parseFigure(patientTimelineFigure(patient));
    expect(markElements(figure, 'progression marks', 'line')).toHaveLength(2);
    expect(markElements(figure, 'last contact marks', 'line')).toHaveLength(2);
    expect(allTexts(figure)).toEqual(expect.arrayContaining(['Progression', 'Last contact', 'Serum M-protein (g/dL)']));
  });

  it('draws no laboratory panel and puts the time axis under the lane when there is no series', () => {
    const svg = patientTimelineFigure({ ...patient, series: { label: 'Serum M-protein (g/dL)', points: [] } });
    const figure = parseFigure(svg);
    expect(figure.querySelector('g[data-label="laboratory panel"]')).toBeNull();
    expect(allTexts(figure)).toContain('Days from first bortezomib dose');
  });

  it('throws when a treatment ends before it starts', () => {
    expect(() =>
      patientTimelineFigure({ timeLabel: 'Days', treatments: [{ label: 'X', start: 10, end: 5 }], responses: [] }),
    ).toThrowError(/ends before it starts/);
  });
});
