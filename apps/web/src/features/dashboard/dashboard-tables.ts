/**
 * The dashboard's tables as plain rows of text, from the results model with the report's own number
 * formats (packages/report/src/format.ts) and row rules (its response, toxicity, literature and claims
 * tables), so a cell reads as the same cell of the report. Formatting only: nothing is computed here
 * except counts per centre and the share of complete forms.
 */
import { responseCategoryNames, toxicityCategoryLabels } from '@mmreg/core';
import {
  formatCompact,
  formatCount,
  formatNumber,
  formatPercent,
  formatPercentWithInterval,
  formatPValue,
} from '@mmreg/report';
import type { AnalysedPatient, AnalysisCenter, AnalysisResults, StudyAnalysis } from '../../api/dashboard-analysis.ts';

export interface TextRow {
  readonly key: string;
  readonly cells: readonly string[];
  readonly emphasis?: 'strong' | 'muted' | 'warning';
}

export interface TextTable {
  readonly caption: string;
  readonly columns: readonly string[];
  /** Columns holding numbers (right-aligned). */
  readonly numericColumns: readonly number[];
  readonly rows: readonly TextRow[];
  readonly notes: readonly string[];
}

const responseOrder = ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE'] as const;

function interval(lower: number, upper: number): string {
  return `${formatNumber(100 * lower)}–${formatNumber(100 * upper)}%`;
}

/** The report's response table: categories present (and always CR, VGPR, PR), rates with exact CIs, subgroup Fisher tests. */
export function buildResponseRows(results: AnalysisResults): TextTable {
  const { response } = results;
  const rows: TextRow[] = responseOrder
    .filter((category) => (response.counts[category] ?? 0) > 0 || ['CR', 'VGPR', 'PR'].includes(category))
    .map((category) => {
      const count = response.counts[category] ?? 0;
      return {
        key: category,
        cells: [
          `${category} (${responseCategoryNames[category]})`,
          `${count}/${response.n}`,
          formatPercent(count / response.n),
          '',
        ],
      };
    });
  const rate = (
    key: string,
    label: string,
    count: number,
    estimate: { estimate: number; lower: number; upper: number },
  ): TextRow => ({
    key,
    cells: [
      label,
      `${count}/${response.n}`,
      formatPercent(estimate.estimate),
      interval(estimate.lower, estimate.upper),
    ],
    emphasis: 'strong',
  });
  rows.push(rate('orr', 'Overall response (≥ PR)', response.responders, response.orr));
  rows.push(rate('vgpr', 'VGPR or better', response.vgprOrBetter.count, response.vgprOrBetter));
  rows.push(rate('cr', 'CR or better', response.crOrBetter.count, response.crOrBetter));
  for (const subgroup of response.subgroups) {
    rows.push({
      key: `subgroup-${subgroup.key}`,
      cells: [
        `${subgroup.label}: ${subgroup.groups.map((group) => `${group.label} ${group.responders}/${group.n}`).join(' vs ')}${subgroup.unknown > 0 ? ` (${subgroup.unknown} unknown)` : ''}`,
        '',
        '',
        `Fisher p = ${formatPValue(subgroup.fisherP)}`,
      ],
      emphasis: 'muted',
    });
  }
  return {
    caption: 'Response to bortezomib (IMWG uniform criteria)',
    columns: ['Response', 'n/N', '%', `Exact ${Math.round(100 * response.confLevel)}% CI`],
    numericColumns: [1, 2],
    rows,
    notes: [
      'All treated patients are the denominator. Confidence intervals are Clopper–Pearson (exact binomial).',
      'Subgroup rows compare the overall response rate with Fisher’s exact test (two-sided).',
    ],
  };
}

/** The report's toxicity table: patients by worst grade per category. */
export function buildToxicityRows(results: AnalysisResults): TextTable {
  const n = results.study.patients;
  return {
    caption: `Toxicity by worst CTCAE grade, n = ${n}`,
    columns: ['Category', 'Grade 1', 'Grade 2', 'Grade 3', 'Grade 4', 'Any grade, n (%)', 'Grade 3–4, n (%)'],
    numericColumns: [1, 2, 3, 4, 5, 6],
    rows: results.toxicity.map((category) => ({
      key: category.category,
      cells: [
        toxicityCategoryLabels[category.category],
        String(category.byGrade[1] ?? 0),
        String(category.byGrade[2] ?? 0),
        String(category.byGrade[3] ?? 0),
        String(category.byGrade[4] ?? 0),
        formatCount(category.anyGrade, n),
        formatCount(category.grade3to4, n),
      ],
    })),
    notes: ['Each patient counted once per category at the worst grade.'],
  };
}

