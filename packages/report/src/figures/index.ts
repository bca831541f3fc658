/** Public entry of the report figures (SVG strings from plain data); it must not re-export test helpers or fixtures. */

// The web app's bundle resolves `@mmreg/report` to this file (apps/web/vite.config.ts): it also needs the
// report's number formats so the dashboard prints the report's numbers exactly (pure, no I/O).
export * from '../format.ts';
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
export type {
  PatientTimelineOptions,
  TimelineEvent,
  TimelineResponse,
  TimelineSeries,
  TimelineTreatment,
} from './patient-timeline-figure.ts';
export { patientTimelineFigure } from './patient-timeline-figure.ts';
export { svgToStandaloneFile } from './svg-to-standalone-file.ts';
export type { SwimmerEventKind, SwimmerLane, SwimmerPlotOptions } from './swimmer-plot.ts';
export { swimmerPlot } from './swimmer-plot.ts';
