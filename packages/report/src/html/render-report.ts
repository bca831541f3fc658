/**
 * The reproduction report as one self-contained HTML page (inline CSS and SVG, no scripts, no
 * network): abstract of key results, Tables 1–3, response, survival with figures, toxicity, the
 * historical comparison, the claim-by-claim check, and a methods section stating every convention.
 */
import { describePrimaryRefractoryConvention, type StudyAnalysis } from '@mmreg/core';
import { formatMedianWithInterval, formatPercent, formatPercentWithInterval, formatPValue } from '../format.ts';
import type { ReportFigure } from '../report-figures.ts';
import type { TableModel } from '../table-model.ts';
import { escapeHtml } from './escape-html.ts';
import { renderTable } from './render-table.ts';
import { reportStyle } from './report-style.ts';

export interface ReportSoftware {
  readonly name: string;
  readonly version: string;
  /** ISO timestamp of generation, or null to omit (golden tests). */
  readonly generatedAt: string | null;
}

export interface ReportContent {
  readonly analysis: StudyAnalysis;
  readonly tables: Readonly<Record<string, TableModel>>;
  readonly figures: readonly ReportFigure[];
  readonly software: ReportSoftware;
}

function renderFigure(figure: ReportFigure): string {
  return `<figure class="chart" id="${escapeHtml(figure.id)}">
${figure.svg}
<figcaption><strong>${escapeHtml(figure.title)}.</strong> ${escapeHtml(figure.caption)}</figcaption>
</figure>`;
}

function table(content: ReportContent, id: string): string {
  const model = content.tables[id];
  return model === undefined ? '' : renderTable(model);
}

function figure(content: ReportContent, id: string): string {
  const found = content.figures.find((entry) => entry.id === id);
  return found === undefined ? '' : renderFigure(found);
}

function renderAbstract(analysis: StudyAnalysis): string {
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
  return `<section class="abstract" aria-label="Key results"><dl>${items
    .map(([term, detail]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(detail)}</dd>`)
    .join('')}</dl></section>`;
}

function renderMethods(content: ReportContent): string {
  const { analysis, software } = content;
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
  const rules = analysis.rules
    .map(
      (rule) =>
        `<li><code>${escapeHtml(rule.id)}</code> ${escapeHtml(rule.title)} — ${escapeHtml(rule.source)} (clinical-spec.md ${escapeHtml(rule.specSection)}, evidence ${escapeHtml(rule.evidence)})</li>`,
    )
    .join('');
  return `<ul class="methods">${methods.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>
<h3>Clinical rules applied</h3><ul class="methods">${rules}</ul>`;
}

export function renderReportHtml(content: ReportContent): string {
  const { analysis, software } = content;
  const generated = software.generatedAt === null ? '' : ` on ${escapeHtml(software.generatedAt)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${software.name} ${software.version}`)}">
<title>${escapeHtml(`Reproduction: ${analysis.study.title}`)}</title>
<style>${reportStyle}</style>
</head>
<body>
<main>
<header class="masthead">
<p class="kicker">mmreg reproduction report · ${escapeHtml(analysis.study.id)}</p>
<h1>${escapeHtml(analysis.study.title)}</h1>
<p class="citation">${escapeHtml(analysis.study.citation)}</p>
<p class="meta">Recomputed from the published patient-level tables by ${escapeHtml(`${software.name} ${software.version}`)}${generated}. All numbers below are derived from the data files; none is copied from the paper.</p>
</header>
${renderAbstract(analysis)}
<h2 id="patients">1. Patients</h2>
${table(content, 'table-1-patients')}
${table(content, 'table-1-summary')}
<h2 id="treatment">2. Treatment and outcome</h2>
${table(content, 'table-2-treatment-outcomes')}
<h2 id="response">3. Response</h2>
${table(content, 'table-response')}
<h2 id="survival">4. Survival</h2>
<div class="figure-grid">
${figure(content, 'figure-1a-all-patients')}
${figure(content, 'figure-1b-primary-pcl')}
${figure(content, 'figure-2a-pfs-by-type')}
${figure(content, 'figure-2b-os-by-type')}
</div>
${table(content, 'table-survival')}
<h2 id="toxicity">5. Toxicity</h2>
${table(content, 'table-toxicity')}
<h2 id="literature">6. Comparison with historical series</h2>
${table(content, 'table-3-literature')}
${figure(content, 'figure-3-forest')}
${table(content, 'table-historical-tests')}
<h2 id="claims">7. Published claims, checked</h2>
${table(content, 'table-claims')}
<h2 id="methods">8. Methods and conventions</h2>
${renderMethods(content)}
<footer>Generated by ${escapeHtml(`${software.name} ${software.version}`)}. Tables are also written as CSV beside this file; the machine-readable results are in results.json.</footer>
</main>
</body>
</html>
`;
}
