/** Draws a publication-grade forest plot (studies, pooled diamonds, prediction intervals, a highlighted result) as one SVG string; it must not pool, weight or otherwise compute statistics, or do I/O. */
import * as Plot from '@observablehq/plot';
import { createSvgCanvas } from './create-svg-canvas.ts';
import { estimateTextWidth } from './estimate-text-width.ts';
import { figureTheme } from './figure-theme.ts';

export interface ForestRow {
  /** e.g. "Noel & Kyle 1987". */
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Free text for the detail column, e.g. "12/25". */
  readonly detail?: string;
  /** Share of the pooled weight in percent; sizes the square. */
  readonly weightPercent?: number;
}

export interface ForestSummary {
  /** e.g. "Random-effects model". */
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly detail?: string;
  readonly predictionLower?: number;
  readonly predictionUpper?: number;
}

export interface ForestHighlight {
  /** e.g. "Musto 2007 (bortezomib)". */
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly detail?: string;
}

export interface ForestColumnHeaders {
  /** Default "Study". */
  readonly label?: string;
  /** Default none, e.g. "Responders/N". */
  readonly detail?: string;
  /** Default "<xLabel> (95% CI)". */
  readonly estimate?: string;
  /** Default "Weight". */
  readonly weight?: string;
}

export interface ForestPlotOptions {
  readonly title?: string;
  readonly rows: readonly ForestRow[];
  /** Pooled estimates, drawn as diamonds; a prediction interval adds a thin-line row under its diamond. */
  readonly summaries: readonly ForestSummary[];
  /** A result drawn distinctly below the pooled rows, e.g. the study being compared with the literature. */
  readonly highlight?: ForestHighlight;
  /** Vertical dashed line, e.g. a null value or a historical benchmark. */
  readonly reference?: { readonly value: number; readonly label?: string };
  /** e.g. "Response rate". */
  readonly xLabel: string;
  /** Default [0, 1]; intervals reaching past it end in an arrow. */
  readonly xDomain?: readonly [number, number];
  /** Tick labels and estimate texts as percentages. */
  readonly percent?: boolean;
  readonly columnHeaders?: ForestColumnHeaders;
  /** Figure width in px; default 860. */
  readonly width?: number;
}

type RowKind = 'study' | 'summary' | 'prediction' | 'highlight';

interface LaidOutRow {
  readonly kind: RowKind;
  readonly y: number;
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly detail: string;
  readonly estimateText: string;
  readonly weightText: string;
  readonly weightPercent: number | null;
}

const edgePaddingPx = 16;
const rowHeightPx = 24;
const headerHeightPx = 34;
const axisHeightPx = 50;
const columnGapPx = 18;
const maximumSquareRadiusPx = 7;
const diamondHalfHeight = 0.34; // in row units
const groupGap = 0.7; // in row units, between studies, pooled rows and the highlighted row
const bottomPadding = 0.3; // in row units, between the last row and the axis

function formatNumber(value: number, isPercent: boolean): string {
  return isPercent ? (value * 100).toFixed(1) : value.toFixed(2);
}

function formatEstimate(estimate: number, lower: number, upper: number, isPercent: boolean): string {
  const point = `${formatNumber(estimate, isPercent)}${isPercent ? '%' : ''}`;
  return `${point} (${formatNumber(lower, isPercent)}–${formatNumber(upper, isPercent)})`;
}

function assertInterval(row: {
  readonly label: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}) {
  const values = [row.estimate, row.lower, row.upper];
  if (!values.every(Number.isFinite) || row.lower > row.estimate || row.estimate > row.upper) {
    throw new RangeError(`forestPlot: row "${row.label}" needs finite values with lower ≤ estimate ≤ upper`);
  }
}

