/** Draws a swimmer plot (one lane per patient: a bar for the time on study, marks for response, progression, death and censoring) as one SVG string; it must not derive any time or event, or do I/O. */
import * as Plot from '@observablehq/plot';
import { createSvgCanvas, type SvgCanvas } from './create-svg-canvas.ts';
import { estimateTextWidth } from './estimate-text-width.ts';
import { figureTheme } from './figure-theme.ts';
import { niceTimeBreaks } from './nice-time-breaks.ts';

export type SwimmerEventKind = 'response' | 'progression' | 'death' | 'censored';

export interface SwimmerLane {
  /** Lane label, e.g. the patient code. */
  readonly label: string;
  /** Time on study (bar length), in the caller's unit. */
  readonly time: number;
  /** Index into `groups` (bar colour); default 0. */
  readonly group?: number;
  /** Marks on the lane, e.g. first response at 1.2, progression at 8.4, death at 11. */
  readonly events: ReadonlyArray<{ readonly time: number; readonly kind: SwimmerEventKind }>;
}

export interface SwimmerPlotOptions {
  readonly title?: string;
  /** Drawn top to bottom in this order (sort them first, e.g. by time on study). */
  readonly lanes: readonly SwimmerLane[];
  /** e.g. "Months from the first month of bortezomib". */
  readonly timeLabel: string;
  /** Bar colour legend, e.g. ["Primary PCL", "Secondary PCL"]; default one unnamed group. */
  readonly groups?: readonly string[];
  /** X ticks; default about six round numbers. */
  readonly timeBreaks?: readonly number[];
  /** Lane height in px; default 16 up to 60 lanes, then shrinking so the panel stays near 960 px (lane labels are left out below 10 px). */
  readonly laneHeight?: number;
  /** Figure width in px; default 720. */
  readonly width?: number;
}

/** Colour-blind-safe bar fills (Okabe–Ito blue, sky blue, reddish purple, black); marks use other hues. */
const groupColours = ['#0072B2', '#56B4E9', '#CC79A7', '#000000'] as const;

interface MarkStyle {
  readonly kind: SwimmerEventKind;
  readonly label: string;
  readonly symbol: 'triangle' | 'square' | 'times' | 'plus';
  readonly colour: string;
  readonly isFilled: boolean;
}

/** Shape and colour both differ, so the marks read in grey scale and for colour-blind readers. */
const markStyles: readonly MarkStyle[] = [
  { kind: 'response', label: 'First response (≥ PR)', symbol: 'triangle', colour: '#009E73', isFilled: true },
  { kind: 'progression', label: 'Progression', symbol: 'square', colour: '#D55E00', isFilled: true },
  { kind: 'death', label: 'Death', symbol: 'times', colour: '#1a1a1a', isFilled: false },
  { kind: 'censored', label: 'Alive at last contact (censored)', symbol: 'plus', colour: '#1a1a1a', isFilled: false },
];

const edgePaddingPx = 16;
const legendRowHeightPx = 22;
const marginBottomPx = 48;
const marginRightPx = 28;
const targetPanelHeightPx = 960;
const labelledLaneMinimumPx = 10;

function groupColour(index: number): string {
  return groupColours[index % groupColours.length] ?? '#0072B2';
}

function assertLanes(lanes: readonly SwimmerLane[]): void {
  if (lanes.length === 0) throw new RangeError('swimmerPlot: at least one lane is required');
  const labels = new Set<string>();
  for (const lane of lanes) {
    if (!(Number.isFinite(lane.time) && lane.time >= 0)) {
      throw new RangeError(`swimmerPlot: lane "${lane.label}" needs a finite time ≥ 0`);
    }
    if (labels.has(lane.label)) throw new RangeError(`swimmerPlot: lane label "${lane.label}" is not unique`);
    labels.add(lane.label);
    for (const event of lane.events) {
      if (!Number.isFinite(event.time)) throw new RangeError(`swimmerPlot: lane "${lane.label}" has a non-finite mark`);
    }
  }
}