/** The report's literature table (Table 3): series, pooled rates and this study's response. */
export function buildLiteratureRows(results: AnalysisResults): TextTable | null {
  const literature = results.literature;
  if (literature === null) return null;
  const weights = literature.randomEffects.weights;
  const rows: TextRow[] = literature.series.map((series, index) => ({
    key: `series-${index}`,
    cells: [
      series.label,
      String(series.patients),
      `${formatCompact(series.printedRatePercent)}%${series.isPrintedRateAttainable ? '' : ' †'}`,
      `${series.responders}/${series.patients}`,
      formatPercent(weights[index] ?? null),
      formatCompact(series.medianOverallSurvivalMonths),
    ],
  }));
  const summary = (key: string, label: string, rate: string, responders = '', os = ''): TextRow => ({
    key,
    cells: [label, String(literature.totalPatients), rate, responders, '', os],
    emphasis: 'strong',
  });
  rows.push(
    summary(
      'unweighted',
      'Unweighted mean of rates',
      formatPercent(literature.unweightedMean),
      '',
      `${formatCompact(literature.medianOverallSurvival.medianOfMedians)} (median)`,
    ),
    summary(
      'weighted',
      'Patient-weighted mean',
      formatPercent(literature.weightedMean),
      '',
      formatNumber(literature.medianOverallSurvival.patientWeightedMean, 1),
    ),
    summary(
      'pooled-counts',
      'Pooled counts (exact CI)',
      formatPercentWithInterval(
        literature.pooledCounts.estimate,
        literature.pooledCounts.lower,
        literature.pooledCounts.upper,
      ),
      `${literature.totalResponders}/${literature.totalPatients}`,
    ),
  );
  for (const [index, fit] of [literature.randomEffects, ...literature.sensitivity].entries()) {
    const rate =
      fit.estimate === null || fit.lower === null || fit.upper === null
        ? '—'
        : formatPercentWithInterval(fit.estimate, fit.lower, fit.upper);
    rows.push({
      ...summary(
        `fit-${index}`,
        `Random effects, ${fit.measure === 'logit' ? 'logit' : 'double arcsine'}, ${fit.tau2Method}`,
        rate,
      ),
      emphasis: index === 0 ? 'strong' : 'muted',
    });
  }
  const orr = results.response.orr;
  rows.push({
    key: 'this-study',
    cells: [
      'This study (bortezomib)',
      String(results.response.n),
      formatPercentWithInterval(orr.estimate, orr.lower, orr.upper),
      `${results.response.responders}/${results.response.n}`,
      '',
      '',
    ],
    emphasis: 'warning',
  });
  const re = literature.randomEffects;
  const versus = literature.studyVersusHistorical;
  const unattainable = literature.series.filter((series) => !series.isPrintedRateAttainable);
  return {
    caption: 'Response rate and overall survival in historical series of primary PCL on standard chemotherapy',
    columns: ['Series', 'Patients', 'Response rate', 'Responders', 'RE weight', 'Median OS, mo'],
    numericColumns: [1, 3, 4, 5],
    rows,
    notes: [
      'Responders reconstructed as round(patients × printed rate), R rounding. RE, random effects (metafor rma, DerSimonian–Laird on the logit scale unless stated; REML and Freeman–Tukey double arcsine as sensitivity).',
      `Heterogeneity (logit, DL): Q = ${formatNumber(re.q, 2)} on ${re.qDf} df (p = ${formatPValue(re.qP)}), τ² = ${formatNumber(re.tau2, 4)}, I² = ${formatPercent(re.i2)}; 95% prediction interval ${formatPercent(re.predictionLower)}–${formatPercent(re.predictionUpper)}.`,
      `This study vs history: exact binomial test of ${versus.responders}/${versus.n} ${versus.binomialTests.map((test) => `against ${formatPercent(test.rate)} (${test.label}) p = ${formatPValue(test.pValue)}`).join('; ')}; Fisher’s exact test against the pooled ${literature.totalResponders}/${literature.totalPatients}: p = ${formatPValue(versus.fisher.pValue)}, conditional MLE odds ratio ${formatNumber(versus.fisher.oddsRatio, 1)} (95% CI ${formatNumber(versus.fisher.lower, 2)}–${formatNumber(versus.fisher.upper, 0)}).`,
      ...(unattainable.length > 0
        ? [
            `† No whole number of responders out of the patients prints as this rate (${unattainable.map((series) => `${series.label}: ${series.printedRatePercent}% of ${series.patients}`).join('; ')}); the nearest count is used.`,
          ]
        : []),
      'Historical series are not randomised controls: differences in selection, era, criteria and line of therapy make any comparison descriptive.',
    ],
  };
}

