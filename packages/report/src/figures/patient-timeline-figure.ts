/** Draws one patient's course as a swimmer-style lane (treatment bars, response marks, progression/death/last contact) over an M-protein line, as one SVG string; it must not derive responses or do I/O. */
import * as Plot from '@observablehq/plot';
import { createSvgCanvas } from './create-svg-canvas.ts';
import { estimateTextWidth } from './estimate-text-width.ts';
import { figureTheme, paletteColour } from './figure-theme.ts';

export interface TimelineTreatment {
  /** e.g. "Bortezomib + dexamethasone". */
  readonly label: string;
  /** Start and end in the figure's time unit (end ≥ start); an ongoing treatment ends at the last time shown. */
  readonly start: number;
  readonly end: number;
  /** The index therapy is drawn in the first palette colour, others in the second. */
  readonly isIndex?: boolean;
}

export interface TimelineResponse {
  readonly time: number;
  /** Response category as derived, e.g. "PR". */
  readonly category: string;
  readonly isConfirmed: boolean;
}

export interface TimelineEvent {
  readonly time: number;
  readonly kind: 'progression' | 'death' | 'last-contact';
}

export interface TimelineSeries {
  /** Y-axis label with its unit, e.g. "Serum M-protein (g/dL)". */
  readonly label: string;
  readonly points: ReadonlyArray<{ readonly time: number; readonly value: number }>;
}

export interface PatientTimelineOptions {
  readonly title?: string;
  /** The figure's accessible name (the root svg's aria-label); default: the title, else "Patient timeline". */
  readonly ariaLabel?: string;
  /** e.g. "Days from first bortezomib dose". */
  readonly timeLabel: string;
  readonly treatments: readonly TimelineTreatment[];
  readonly responses: readonly TimelineResponse[];
  readonly events?: readonly TimelineEvent[];
  /** A laboratory course under the lane (the M-protein); omitted or empty: no lower panel. */
  readonly series?: TimelineSeries;
  /** Figure width in px; default 760. */
  readonly width?: number;
}

const edgePaddingPx = 16;
const laneRowHeightPx = 26;
const laneAxisHeightPx = 40;
const seriesPanelHeightPx = 150;
const panelGapPx = 12;
const marginRightPx = 24;

const eventStyle: Record<
  TimelineEvent['kind'],
  { readonly label: string; readonly colour: string; readonly dash: string }
> = {
  progression: { label: 'Progression', colour: figureTheme.highlightColour, dash: '5,3' },
  death: { label: 'Death', colour: figureTheme.textColour, dash: 'none' },
  'last-contact': { label: 'Last contact', colour: figureTheme.mutedColour, dash: '2,3' },
};

function assertFinite(values: readonly number[], what: string): void {
  if (!values.every(Number.isFinite)) throw new RangeError(`patientTimelineFigure: ${what} must be finite numbers`);
}

function timeDomain(options: PatientTimelineOptions): [number, number] {
  const times = [
    0,
    ...options.treatments.flatMap((treatment) => [treatment.start, treatment.end]),
    ...options.responses.map((response) => response.time),
    ...(options.events ?? []).map((event) => event.time),
    ...(options.series?.points ?? []).map((point) => point.time),
  ];
  const start = Math.min(...times);
  const end = Math.max(...times);
  return [start, end > start ? end : start + 1];
}

/**
 * Renders a patient timeline as a complete `<svg xmlns=…>` string: one row per treatment (bars from
 * start to end), a "Response" row with a mark and label per time-point response (filled when
 * confirmed), vertical rules for progression, death and last contact, and an optional line of a
 * laboratory value on a shared time axis below. Throws a RangeError on non-finite times or a
 * treatment ending before it starts.
 * Example: `patientTimelineFigure({ timeLabel: 'Days', treatments: [{ label: 'VD', start: 0, end: 84 }], responses: [] })`.
 */