/** One sentence per figure for screen readers: what is drawn and how many of each mark. */
function describe(options: SwimmerPlotOptions): string {
  const counts = markStyles.map(
    (style) =>
      `${options.lanes.reduce((sum, lane) => sum + lane.events.filter((event) => event.kind === style.kind).length, 0)} ${style.label.toLowerCase()}`,
  );
  const title = options.title === undefined ? 'Swimmer plot' : options.title;
  return `${title}: ${options.lanes.length} patients, one lane each, bar length = time on study (${options.timeLabel.toLowerCase()}); marks: ${counts.join(', ')}.`;
}

/** Draws a legend symbol by hand, matching the Plot symbol's shape. */
function legendSymbol(canvas: SvgCanvas, style: MarkStyle, x: number, y: number, parent: Element): void {
  const r = 5;
  const stroke = { stroke: style.colour, 'stroke-width': 1.5, fill: style.isFilled ? style.colour : 'none' };
  switch (style.symbol) {
    case 'triangle':
      canvas.shape('path', { d: `M${x},${y - r}L${x + r},${y + r * 0.8}L${x - r},${y + r * 0.8}Z`, ...stroke }, parent);
      break;
    case 'square':
      canvas.shape('rect', { x: x - r * 0.8, y: y - r * 0.8, width: r * 1.6, height: r * 1.6, ...stroke }, parent);
      break;
    case 'times':
      canvas.shape(
        'path',
        { d: `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`, ...stroke },
        parent,
      );
      break;
    case 'plus':
      canvas.shape('path', { d: `M${x - r},${y}L${x + r},${y}M${x},${y - r}L${x},${y + r}`, ...stroke }, parent);
      break;
    default: {
      const unreachable: never = style.symbol;
      throw new Error(`unknown symbol ${String(unreachable)}`);
    }
  }
}

interface LegendItem {
  readonly width: number;
  readonly draw: (x: number, y: number, parent: Element) => void;
}

/**
 * Renders a swimmer plot as a complete `<svg xmlns=…>` string with `role="img"` and an `aria-label`
 * summarising the lanes and marks. Throws a RangeError when there is no lane, a time is not finite or
 * negative, or two lanes share a label.
 * Example: `swimmerPlot({ lanes: [{ label: 'P01', time: 11, events: [{ time: 2, kind: 'response' }, { time: 11, kind: 'death' }] }], timeLabel: 'Months' })`.
 */