const verdictLabels = {
  reproduced: 'Reproduced',
  discrepant: 'Discrepant',
  'not-verifiable': 'Not verifiable',
} as const;

export function buildClaimRows(results: AnalysisResults): TextTable {
  const counts = { reproduced: 0, discrepant: 0, 'not-verifiable': 0 };
  for (const claim of results.claims) counts[claim.verdict] += 1;
  return {
    caption: `Published claims checked against the data: ${results.claims.length} claims, ${counts.reproduced} reproduced, ${counts.discrepant} discrepant, ${counts['not-verifiable']} not verifiable.`,
    columns: ['Claim', 'Reported', 'Computed from the data', 'Verdict', 'Reason'],
    numericColumns: [],
    rows: results.claims.map((claim) => ({
      key: claim.id,
      cells: [claim.claim, claim.reported, claim.computed, verdictLabels[claim.verdict], claim.explanation],
      ...(claim.verdict === 'discrepant'
        ? { emphasis: 'warning' as const }
        : claim.verdict === 'not-verifiable'
          ? { emphasis: 'muted' as const }
          : {}),
    })),
    notes: ['A claim is reproduced when every number it states is what the data give at the printed precision.'],
  };
}

function completeShare(forms: AnalysisCenter['forms']): string {
  const total = forms.complete + forms.unverified + forms.incomplete;
  return total === 0 ? '—' : formatPercent(forms.complete / total);
}

/** Enrolment and form completeness per centre, with a total row. */
export function buildEnrolmentRows(analysis: StudyAnalysis, patients: readonly AnalysedPatient[]): TextTable {
  const analysed = new Map<number, number>();
  for (const patient of patients) analysed.set(patient.centerId, (analysed.get(patient.centerId) ?? 0) + 1);
  const notAnalysed = new Map<string, number>();
  for (const entry of analysis.notAssessed)
    notAnalysed.set(entry.centerCode, (notAnalysed.get(entry.centerCode) ?? 0) + 1);
  const row = (
    key: string,
    label: string,
    center: Pick<AnalysisCenter, 'patients' | 'forms'>,
    done: number,
    pending: number,
  ): TextRow => ({
    key,
    cells: [
      label,
      String(center.patients),
      String(done),
      String(pending),
      String(center.forms.complete),
      String(center.forms.unverified),
      String(center.forms.incomplete),
      completeShare(center.forms),
    ],
  });
  const rows = analysis.scope.centers.map((center) =>
    row(
      String(center.id),
      `${center.name} (${center.code}), ${center.city}`,
      center,
      analysed.get(center.id) ?? 0,
      notAnalysed.get(center.code) ?? 0,
    ),
  );
  const total = analysis.scope.centers.reduce(
    (sum, center) => ({
      patients: sum.patients + center.patients,
      forms: {
        complete: sum.forms.complete + center.forms.complete,
        unverified: sum.forms.unverified + center.forms.unverified,
        incomplete: sum.forms.incomplete + center.forms.incomplete,
      },
    }),
    { patients: 0, forms: { complete: 0, unverified: 0, incomplete: 0 } },
  );
  rows.push({
    ...row('total', 'All centres', total, patients.length, analysis.notAssessed.length),
    emphasis: 'strong',
  });
  return {
    caption: 'Enrolment and form completeness per centre',
    columns: [
      'Centre',
      'Registered',
      'Analysed',
      'Not analysed',
      'Forms complete',
      'Unverified',
      'Incomplete',
      'Complete',
    ],
    numericColumns: [1, 2, 3, 4, 5, 6, 7],
    rows,
    notes: [
      'Forms: every patient’s enrolment form and each row of the repeating forms (therapies, courses, doses, labs, adverse events, follow-up).',
      'Not analysed: registered patients the analysis could not take yet (reasons below).',
    ],
  };
}