function layOutRows(options: ForestPlotOptions, isPercent: boolean): LaidOutRow[] {
  const laidOut: LaidOutRow[] = [];
  let y = 0;
  for (const row of options.rows) {
    assertInterval(row);
    laidOut.push({
      kind: 'study',
      y,
      label: row.label,
      estimate: row.estimate,
      lower: row.lower,
      upper: row.upper,
      detail: row.detail ?? '',
      estimateText: formatEstimate(row.estimate, row.lower, row.upper, isPercent),
      weightText: row.weightPercent === undefined ? '' : `${row.weightPercent.toFixed(1)}%`,
      weightPercent: row.weightPercent ?? null,
    });
    y += 1;
  }
  const hasWeights = options.rows.some((row) => row.weightPercent !== undefined);
  if (options.summaries.length > 0 && laidOut.length > 0) y += groupGap;
  for (const summary of options.summaries) {
    assertInterval(summary);
    laidOut.push({
      kind: 'summary',
      y,
      label: summary.label,
      estimate: summary.estimate,
      lower: summary.lower,
      upper: summary.upper,
      detail: summary.detail ?? '',
      estimateText: formatEstimate(summary.estimate, summary.lower, summary.upper, isPercent),
      weightText: hasWeights ? '100.0%' : '',
      weightPercent: null,
    });
    y += 1;
    const { predictionLower, predictionUpper } = summary;
    if (predictionLower !== undefined && predictionUpper !== undefined) {
      laidOut.push({
        kind: 'prediction',
        y,
        label: 'Prediction interval',
        estimate: summary.estimate,
        lower: predictionLower,
        upper: predictionUpper,
        detail: '',
        estimateText: `(${formatNumber(predictionLower, isPercent)}–${formatNumber(predictionUpper, isPercent)})`,
        weightText: '',
        weightPercent: null,
      });
      y += 1;
    }
  }
  const { highlight } = options;
  if (highlight !== undefined) {
    assertInterval(highlight);
    if (laidOut.length > 0) y += groupGap;
    laidOut.push({
      kind: 'highlight',
      y,
      label: highlight.label,
      estimate: highlight.estimate,
      lower: highlight.lower,
      upper: highlight.upper,
      detail: highlight.detail ?? '',
      estimateText: formatEstimate(highlight.estimate, highlight.lower, highlight.upper, isPercent),
      weightText: '',
      weightPercent: null,
    });
  }
  return laidOut;
}

function isBold(kind: RowKind): boolean {
  return kind === 'summary' || kind === 'highlight';
}

function columnWidth(texts: readonly string[], header: string): number {
  const widths = texts.map((text) => estimateTextWidth(text, figureTheme.tableSizePx, true));
  return Math.ceil(Math.max(estimateTextWidth(header, figureTheme.tableSizePx, true), ...widths));
}

function rowColour(kind: RowKind): string {
  if (kind === 'highlight') return figureTheme.highlightColour;
  if (kind === 'prediction') return figureTheme.mutedColour;
  return figureTheme.textColour;
}

/**
 * Renders a forest plot as a complete `<svg xmlns=…>` string: a label column on the left, one square (area ∝ weight)
 * and CI whisker per study, pooled diamonds with optional prediction-interval rows, an optional highlighted result,
 * a dashed reference line, and detail / estimate (95% CI) / weight columns on the right.
 * Throws a RangeError when a row is not finite or its interval does not contain its estimate.
 * Example: `forestPlot({ rows, summaries: [pooled], xLabel: 'Response rate', percent: true })`.
 */