export function swimmerPlot(options: SwimmerPlotOptions): string {
  const { lanes, title } = options;
  assertLanes(lanes);
  const width = options.width ?? 720;
  const groups = options.groups ?? [];
  const laneHeight =
    options.laneHeight ?? (lanes.length <= 60 ? 16 : Math.max(0.1, Math.min(16, targetPanelHeightPx / lanes.length)));
  const showLaneLabels = laneHeight >= labelledLaneMinimumPx;
  let maxTime = 0;
  for (const lane of lanes) {
    maxTime = Math.max(maxTime, lane.time);
    for (const event of lane.events) maxTime = Math.max(maxTime, event.time);
  }
  const timeBreaks = options.timeBreaks ?? niceTimeBreaks(maxTime);
  const xDomain: [number, number] = [0, Math.max(maxTime, ...timeBreaks, 1e-9)];

  const labelWidth = showLaneLabels
    ? Math.max(...lanes.map((lane) => estimateTextWidth(lane.label, figureTheme.tickSizePx)))
    : 0;
  const marginLeft = Math.ceil(edgePaddingPx + Math.max(40, labelWidth + 14));

  const legendItems: LegendItem[] = [
    ...groups.map(
      (label, index): LegendItem => ({
        width: 22 + estimateTextWidth(label, figureTheme.labelSizePx) + 22,
        draw: (x, y, parent) => {
          canvas.shape(
            'rect',
            { x, y: y - 6, width: 16, height: 12, fill: groupColour(index), 'fill-opacity': 0.55 },
            parent,
          );
          canvas.text(label, { x: x + 22, y, dy: '0.35em' }, parent);
        },
      }),
    ),
    ...markStyles.map(
      (style): LegendItem => ({
        width: 20 + estimateTextWidth(style.label, figureTheme.labelSizePx) + 22,
        draw: (x, y, parent) => {
          legendSymbol(canvas, style, x + 6, y, parent);
          canvas.text(style.label, { x: x + 20, y, dy: '0.35em' }, parent);
        },
      }),
    ),
  ];
  const placed: Array<{ readonly item: LegendItem; readonly x: number; readonly row: number }> = [];
  let legendX = edgePaddingPx;
  let legendRow = 0;
  for (const item of legendItems) {
    if (legendX > edgePaddingPx && legendX + item.width > width - marginRightPx) {
      legendRow += 1;
      legendX = edgePaddingPx;
    }
    placed.push({ item, x: legendX, row: legendRow });
    legendX += item.width;
  }

  let y = edgePaddingPx;
  const titleBaseline = y + figureTheme.titleSizePx - 2;
  if (title !== undefined) y += figureTheme.titleSizePx + 12;
  const legendTop = y;
  y += (legendRow + 1) * legendRowHeightPx + 6;
  const panelTop = y;
  const panelHeight = Math.ceil(lanes.length * laneHeight) + 8 + marginBottomPx;
  const height = panelTop + panelHeight + edgePaddingPx;

  const canvas = createSvgCanvas(width, height, describe(options));
  const laneIndexed = lanes.map((lane, index) => ({ lane, index }));
  const marks = markStyles.map((style) => {
    const points: Array<{ readonly time: number; readonly index: number }> = [];
    for (const { lane, index } of laneIndexed) {
      for (const event of lane.events) if (event.kind === style.kind) points.push({ time: event.time, index });
    }
    return Plot.dot(points, {
      x: 'time',
      y: 'index',
      symbol: style.symbol,
      r: Math.max(1.5, Math.min(4.5, laneHeight * 0.32)),
      stroke: style.colour,
      fill: style.isFilled ? style.colour : 'none',
      strokeWidth: 1.25,
      ariaDescription: `${style.kind} marks`,
    });
  });
  const panel = Plot.plot({
    document: canvas.document,
    className: 'mmreg-swimmer',
    width,
    height: panelHeight,
    marginTop: 4,
    marginRight: marginRightPx,
    marginBottom: marginBottomPx,
    marginLeft,
    x: { domain: xDomain, insetLeft: 0, insetRight: 5 },
    y: { domain: [-0.5, lanes.length - 0.5], reverse: true, axis: null },
    marks: [
      Plot.rectX(laneIndexed, {
        x1: 0,
        x2: (entry: { readonly lane: SwimmerLane }) => entry.lane.time,
        y1: (entry: { readonly index: number }) => entry.index - (showLaneLabels ? 0.32 : 0.5),
        y2: (entry: { readonly index: number }) => entry.index + (showLaneLabels ? 0.32 : 0.5),
        fill: (entry: { readonly lane: SwimmerLane }) => groupColour(entry.lane.group ?? 0),
        fillOpacity: 0.55,
        ariaDescription: 'time on study',
      }),
      ...(showLaneLabels
        ? [
            Plot.text(laneIndexed, {
              y: 'index',
              text: (entry: { readonly lane: SwimmerLane }) => entry.lane.label,
              frameAnchor: 'left',
              textAnchor: 'end',
              dx: -8,
              fontSize: figureTheme.tickSizePx,
              fill: figureTheme.textColour,
              ariaDescription: 'lane labels',
            }),
          ]
        : []),
      Plot.frame({ anchor: 'bottom', stroke: figureTheme.textColour }),
      Plot.axisX({
        ticks: [...timeBreaks],
        tickFormat: (value: number) => String(Math.round(value * 1000) / 1000),
        tickSize: 5,
        label: options.timeLabel,
        labelAnchor: 'center',
        labelArrow: 'none',
        labelOffset: 38,
        fontSize: figureTheme.tickSizePx,
      }),
      ...marks,
    ],
    color: { type: 'identity' },
  });

  if (title !== undefined) {
    canvas.text(title, {
      x: edgePaddingPx,
      y: titleBaseline,
      'font-size': figureTheme.titleSizePx,
      'font-weight': 'bold',
    });
  }
  const legend = canvas.group({ 'data-label': 'legend', 'font-size': figureTheme.labelSizePx });
  for (const { item, x, row } of placed) {
    item.draw(x, legendTop + row * legendRowHeightPx + legendRowHeightPx / 2, legend);
  }
  canvas.embedPlot(panel, 0, panelTop, 'swimmer lanes');
  return canvas.serialise();
}
