import { describe, expect, it } from 'vitest';
import { expectGoldenSvg } from './expect-golden-svg.ts';
import { mustoOverallSurvival, mustoProgressionFreeSurvival, mustoTimeBreaks } from './musto-2007-fixture.ts';
import { allTexts, markElements, parseFigure } from './parse-figure.ts';
import { type SwimmerLane, type SwimmerPlotOptions, swimmerPlot } from './swimmer-plot.ts';

/** Fixture response times (months) of the 12 patients; null for a non-responder. Not study numbers. */
const responseMonths = [1, 1, 2, 1, null, 1.5, 1, 2, 1, 1, 3, null] as const;

/** One lane per Musto 2007 patient: OS as the bar, first response, progression before death or last contact, death or censoring. */
const lanes: SwimmerLane[] = mustoOverallSurvival
  .map((os, index): SwimmerLane => {
    const pfs = mustoProgressionFreeSurvival[index];
    const response = responseMonths[index] ?? null;
    const events: SwimmerLane['events'][number][] = [];
    if (response !== null) events.push({ time: response, kind: 'response' });
    if (pfs !== undefined && pfs.event === 1 && !(os.event === 1 && pfs.time === os.time)) {
      events.push({ time: pfs.time, kind: 'progression' });
    }
    events.push({ time: os.time, kind: os.event === 1 ? 'death' : 'censored' });
    return {
      label: `UPN ${String(index + 1).padStart(2, '0')}`,
      time: os.time,
      group: index % 3 === 0 ? 1 : 0,
      events,
    };
  })
  .sort((left, right) => right.time - left.time);

const musto: SwimmerPlotOptions = {
  title: 'Swimmer plot, all patients',
  lanes,
  timeLabel: 'Months from the first month of bortezomib',
  groups: ['Primary PCL', 'Secondary PCL'],
  timeBreaks: mustoTimeBreaks,
};

describe('swimmerPlot', () => {
  it('matches the golden SVG when drawing the 12 Musto 2007 lanes with every kind of mark', () => {
    expectGoldenSvg('swimmer-musto', swimmerPlot(musto));
  });

  it('is one accessible svg image whose label counts the lanes and marks', () => {
    const svg = swimmerPlot(musto);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    const root = parseFigure(svg).documentElement;
    expect(root.getAttribute('role')).toBe('img');
    expect(root.getAttribute('aria-label')).toBe(
      'Swimmer plot, all patients: 12 patients, one lane each, bar length = time on study (months from the first month of bortezomib); marks: 10 first response (≥ pr), 7 progression, 4 death, 8 alive at last contact (censored).',
    );
  });

  it('draws one bar per lane and one mark per event, each kind in its own group', () => {
    const figure = parseFigure(swimmerPlot(musto));
    expect(markElements(figure, 'time on study', 'rect')).toHaveLength(12);
    const count = (kind: string) => markElements(figure, `${kind} marks`).length;
    expect([count('response'), count('progression'), count('death'), count('censored')]).toEqual([10, 7, 4, 8]);
  });

  it('labels lanes in the given order, with legend entries for groups and marks', () => {
    const texts = allTexts(parseFigure(swimmerPlot(musto)));
    const laneLabels = texts.filter((text) => text.startsWith('UPN'));
    expect(laneLabels).toEqual(lanes.map((lane) => lane.label));
    for (const legend of ['Primary PCL', 'Secondary PCL', 'Progression', 'Death', 'Alive at last contact (censored)']) {
      expect(texts).toContain(legend);
    }
  });

  it('drops lane labels and shrinks lanes when there are thousands of patients', () => {
    const many = Array.from(
      { length: 3000 },
      (_, index): SwimmerLane => ({
        label: `P${index}`,
        time: (index % 40) + 1,
        events: [{ time: (index % 40) + 1, kind: 'censored' }],
      }),
    );
    const svg = swimmerPlot({ lanes: many, timeLabel: 'Months' });
    const figure = parseFigure(svg);
    expect(allTexts(figure).some((text) => text === 'P0')).toBe(false);
    expect(Number(figure.documentElement.getAttribute('height'))).toBeLessThan(1200);
    expect(markElements(figure, 'time on study', 'rect')).toHaveLength(3000);
  });

  it('refuses no lanes, a negative time and duplicate labels', () => {
    expect(() => swimmerPlot({ lanes: [], timeLabel: 'Months' })).toThrow(RangeError);
    const lane = { label: 'A', time: -1, events: [] };
    expect(() => swimmerPlot({ lanes: [lane], timeLabel: 'Months' })).toThrow(/finite time/);
    const twice = { label: 'A', time: 1, events: [] };
    expect(() => swimmerPlot({ lanes: [twice, twice], timeLabel: 'Months' })).toThrow(/not unique/);
  });
});
