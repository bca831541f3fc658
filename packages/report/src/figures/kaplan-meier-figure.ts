/** Draws a publication-grade Kaplan–Meier figure (curves, censor marks, CI bands, number-at-risk table) as one SVG string; it must not estimate anything or do I/O. */
import * as Plot from '@observablehq/plot';
import { createSvgCanvas } from './create-svg-canvas.ts';
import { estimateTextWidth } from './estimate-text-width.ts';
import { figureTheme, paletteColour } from './figure-theme.ts';
import { niceTimeBreaks } from './nice-time-breaks.ts';
import { plusMarks } from './plus-marks.ts';

export interface SurvivalStep {
  readonly time: number;
  /** Kaplan–Meier estimate just after `time`, as a probability. */
  readonly surv: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface SurvivalCurveInput {
  /** Legend and at-risk row label, e.g. "All patients (n = 12)". */
  readonly label: string;
  /** Product-limit rows in time order, one per distinct time. */
  readonly steps: readonly SurvivalStep[];
  /** Censor marks, drawn as "+" at the curve's height. */
  readonly censored: ReadonlyArray<{ readonly time: number; readonly surv: number }>;
  /** Median survival; `time: null` means not reached. */
  readonly median?: { readonly time: number | null; readonly lower: number | null; readonly upper: number | null };
}

export interface AtRiskRow {
  readonly label: string;
  /** Number at risk at each of `timeBreaks`. */
  readonly counts: readonly number[];
}

export interface KaplanMeierFigureOptions {
  /** e.g. "A. Progression-free survival". */
  readonly title?: string;
  readonly curves: readonly SurvivalCurveInput[];
  /** e.g. "Months from first bortezomib dose". */
  readonly timeLabel: string;
  /** Y-axis label; default "Probability". */
  readonly survivalLabel?: string;
  /** X ticks and at-risk columns, e.g. [0, 3, 6, …, 21]; default: about six round numbers. */
  readonly timeBreaks?: readonly number[];
  /** One row per curve, in the order of `curves` (row i takes curve i's colour); counts at each time break. */
  readonly atRisk?: readonly AtRiskRow[];
  /** Shade the pointwise confidence band from `lower`/`upper` (null bounds are left out). */
  readonly confidenceBands?: boolean;
  /** Dashed line at 0.5 and drop lines at the medians that are reached. */
  readonly showMedianLines?: boolean;
  /** Short text placed in the lower left of the plot area, e.g. "Log-rank p = 0.071". */
  readonly annotation?: string;
  /** Label the y axis 0%–100% instead of 0.00–1.00. */
  readonly percent?: boolean;
  /** Figure width in px; default 720. */
  readonly width?: number;
  /** Whole figure height in px (the survival panel takes what the title, legend and table leave); default: panel of 380 px. */
  readonly height?: number;
}

const edgePaddingPx = 16;
const legendRowHeightPx = 22;
const riskRowHeightPx = 20;
const defaultPanelHeightPx = 380;
const minimumPanelHeightPx = 220;
const panelMarginTopPx = 10;
const panelMarginBottomPx = 48;
const panelMarginRightPx = 28;
const axisInsetPx = 5;

interface CurvePoint {
  readonly time: number;
  readonly surv: number;
}

interface BandPoint {
  readonly time: number;
  readonly lower: number;
  readonly upper: number;
  readonly segment: number;
}

function assertFiniteTimes(curve: SurvivalCurveInput): void {
  for (const row of [...curve.steps, ...curve.censored]) {
    if (!Number.isFinite(row.time) || !Number.isFinite(row.surv)) {
      throw new RangeError(`kaplanMeierFigure: curve "${curve.label}" has a non-finite time or survival value`);
    }
  }
}

function curveEndTime(curve: SurvivalCurveInput): number {
  let end = 0;
  for (const row of curve.steps) end = Math.max(end, row.time);
  for (const row of curve.censored) end = Math.max(end, row.time);
  return end;
}

/** Step-after vertices starting at (0, 1), so an event at time 0 shows as a drop at the y axis. */
function buildCurvePoints(curve: SurvivalCurveInput): CurvePoint[] {
  const first = curve.steps[0];
  const points: CurvePoint[] =
    first !== undefined && first.time === 0 && first.surv === 1 ? [] : [{ time: 0, surv: 1 }];
  for (const step of curve.steps) points.push({ time: step.time, surv: step.surv });
  const last = points[points.length - 1] ?? { time: 0, surv: 1 };
  const end = curveEndTime(curve);
  // The curve runs on to the last follow-up time, even when that time is a censoring.
  if (end > last.time) points.push({ time: end, surv: last.surv });
  return points;
}

/** Explicit step polygons for the band; a row with a null bound breaks the band into a new segment. */
function buildBandPoints(curve: SurvivalCurveInput): BandPoint[] {
  const points: BandPoint[] = [];
  const end = curveEndTime(curve);
  let segment = 0;
  curve.steps.forEach((step, index) => {
    const nextTime = curve.steps[index + 1]?.time ?? end;
    if (step.lower === null || step.upper === null || !Number.isFinite(step.lower) || !Number.isFinite(step.upper)) {
      segment += 1;
      return;
    }
    points.push({ time: step.time, lower: step.lower, upper: step.upper, segment });
    points.push({ time: Math.max(nextTime, step.time), lower: step.lower, upper: step.upper, segment });
  });
  return points;
}

function formatTime(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function formatProbability(value: number, percent: boolean): string {
  return percent ? `${Math.round(value * 100)}%` : value.toFixed(2);
}

interface LegendItem {
  readonly label: string;
  readonly colour: string;
  readonly x: number;
  readonly row: number;
}

function layOutLegend(labels: readonly string[], left: number, right: number): LegendItem[] {
  const items: LegendItem[] = [];
  let x = left;
  let row = 0;
  labels.forEach((label, index) => {
    const itemWidth = 28 + estimateTextWidth(label, figureTheme.labelSizePx) + 22;
    if (x > left && x + itemWidth > right) {
      row += 1;
      x = left;
    }
    items.push({ label, colour: paletteColour(index), x, row });
    x += itemWidth;
  });
  return items;
}

/**
 * Renders Kaplan–Meier curves as a complete `<svg xmlns=…>` string: step curves from (0, 1), "+" censor marks,
 * optional confidence bands and median lines, a legend, and the number-at-risk table aligned under the x ticks.
 * Throws a RangeError when there is no curve, a time is not finite, or at-risk counts do not match the time breaks.
 * Example: `kaplanMeierFigure({ curves: [pfs], timeLabel: 'Months', timeBreaks: [0, 6, 12], atRisk: [{ label: 'All', counts: [12, 9, 2] }] })`.
 */
export function kaplanMeierFigure(options: KaplanMeierFigureOptions): string {
  const { curves, timeLabel, atRisk = [], title } = options;
  if (curves.length === 0) throw new RangeError('kaplanMeierFigure: at least one curve is required');
  for (const curve of curves) assertFiniteTimes(curve);

  const isPercent = options.percent ?? false;
  const width = options.width ?? 720;
  const maxTime = Math.max(...curves.map(curveEndTime));
  const timeBreaks = options.timeBreaks ?? niceTimeBreaks(maxTime);
  if (atRisk.length > 0 && options.timeBreaks === undefined) {
    throw new RangeError('kaplanMeierFigure: atRisk needs the timeBreaks its counts were taken at');
  }
  for (const row of atRisk) {
    if (row.counts.length !== timeBreaks.length) {
      throw new RangeError(
        `kaplanMeierFigure: at-risk row "${row.label}" has ${row.counts.length} counts for ${timeBreaks.length} time breaks`,
      );
    }
  }
  const xMax = Math.max(maxTime, ...timeBreaks);
  const xDomain: [number, number] = [0, xMax > 0 ? xMax : 1];

  // Left margin: room for the y tick labels and axis title, or for the at-risk row labels when they are wider.
  const riskLabelWidth = Math.max(0, ...atRisk.map((row) => estimateTextWidth(row.label, figureTheme.tableSizePx)));
  const marginLeft = Math.ceil(Math.max(edgePaddingPx + 58, edgePaddingPx + riskLabelWidth + 14));
  const marginRight = panelMarginRightPx;

  // Vertical layout, top to bottom: title, legend, survival panel, at-risk table.
  let y = edgePaddingPx;
  const titleBaseline = y + figureTheme.titleSizePx - 2;
  if (title !== undefined) y += figureTheme.titleSizePx + 12;
  const legendItems = layOutLegend(
    curves.map((curve) => curve.label),
    marginLeft,
    width - marginRight,
  );
  const legendTop = y;
  y += (Math.max(0, ...legendItems.map((item) => item.row)) + 1) * legendRowHeightPx + 4;
  const panelTop = y;
  const riskBlockHeight = atRisk.length > 0 ? 24 + atRisk.length * riskRowHeightPx : 0;
  const fixedHeight = panelTop + riskBlockHeight + edgePaddingPx;
  const panelHeight =
    options.height === undefined
      ? defaultPanelHeightPx
      : Math.max(minimumPanelHeightPx, Math.round(options.height - fixedHeight));
  const height = fixedHeight + panelHeight;

  const canvas = createSvgCanvas(width, height, title ?? 'Kaplan–Meier curves');
  const { document } = canvas;
  const xScale = { domain: xDomain, insetLeft: axisInsetPx, insetRight: axisInsetPx } as const;
  const probabilityTicks = [0, 0.25, 0.5, 0.75, 1];

  const bandMarks =
    (options.confidenceBands ?? false)
      ? curves.map((curve, index) =>
          Plot.areaY(buildBandPoints(curve), {
            x: 'time',
            y1: 'lower',
            y2: 'upper',
            z: 'segment',
            curve: 'linear',
            fill: paletteColour(index),
            fillOpacity: 0.14,
            ariaDescription: 'confidence band',
          }),
        )
      : [];

  const reachedMedians = curves
    .map((curve) => curve.median?.time ?? null)
    .filter((time): time is number => time !== null && Number.isFinite(time));
  const medianMarks =
    (options.showMedianLines ?? false)
      ? [
          Plot.ruleY([0.5], {
            x1: 0,
            x2: reachedMedians.length > 0 ? Math.max(...reachedMedians) : xDomain[1],
            stroke: figureTheme.mutedColour,
            strokeWidth: 1,
            strokeDasharray: '4,3',
            ariaDescription: 'median line',
          }),
          Plot.ruleX(reachedMedians, {
            x: (time: number) => time,
            y1: 0,
            y2: 0.5,
            stroke: figureTheme.mutedColour,
            strokeWidth: 1,
            strokeDasharray: '4,3',
            ariaDescription: 'median drop line',
          }),
        ]
      : [];

  const curveMarks = curves.map((curve, index) =>
    Plot.line(buildCurvePoints(curve), {
      x: 'time',
      y: 'surv',
      curve: 'step-after',
      stroke: paletteColour(index),
      strokeWidth: 2,
      ariaDescription: 'survival curve',
    }),
  );
  // One path per curve for all its censor marks: a large registry has thousands of them.
  const censorMarks = curves.map((curve, index) =>
    plusMarks(curve.censored, {
      stroke: paletteColour(index),
      strokeWidth: 1.5,
      radiusPx: 4,
      description: 'censor marks',
    }),
  );

  const panel = Plot.plot({
    document,
    className: 'mmreg-km',
    width,
    height: panelHeight,
    marginTop: panelMarginTopPx,
    marginRight,
    marginBottom: panelMarginBottomPx,
    marginLeft,
    x: xScale,
    y: { domain: [0, 1], insetTop: axisInsetPx, insetBottom: axisInsetPx },
    marks: [
      Plot.frame({ anchor: 'left', stroke: figureTheme.textColour }),
      Plot.frame({ anchor: 'bottom', stroke: figureTheme.textColour }),
      Plot.axisX({
        ticks: [...timeBreaks],
        tickFormat: formatTime,
        tickSize: 5,
        label: timeLabel,
        labelAnchor: 'center',
        labelArrow: 'none',
        labelOffset: 38,
        fontSize: figureTheme.tickSizePx,
      }),
      Plot.axisY({
        ticks: probabilityTicks,
        tickFormat: (value: number) => formatProbability(value, isPercent),
        tickSize: 5,
        label: options.survivalLabel ?? 'Probability',
        labelAnchor: 'center',
        labelArrow: 'none',
        labelOffset: 48,
        fontSize: figureTheme.tickSizePx,
      }),
      ...bandMarks,
      ...medianMarks,
      ...curveMarks,
      ...censorMarks,
    ],
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
  for (const item of legendItems) {
    const centreY = legendTop + item.row * legendRowHeightPx + legendRowHeightPx / 2;
    canvas.shape(
      'line',
      { x1: item.x, x2: item.x + 22, y1: centreY, y2: centreY, stroke: item.colour, 'stroke-width': 2.5 },
      legend,
    );
    canvas.text(item.label, { x: item.x + 28, y: centreY, dy: '0.35em' }, legend);
  }

  canvas.embedPlot(panel, 0, panelTop, 'survival panel');

  if (options.annotation !== undefined) {
    // Lower left of the plot area, on a white box so a median drop line or a band never runs through the words.
    const textWidth = estimateTextWidth(options.annotation, figureTheme.labelSizePx);
    const boxLeft = marginLeft + axisInsetPx + 6;
    const boxBottom = panelTop + panelHeight - panelMarginBottomPx - axisInsetPx - 4;
    const boxHeight = figureTheme.labelSizePx + 8;
    const note = canvas.group({ 'data-label': 'annotation' });
    canvas.shape(
      'rect',
      { x: boxLeft, y: boxBottom - boxHeight, width: Math.ceil(textWidth + 12), height: boxHeight, fill: '#ffffff' },
      note,
    );
    canvas.text(
      options.annotation,
      { x: boxLeft + 6, y: boxBottom - boxHeight / 2, dy: '0.35em', 'font-size': figureTheme.labelSizePx },
      note,
    );
  }

  if (atRisk.length > 0) {
    const tableTop = panelTop + panelHeight + 4;
    canvas.text('Number at risk', {
      x: edgePaddingPx,
      y: tableTop + 12,
      'font-size': figureTheme.tableSizePx,
      'font-weight': 'bold',
      'data-label': 'at-risk title',
    });
    const rowIndexed = atRisk.map((row, rowIndex) => ({ row, rowIndex }));
    const table = Plot.plot({
      document,
      className: 'mmreg-km-risk',
      width,
      height: atRisk.length * riskRowHeightPx,
      marginTop: 0,
      marginBottom: 0,
      marginRight,
      marginLeft,
      x: { ...xScale, axis: null },
      y: { domain: [-0.5, atRisk.length - 0.5], reverse: true, axis: null },
      marks: [
        ...rowIndexed.map(({ row, rowIndex }) =>
          Plot.text(
            row.counts.map((count, breakIndex) => ({ time: timeBreaks[breakIndex] ?? 0, count })),
            {
              x: 'time',
              y: () => rowIndex,
              text: (cell: { readonly count: number }) => String(cell.count),
              fontSize: figureTheme.tableSizePx,
              fontVariant: 'tabular-nums',
              fill: figureTheme.textColour,
              ariaDescription: 'at-risk counts',
            },
          ),
        ),
        Plot.text(rowIndexed, {
          y: 'rowIndex',
          text: (entry: { readonly row: AtRiskRow }) => entry.row.label,
          frameAnchor: 'left',
          textAnchor: 'end',
          dx: -12,
          fontSize: figureTheme.tableSizePx,
          fill: (entry: { readonly rowIndex: number }) => paletteColour(entry.rowIndex),
          ariaDescription: 'at-risk labels',
        }),
      ],
      color: { type: 'identity' },
    });
    canvas.embedPlot(table, 0, tableTop + 24, 'at-risk table');
  }

  return canvas.serialise();
}
