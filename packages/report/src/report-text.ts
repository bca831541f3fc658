/**
 * The report's prose, shared by every format that prints it (HTML, DOCX): the key results as
 * term/detail pairs and the methods as sentences, built from the analysis. Formatting only.
 */
import { describePrimaryRefractoryConvention, type StudyAnalysis } from '@mmreg/core';
import { formatMedianWithInterval, formatPercent, formatPercentWithInterval, formatPValue } from './format.ts';

/** Who made the report: printed in the methods and the provenance of every format. */
export interface ReportSoftware {
  readonly name: string;
  readonly version: string;
  /** ISO timestamp of generation, or null to omit (golden tests). */
  readonly generatedAt: string | null;
}

/** The abstract: [term, detail] pairs (patients, response, medians, comparisons, claims). */
export function describeKeyResults(analysis: StudyAnalysis): Array<[string, string]> {
  const { response, survival, literature, claims } = analysis;
  const orr = response.overallResponse;
  const counts = { reproduced: 0, discrepant: 0, 'not-verifiable': 0 };
  for (const claim of claims) counts[claim.verdict] += 1;
  const items: Array<[string, string]> = [
    [
      'Patients',
      `${analysis.study.patients} (${analysis.characteristics.rows.filter((row) => row.pclType === 'primary').length} primary, ${analysis.characteristics.rows.filter((row) => row.pclType === 'secondary').length} secondary PCL)`,
    ],
    [
      'Overall response',
      `${orr.count}/${orr.n}, ${formatPercentWithInterval(orr.estimate, orr.lower, orr.upper)} exact 95% CI`,
    ],
    [
      'Median PFS',
      `${formatMedianWithInterval(survival.pfs.all.median, survival.pfs.all.lower, survival.pfs.all.upper)} months`,
    ],
    [
      'Median OS',
      `${formatMedianWithInterval(survival.os.all.median, survival.os.all.lower, survival.os.all.upper)} months`,
    ],
    [
      'Primary vs secondary',
      `log-rank p = ${formatPValue(survival.pfs.logRank.p)} (PFS), ${formatPValue(survival.os.logRank.p)} (OS)`,
    ],
  ];
  if (literature !== null) {
    const pooled = literature.randomEffects.fit.proportion;
    items.push([
      'Historical series',
      `pooled response ${formatPercentWithInterval(pooled.estimate, pooled.lower, pooled.upper)} in ${literature.totalPatients} patients (random effects); unweighted mean of the printed rates ${formatPercent(literature.unweightedMeanRate)}`,
    ]);
  }
  items.push([
    'Published claims',
    `${claims.length} checked: ${counts.reproduced} reproduced, ${counts.discrepant} discrepant, ${counts['not-verifiable']} not verifiable`,
  ]);
  return items;
}

/** The methods and conventions, one sentence group per item, in the order the report prints them. */
export function describeMethods(analysis: StudyAnalysis, software: ReportSoftware): string[] {
  const c = analysis.conventions;
  const confPercent = Math.round(100 * c.confLevel);
  const methods = [
    `Data: ${analysis.study.provenance.join(' ')}`,
    `Time origin: the first month of bortezomib (times are whole months as published; clinical-spec.md §0). PFS events are progression or death; patients without progression are censored at their last assessment; OS events are deaths from any cause, the living censored at last follow-up (§8).`,
    `Primary-refractory patient without a progression time (§8.1): ${describePrimaryRefractoryConvention(c.primaryRefractoryPfs)} (mid-point of the first month, the interval in which the first evaluation found progression). Sensitivity analyses: ${c.primaryRefractoryPfsSensitivity.map(describePrimaryRefractoryConvention).join('; ')}.`,
    `Kaplan–Meier estimates with Greenwood variance; pointwise ${confPercent}% confidence intervals on the ${c.kaplanMeierConfidenceType} scale (R survival's default), the upper limit capped at 1. Tied times merged as R's timefix does. Median survival and its CI by the print.survfit rule: the first time the curve (or the lower/upper band) is at or below 0.5, with the mid-point rule when the curve sits exactly on 0.5; "NR" when not reached.`,
    `Primary vs secondary PCL compared with the log-rank test (survdiff, ρ = 0); p from the χ² statistic without continuity correction.`,
    `Response by the IMWG uniform criteria as reported by the investigators; all treated patients form the denominator; exact Clopper–Pearson ${confPercent}% intervals. Subgroups compared with two-sided Fisher exact tests.`,
    `Historical series: responders reconstructed as round(n × printed rate) with R's rounding; random-effects meta-analysis of proportions on the logit scale with DerSimonian–Laird τ² and Wald-type ${confPercent}% CI, back-transformed (metafor rma, measure PLO, method DL); I² by metafor's τ²-based definition. Sensitivity: REML τ² and the Freeman–Tukey double-arcsine transformation (back-transformed with the harmonic mean of n). The study's response count is compared with fixed historical rates by the exact binomial test (R's two-sided definition) and with the pooled counts by Fisher's exact test (conditional MLE odds ratio).`,
    `Toxicity: worst CTCAE v3.0 grade per patient and category as published; a grade printed as a range counts at its upper end.`,
    `Claims: each quantitative statement is recomputed from the rows and compared at the printed precision; an explanation gives what the data show when they differ.`,
    `Software: ${software.name} ${software.version}; statistics validated against R 4.2.2, survival 3.5-3 and metafor 3.8-1 (golden files in the repository, tolerances of the statistics reference §8).`,
  ];
  return methods;
}
