/** The literature forest plot as the report draws it (Figure 3), from the results model; drawing only. */
import { forestPlot, formatPercentWithInterval } from '@mmreg/report';
import type { AnalysisResults } from '../../api/dashboard-analysis.ts';

export const forestTitle = 'Response rate: historical series and this study';

export function drawLiteratureForest(results: AnalysisResults): string | null {
  const literature = results.literature;
  if (literature === null) return null;
  const re = literature.randomEffects;
  const orr = results.response.orr;
  return forestPlot({
    title: forestTitle,
    rows: literature.series.map((series, index) => ({
      label: series.label,
      estimate: series.reconstructedRate,
      lower: series.lower,
      upper: series.upper,
      detail: `${series.responders}/${series.patients}`,
      weightPercent: 100 * (re.weights[index] ?? 0),
    })),
    summaries:
      re.estimate !== null && re.lower !== null && re.upper !== null
        ? [
            {
              label: 'Random effects (DL, logit)',
              estimate: re.estimate,
              lower: re.lower,
              upper: re.upper,
              detail: `${literature.totalResponders}/${literature.totalPatients}`,
              ...(re.predictionLower === null || re.predictionUpper === null
                ? {}
                : { predictionLower: re.predictionLower, predictionUpper: re.predictionUpper }),
            },
          ]
        : [],
    highlight: {
      label: 'This study (bortezomib)',
      estimate: orr.estimate,
      lower: orr.lower,
      upper: orr.upper,
      detail: `${results.response.responders}/${results.response.n}`,
    },
    ...(re.estimate === null ? {} : { reference: { value: re.estimate, label: 'pooled' } }),
    xLabel: 'Response rate',
    xDomain: [0, 1],
    percent: true,
  });
}

export function describeLiteratureForest(results: AnalysisResults): string {
  const orr = results.response.orr;
  return `Historical primary-PCL series on standard chemotherapy with exact 95% CIs; diamond: random-effects pooled rate (logit, DerSimonian–Laird), line: 95% prediction interval. Highlighted: this study, ${formatPercentWithInterval(orr.estimate, orr.lower, orr.upper)}.`;
}
