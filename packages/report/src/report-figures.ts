/**
 * The report's figures, built from the analysis model: Figure 1A/1B (PFS and OS, all patients and
 * primary PCL, as in the paper), PFS and OS by PCL type with the log-rank p, and the forest plot of
 * the historical series. Every number drawn comes from the analysis; nothing is recomputed here.
 */
import type { EndpointAnalysis, StudyAnalysis, SurvivalGroup } from '@mmreg/core';
import { forestPlot, kaplanMeierFigure, type SurvivalCurveInput } from './figures/index.ts';
import { formatMedianWithInterval, formatNumber, formatPercentWithInterval, formatPValue } from './format.ts';

export interface ReportFigure {
  /** File-safe id, used for `figures/<id>.svg`. */
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
}

function curve(group: SurvivalGroup, label: string): SurvivalCurveInput {
  return {
    label: `${label}: n = ${group.n}, ${group.events} events, median ${formatMedianWithInterval(group.median, group.lower, group.upper)}`,
    steps: group.steps.map((step) => ({ time: step.time, surv: step.surv, lower: step.lower, upper: step.upper })),
    censored: group.censored,
    median: { time: group.median, lower: group.lower, upper: group.upper },
  };
}

function atRiskRow(group: SurvivalGroup, label: string) {
  return { label, counts: group.atRisk };
}

const timeLabel = 'Months from the first month of bortezomib';

function endpointFigure(
  id: string,
  title: string,
  caption: string,
  pfs: SurvivalGroup,
  os: SurvivalGroup,
  times: readonly number[],
): ReportFigure {
  return {
    id,
    title,
    caption,
    svg: kaplanMeierFigure({
      title,
      curves: [curve(pfs, 'PFS'), curve(os, 'OS')],
      timeLabel,
      timeBreaks: times,
      // The time axis stops soon after the last step (a subset's follow-up may be short): the counts follow it.
      atRisk: [atRiskRow(pfs, 'PFS'), atRiskRow(os, 'OS')].map((row) => ({
        ...row,
        counts: row.counts.slice(0, times.length),
      })),
      confidenceBands: false,
      showMedianLines: true,
    }),
  };
}

function byTypeFigure(id: string, analysis: EndpointAnalysis, letter: string): ReportFigure {
  const title = `${letter}. ${analysis.label} by PCL type`;
  return {
    id,
    title,
    caption: `${analysis.label} of primary vs secondary PCL with pointwise 95% confidence bands; log-rank χ² = ${formatNumber(analysis.logRank.chisq, 2)} on ${analysis.logRank.df} df, p = ${formatPValue(analysis.logRank.p)}.`,
    svg: kaplanMeierFigure({
      title,
      curves: [curve(analysis.primary, 'Primary PCL'), curve(analysis.secondary, 'Secondary PCL')],
      timeLabel,
      timeBreaks: analysis.atRiskTimes,
      atRisk: [atRiskRow(analysis.primary, 'Primary'), atRiskRow(analysis.secondary, 'Secondary')],
      confidenceBands: true,
      showMedianLines: true,
      annotation: `Log-rank p = ${formatPValue(analysis.logRank.p)}`,
    }),
  };
}

export function buildReportFigures(analysis: StudyAnalysis): ReportFigure[] {
  const { pfs, os } = analysis.survival;
  const times = pfs.atRiskTimes.filter(
    (time) => time <= Math.max(...pfs.all.steps.map((s) => s.time), ...os.all.steps.map((s) => s.time)) + 3,
  );
  const figures: ReportFigure[] = [
    endpointFigure(
      'figure-1a-all-patients',
      'Figure 1A. PFS and OS, all patients',
      `Kaplan–Meier estimates for all ${pfs.all.n} patients; + marks censored observations; dashed drop lines mark medians that are reached. Legend: median in months with its 95% CI (NR, not reached).`,
      pfs.all,
      os.all,
      times,
    ),
    endpointFigure(
      'figure-1b-primary-pcl',
      'Figure 1B. PFS and OS, primary PCL',
      `Kaplan–Meier estimates for the ${pfs.primary.n} patients with primary PCL; neither median is reached.`,
      pfs.primary,
      os.primary,
      times,
    ),
    byTypeFigure('figure-2a-pfs-by-type', pfs, 'Figure 2A'),
    byTypeFigure('figure-2b-os-by-type', os, 'Figure 2B'),
  ];
  const literature = analysis.literature;
  if (literature !== null) {
    const re = literature.randomEffects.fit;
    const orr = analysis.response.overallResponse;
    figures.push({
      id: 'figure-3-forest',
      title: 'Figure 3. Response rate: historical series and this study',
      caption: `Historical primary-PCL series on standard chemotherapy with exact 95% CIs; diamond: random-effects pooled rate (logit, DerSimonian–Laird), line: 95% prediction interval. Highlighted: this study, ${formatPercentWithInterval(orr.estimate, orr.lower, orr.upper)}.`,
      svg: forestPlot({
        title: 'Figure 3. Response rate: historical series and this study',
        rows: literature.series.map((series, index) => ({
          label: series.label,
          estimate: series.reconstructedRate,
          lower: series.lower,
          upper: series.upper,
          detail: `${series.responders}/${series.patients}`,
          weightPercent: 100 * (re.relativeWeights[index] ?? 0),
        })),
        summaries: [
          {
            label: 'Random effects (DL, logit)',
            estimate: re.proportion.estimate,
            lower: re.proportion.lower,
            upper: re.proportion.upper,
            detail: `${literature.totalResponders}/${literature.totalPatients}`,
            predictionLower: re.proportion.predictionLower,
            predictionUpper: re.proportion.predictionUpper,
          },
        ],
        highlight: {
          label: 'This study (bortezomib)',
          estimate: orr.estimate,
          lower: orr.lower,
          upper: orr.upper,
          detail: `${orr.count}/${orr.n}`,
        },
        reference: { value: re.proportion.estimate, label: 'pooled' },
        xLabel: 'Response rate',
        xDomain: [0, 1],
        percent: true,
      }),
    });
  }
  return figures;
}
