/** Public entry of the report figures (SVG strings from plain data); it must not re-export test helpers or fixtures. */
export { estimateTextWidth } from './estimate-text-width.ts';
export { figureTheme, okabeItoPalette, paletteColour } from './figure-theme.ts';
export type {
  ForestColumnHeaders,
  ForestHighlight,
  ForestPlotOptions,
  ForestRow,
  ForestSummary,
} from './forest-plot.ts';
export { forestPlot } from './forest-plot.ts';
export type {
  AtRiskRow,
  KaplanMeierFigureOptions,
  SurvivalCurveInput,
  SurvivalStep,
} from './kaplan-meier-figure.ts';
export { kaplanMeierFigure } from './kaplan-meier-figure.ts';
export { normaliseSvg } from './normalise-svg.ts';
export { svgToStandaloneFile } from './svg-to-standalone-file.ts';