export function patientTimelineFigure(options: PatientTimelineOptions): string {
  for (const treatment of options.treatments) {
    assertFinite([treatment.start, treatment.end], `treatment "${treatment.label}" times`);
    if (treatment.end < treatment.start) {
      throw new RangeError(`patientTimelineFigure: treatment "${treatment.label}" ends before it starts`);
    }
  }
  assertFinite(
    options.responses.map((response) => response.time),
    'response times',
  );
  assertFinite(
    (options.events ?? []).map((event) => event.time),
    'event times',
  );
  const points = options.series?.points ?? [];
  assertFinite(
    points.flatMap((point) => [point.time, point.value]),
    'series points',
  );

  const width = options.width ?? 760;
  const domain = timeDomain(options);
  const responseRow = 'Response';
  const rows = [...options.treatments.map((treatment) => treatment.label), responseRow];
  const uniqueRows = [...new Set(rows)];
  const marginLeft = Math.ceil(
    edgePaddingPx +
      Math.max(...uniqueRows.map((row) => estimateTextWidth(row, figureTheme.tickSizePx, false)), 40) +
      10,
  );
  const hasSeries = points.length > 0 && options.series !== undefined;
  const titleHeight = options.title === undefined ? 0 : figureTheme.titleSizePx + 14;
  const laneTop = edgePaddingPx + titleHeight;
  const laneHeight = uniqueRows.length * laneRowHeightPx + 10 + (hasSeries ? 10 : laneAxisHeightPx);
  const seriesTop = laneTop + laneHeight + panelGapPx;
  const height = (hasSeries ? seriesTop + seriesPanelHeightPx : laneTop + laneHeight) + edgePaddingPx;
  const events = options.events ?? [];

  const canvas = createSvgCanvas(width, height, options.ariaLabel ?? options.title ?? 'Patient timeline');
  const { document } = canvas;
  const xScale = { domain, nice: false } as const;
  // One rule mark per event kind so each keeps its own dash pattern and can be found by its description.
  const eventRules = () =>
    (Object.keys(eventStyle) as TimelineEvent['kind'][]).map((kind) =>
      Plot.ruleX(
        events.filter((event) => event.kind === kind),
        {
          x: 'time',
          stroke: eventStyle[kind].colour,
          strokeDasharray: eventStyle[kind].dash,
          strokeWidth: 1.5,
          ariaDescription: `${eventStyle[kind].label.toLowerCase()} marks`,
        },
      ),
    );

  const lane = Plot.plot({
    document,
    className: 'mmreg-timeline',
    width,
    height: laneHeight,
    marginTop: 10,
    marginBottom: hasSeries ? 10 : laneAxisHeightPx,
    marginLeft,
    marginRight: marginRightPx,
    x: hasSeries ? { ...xScale, axis: null } : { ...xScale },
    y: { domain: uniqueRows, padding: 0.25, label: null, tickSize: 0 },
    marks: [
      Plot.frame({ anchor: 'left', stroke: figureTheme.ruleColour }),
      ...(hasSeries
        ? []
        : [
            Plot.axisX({
              tickSize: 5,
              label: options.timeLabel,
              labelAnchor: 'center',
              labelArrow: 'none',
              labelOffset: 32,
              fontSize: figureTheme.tickSizePx,
            }),
          ]),
      Plot.axisY({ tickSize: 0, label: null, fontSize: figureTheme.tickSizePx }),
      Plot.barX(options.treatments, {
        x1: 'start',
        x2: 'end',
        y: 'label',
        fill: (treatment: TimelineTreatment) => paletteColour(treatment.isIndex === true ? 0 : 1),
        fillOpacity: 0.85,
        ariaDescription: 'treatment bars',
      }),
      ...eventRules(),
      Plot.dot(options.responses, {
        x: 'time',
        y: () => responseRow,
        r: 5,
        symbol: 'diamond',
        stroke: figureTheme.textColour,
        fill: (response: TimelineResponse) => (response.isConfirmed ? figureTheme.textColour : '#ffffff'),
        ariaDescription: 'response marks',
      }),
      Plot.text(options.responses, {
        x: 'time',
        y: () => responseRow,
        text: 'category',
        dy: -11,
        fontSize: 10,
        fill: figureTheme.textColour,
        ariaDescription: 'response labels',
      }),
    ],
  });

  if (options.title !== undefined) {
    canvas.text(options.title, {
      x: edgePaddingPx,
      y: edgePaddingPx + figureTheme.titleSizePx - 2,
      'font-size': figureTheme.titleSizePx,
      'font-weight': 'bold',
    });
  }
  canvas.embedPlot(lane, 0, laneTop, 'treatment lane');

  if (hasSeries && options.series !== undefined) {
    const sorted = [...points].sort((a, b) => a.time - b.time);
    const panel = Plot.plot({
      document,
      className: 'mmreg-timeline-series',
      width,
      height: seriesPanelHeightPx,
      marginTop: 8,
      marginBottom: laneAxisHeightPx,
      marginLeft,
      marginRight: marginRightPx,
      x: xScale,
      y: { grid: false, nice: true, zero: true },
      marks: [
        Plot.frame({ anchor: 'left', stroke: figureTheme.textColour }),
        Plot.frame({ anchor: 'bottom', stroke: figureTheme.textColour }),
        Plot.axisX({
          tickSize: 5,
          label: options.timeLabel,
          labelAnchor: 'center',
          labelArrow: 'none',
          labelOffset: 32,
          fontSize: figureTheme.tickSizePx,
        }),
        Plot.axisY({
          ticks: 4,
          tickSize: 4,
          label: options.series.label,
          labelAnchor: 'center',
          labelArrow: 'none',
          fontSize: figureTheme.tickSizePx,
        }),
        ...eventRules(),
        Plot.line(sorted, {
          x: 'time',
          y: 'value',
          stroke: paletteColour(0),
          strokeWidth: 1.8,
          ariaDescription: 'series line',
        }),
        Plot.dot(sorted, { x: 'time', y: 'value', r: 2.5, fill: paletteColour(0), ariaDescription: 'series points' }),
      ],
    });
    canvas.embedPlot(panel, 0, seriesTop, 'laboratory panel');
  }

  if (events.length > 0) {
    const kinds = [...new Set(events.map((event) => event.kind))];
    const legend = canvas.group({ 'data-label': 'event legend', 'font-size': figureTheme.tickSizePx });
    let x = width - marginRightPx;
    for (const kind of [...kinds].reverse()) {
      const label = eventStyle[kind].label;
      const textWidth = estimateTextWidth(label, figureTheme.tickSizePx, false);
      canvas.text(label, { x, y: laneTop - 4, 'text-anchor': 'end' }, legend);
      canvas.shape(
        'line',
        {
          x1: x - textWidth - 22,
          x2: x - textWidth - 6,
          y1: laneTop - 8,
          y2: laneTop - 8,
          stroke: eventStyle[kind].colour,
          'stroke-dasharray': eventStyle[kind].dash,
          'stroke-width': 1.5,
        },
        legend,
      );
      x -= textWidth + 34;
    }
  }
  return canvas.serialise();
}