export function forestPlot(options: ForestPlotOptions): string {
  const isPercent = options.percent ?? false;
  const [domainStart, domainEnd] = options.xDomain ?? [0, 1];
  if (!(domainStart < domainEnd)) throw new RangeError('forestPlot: xDomain must be increasing');
  const rows = layOutRows(options, isPercent);
  if (rows.length === 0) throw new RangeError('forestPlot: at least one row, summary or highlight is required');

  const width = options.width ?? 860;
  const headers = {
    label: options.columnHeaders?.label ?? 'Study',
    detail: options.columnHeaders?.detail ?? '',
    estimate: options.columnHeaders?.estimate ?? `${options.xLabel} (95% CI)`,
    weight: options.columnHeaders?.weight ?? 'Weight',
  };
  const hasWeights = rows.some((row) => row.weightText !== '');
  const hasDetails = rows.some((row) => row.detail !== '') || headers.detail !== '';

  // Columns: labels | plot | detail | estimate (95% CI) | weight; numbers are right-aligned.
  const labelWidth = Math.max(
    estimateTextWidth(headers.label, figureTheme.tableSizePx, true),
    ...rows.map((row) => estimateTextWidth(row.label, figureTheme.tableSizePx, isBold(row.kind))),
  );
  const detailWidth = hasDetails
    ? columnWidth(
        rows.map((row) => row.detail),
        headers.detail,
      )
    : 0;
  const estimateWidth = columnWidth(
    rows.map((row) => row.estimateText),
    headers.estimate,
  );
  const weightWidth = hasWeights
    ? columnWidth(
        rows.map((row) => row.weightText),
        headers.weight,
      )
    : 0;
  const marginLeft = Math.ceil(edgePaddingPx + labelWidth + columnGapPx);
  const detailOffset = hasDetails ? columnGapPx + detailWidth : 0;
  const estimateOffset = detailOffset + columnGapPx + estimateWidth;
  const weightOffset = hasWeights ? estimateOffset + columnGapPx + weightWidth : estimateOffset;
  const marginRight = Math.ceil(weightOffset + edgePaddingPx);
  const plotWidth = width - marginLeft - marginRight;
  if (plotWidth < 120) throw new RangeError(`forestPlot: width ${width} leaves only ${plotWidth} px for the plot`);

  const lastY = Math.max(...rows.map((row) => row.y));
  const panelHeight = Math.round((lastY + 1 + bottomPadding) * rowHeightPx + axisHeightPx);
  const titleHeight = options.title === undefined ? 0 : figureTheme.titleSizePx + 14;
  const headerTop = edgePaddingPx + titleHeight;
  const panelTop = headerTop + headerHeightPx;
  const height = panelTop + panelHeight + edgePaddingPx;

  const canvas = createSvgCanvas(width, height, options.title ?? `Forest plot: ${options.xLabel}`);
  const { document } = canvas;
  const clamp = (value: number) => Math.min(domainEnd, Math.max(domainStart, value));
  const studies = rows.filter((row) => row.kind === 'study');
  const summaries = rows.filter((row) => row.kind === 'summary');
  const predictions = rows.filter((row) => row.kind === 'prediction');
  const highlights = rows.filter((row) => row.kind === 'highlight');
  const whiskerRows = rows.filter((row) => row.kind === 'study' || row.kind === 'highlight');
  const maxWeight = Math.max(0, ...studies.map((row) => row.weightPercent ?? 0));
  // Square area is proportional to weight (radius ∝ √weight), as in RevMan and R meta; unweighted rows get a fixed size.
  const squareRadius = (row: LaidOutRow) =>
    row.weightPercent === null || maxWeight === 0
      ? 4
      : Math.max(2.5, maximumSquareRadiusPx * Math.sqrt(row.weightPercent / maxWeight));
  const diamonds = summaries.flatMap((row, index) =>
    [
      [row.lower, row.y],
      [row.estimate, row.y - diamondHalfHeight],
      [row.upper, row.y],
      [row.estimate, row.y + diamondHalfHeight],
      [row.lower, row.y],
    ].map(([x = 0, y = 0]) => ({ x: clamp(x), y, diamond: index })),
  );
  const overflowArrows = whiskerRows.flatMap((row) => [
    ...(row.lower < domainStart ? [{ row, from: clamp(row.estimate), to: domainStart }] : []),
    ...(row.upper > domainEnd ? [{ row, from: clamp(row.estimate), to: domainEnd }] : []),
  ]);
  // Plot's fontWeight is one value per mark, so bold (pooled, highlighted) and regular rows are separate marks.
  const boldRows = rows.filter((row) => isBold(row.kind));
  const regularRows = rows.filter((row) => !isBold(row.kind));
  const textColumn = (
    text: (row: LaidOutRow) => string,
    placement: { readonly frameAnchor: 'left' | 'right'; readonly textAnchor: 'start' | 'end'; readonly dx: number },
    description: string,
  ) =>
    [regularRows, boldRows].map((subset, index) =>
      Plot.text(subset, {
        y: 'y',
        text,
        ...placement,
        fill: (row: LaidOutRow) => rowColour(row.kind),
        fontWeight: index === 1 ? 'bold' : 'normal',
        fontSize: figureTheme.tableSizePx,
        fontVariant: 'tabular-nums',
        ariaDescription: description,
      }),
    );
  const rightColumn = (columnOffset: number, text: (row: LaidOutRow) => string, description: string) =>
    textColumn(text, { frameAnchor: 'right', textAnchor: 'end', dx: columnOffset }, description);

  const referenceMarks =
    options.reference === undefined
      ? []
      : [
          Plot.ruleX([options.reference.value], {
            x: (value: number) => value,
            y1: -0.5,
            y2: lastY + 0.5,
            stroke: figureTheme.mutedColour,
            strokeDasharray: '4,3',
            ariaDescription: 'reference line',
          }),
        ];

  const panel = Plot.plot({
    document,
    className: 'mmreg-forest',
    width,
    height: panelHeight,
    marginTop: 0,
    marginBottom: axisHeightPx,
    marginLeft,
    marginRight,
    x: { domain: [domainStart, domainEnd] },
    y: { domain: [-0.5, lastY + 0.5 + bottomPadding], reverse: true, axis: null },
    color: { type: 'identity' },
    r: { type: 'identity' },
    marks: [
      Plot.frame({ anchor: 'bottom', stroke: figureTheme.textColour }),
      Plot.axisX({
        ticks: Math.max(3, Math.floor(plotWidth / 70)),
        // Without percent, Plot's default format gives ticks one shared precision (0.0, 0.2, … 1.0).
        ...(isPercent ? { tickFormat: (value: number) => `${Math.round(value * 100)}%` } : {}),
        tickSize: 5,
        label: options.xLabel,
        labelAnchor: 'center',
        labelArrow: 'none',
        labelOffset: 40,
        fontSize: figureTheme.tickSizePx,
      }),
      ...referenceMarks,
      Plot.ruleY(whiskerRows, {
        y: 'y',
        x1: (row: LaidOutRow) => clamp(row.lower),
        x2: (row: LaidOutRow) => clamp(row.upper),
        stroke: (row: LaidOutRow) => rowColour(row.kind),
        strokeWidth: 1.4,
        ariaDescription: 'confidence intervals',
      }),
      Plot.arrow(overflowArrows, {
        x1: 'from',
        x2: 'to',
        y1: (arrow: { readonly row: LaidOutRow }) => arrow.row.y,
        y2: (arrow: { readonly row: LaidOutRow }) => arrow.row.y,
        stroke: (arrow: { readonly row: LaidOutRow }) => rowColour(arrow.row.kind),
        strokeWidth: 1.4,
        headLength: 7,
        ariaDescription: 'interval continues beyond the axis',
      }),
      Plot.dot(studies, {
        x: (row: LaidOutRow) => clamp(row.estimate),
        y: 'y',
        r: squareRadius,
        symbol: 'square',
        fill: figureTheme.textColour,
        ariaDescription: 'study estimates',
      }),
      Plot.ruleY(predictions, {
        y: 'y',
        x1: (row: LaidOutRow) => clamp(row.lower),
        x2: (row: LaidOutRow) => clamp(row.upper),
        stroke: figureTheme.mutedColour,
        strokeWidth: 1.2,
        ariaDescription: 'prediction intervals',
      }),
      Plot.ruleX(
        predictions.flatMap((row) => [
          { x: clamp(row.lower), y: row.y },
          { x: clamp(row.upper), y: row.y },
        ]),
        {
          x: 'x',
          y1: (cap: { readonly y: number }) => cap.y - 0.18,
          y2: (cap: { readonly y: number }) => cap.y + 0.18,
          stroke: figureTheme.mutedColour,
          strokeWidth: 1.2,
          ariaDescription: 'prediction interval ends',
        },
      ),
      Plot.line(diamonds, {
        x: 'x',
        y: 'y',
        z: 'diamond',
        curve: 'linear',
        fill: figureTheme.summaryColour,
        stroke: figureTheme.summaryColour,
        strokeWidth: 1,
        strokeLinejoin: 'miter',
        ariaDescription: 'pooled diamonds',
      }),
      Plot.dot(highlights, {
        x: (row: LaidOutRow) => clamp(row.estimate),
        y: 'y',
        r: 5,
        symbol: 'circle',
        fill: figureTheme.highlightColour,
        ariaDescription: 'highlighted estimate',
      }),
      ...textColumn(
        (row) => row.label,
        { frameAnchor: 'left', textAnchor: 'start', dx: edgePaddingPx - marginLeft },
        'row labels',
      ),
      ...(hasDetails ? rightColumn(detailOffset, (row) => row.detail, 'detail column') : []),
      ...rightColumn(estimateOffset, (row) => row.estimateText, 'estimate column'),
      ...(hasWeights ? rightColumn(weightOffset, (row) => row.weightText, 'weight column') : []),
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

  const frameRight = width - marginRight;
  const headerBaseline = headerTop + headerHeightPx - 14;
  const header = canvas.group({
    'data-label': 'column headers',
    'font-size': figureTheme.tableSizePx,
    'font-weight': 'bold',
  });
  canvas.text(headers.label, { x: edgePaddingPx, y: headerBaseline }, header);
  if (hasDetails)
    canvas.text(headers.detail, { x: frameRight + detailOffset, y: headerBaseline, 'text-anchor': 'end' }, header);
  canvas.text(headers.estimate, { x: frameRight + estimateOffset, y: headerBaseline, 'text-anchor': 'end' }, header);
  if (hasWeights)
    canvas.text(headers.weight, { x: frameRight + weightOffset, y: headerBaseline, 'text-anchor': 'end' }, header);
  const { reference } = options;
  if (reference?.label !== undefined) {
    const referenceX = Number(panel.scale('x')?.apply(reference.value) ?? marginLeft);
    canvas.text(
      reference.label,
      {
        x: referenceX,
        y: headerBaseline,
        'text-anchor': 'middle',
        'font-weight': 'normal',
        fill: figureTheme.mutedColour,
      },
      header,
    );
  }
  canvas.shape('line', {
    x1: edgePaddingPx,
    x2: width - edgePaddingPx,
    y1: headerTop + headerHeightPx - 6,
    y2: headerTop + headerHeightPx - 6,
    stroke: figureTheme.ruleColour,
    'data-label': 'header rule',
  });

  canvas.embedPlot(panel, 0, panelTop, 'forest panel');
  return canvas.serialise();
}
