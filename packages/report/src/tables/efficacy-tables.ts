/** Response summary, survival summary, Table 3 (historical series and pooling) and the claims check. */
import {
  type ClaimCheck,
  describePrimaryRefractoryConvention,
  type EndpointAnalysis,
  type LiteratureComparison,
  type ResponseSummary,
  responseCategoryNames,
  type StudyAnalysis,
} from '@mmreg/core';
import {
  formatCompact,
  formatMedianWithInterval,
  formatNumber,
  formatPercent,
  formatPercentWithInterval,
  formatPValue,
} from '../format.ts';
import { cellValues, type TableModel, type TableRow } from '../table-model.ts';

export function buildResponseTable(response: ResponseSummary): TableModel {
  const rows: TableRow[] = (['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE'] as const)
    .filter((category) => response.counts[category] > 0 || ['CR', 'VGPR', 'PR'].includes(category))
    .map((category) => ({
      cells: {
        measure: `${category} (${responseCategoryNames[category]})`,
        count: `${response.counts[category]}/${response.n}`,
        estimate: formatPercent(response.counts[category] / response.n),
        interval: '',
      },
      values: cellValues({ estimate: response.counts[category] / response.n }),
    }));
  const rate = (label: string, estimate: ResponseSummary['overallResponse']): TableRow => ({
    cells: {
      measure: label,
      count: `${estimate.count}/${estimate.n}`,
      estimate: formatPercent(estimate.estimate),
      interval: `${formatNumber(100 * estimate.lower)}–${formatNumber(100 * estimate.upper)}%`,
    },
    values: cellValues({ estimate: estimate.estimate }),
    emphasis: 'strong',
  });
  rows.push(rate('Overall response (≥ PR)', response.overallResponse));
  rows.push(rate('VGPR or better', response.vgprOrBetter));
  rows.push(rate('CR or better', response.completeResponseOrBetter));
  for (const subgroup of response.subgroups) {
    rows.push({
      cells: {
        measure: `${subgroup.label}: ${subgroup.groups.map((group) => `${group.label} ${group.responders}/${group.n}`).join(' vs ')}${subgroup.unknown > 0 ? ` (${subgroup.unknown} unknown)` : ''}`,
        count: '',
        estimate: '',
        interval: `Fisher p = ${formatPValue(subgroup.fisherP)}`,
      },
      emphasis: 'muted',
    });
  }
  return {
    id: 'table-response',
    title: 'Response to bortezomib (IMWG uniform criteria)',
    columns: [
      { key: 'measure', label: 'Response' },
      { key: 'count', label: 'n/N', align: 'right' },
      { key: 'estimate', label: '%', align: 'right' },
      { key: 'interval', label: `Exact ${Math.round(100 * response.overallResponse.confLevel)}% CI` },
    ],
    rows,
    notes: [
      'All treated patients are the denominator. Confidence intervals are Clopper–Pearson (exact binomial).',
      'Subgroup rows compare the overall response rate with Fisher’s exact test (two-sided).',
    ],
  };
}

function survivalRows(analysis: EndpointAnalysis, label: string): TableRow[] {
  return (['all', 'primary', 'secondary'] as const).map((key) => {
    const group = analysis[key];
    return {
      cells: {
        endpoint: key === 'all' ? label : '',
        group: group.label,
        n: String(group.n),
        events: String(group.events),
        median: formatMedianWithInterval(group.median, group.lower, group.upper),
        test:
          key === 'primary'
            ? `χ² = ${formatNumber(analysis.logRank.chisq, 2)}, df = ${analysis.logRank.df}, p = ${formatPValue(analysis.logRank.p)}`
            : '',
      },
      values: cellValues({ n: group.n, events: group.events }),
      emphasis: key === 'all' ? 'strong' : undefined,
    } as TableRow;
  });
}

export function buildSurvivalTable(analysis: StudyAnalysis): TableModel {
  const { survival, conventions } = analysis;
  const rows = [...survivalRows(survival.pfs, 'PFS'), ...survivalRows(survival.os, 'OS')];
  for (const sensitivity of survival.pfsSensitivity) {
    const convention = sensitivity.convention;
    const label = convention === null ? 'PFS' : `PFS, ${describePrimaryRefractoryConvention(convention)}`;
    rows.push(...survivalRows(sensitivity, label).map((row) => ({ ...row, emphasis: 'muted' as const })));
  }
  return {
    id: 'table-survival',
    title: 'Progression-free and overall survival (Kaplan–Meier)',
    columns: [
      { key: 'endpoint', label: 'Endpoint' },
      { key: 'group', label: 'Group' },
      { key: 'n', label: 'n', align: 'right' },
      { key: 'events', label: 'Events', align: 'right' },
      { key: 'median', label: `Median, mo (${Math.round(conventions.confLevel * 100)}% CI)` },
      { key: 'test', label: 'Log-rank, primary vs secondary' },
    ],
    rows,
    notes: [
      `Times in months from the first month of bortezomib. Medians and CIs by R's print.survfit rule from ${conventions.kaplanMeierConfidenceType}-transformed Greenwood intervals; NR, not reached.`,
      `Primary analysis: ${describePrimaryRefractoryConvention(conventions.primaryRefractoryPfs)}. Muted rows repeat PFS under the alternatives.`,
    ],
  };
}

export function buildLiteratureTable(literature: LiteratureComparison, study: ResponseSummary): TableModel {
  const re = literature.randomEffects.fit;
  const rows: TableRow[] = literature.series.map((series, index) => ({
    cells: {
      series: series.label,
      patients: String(series.patients),
      rate: `${formatCompact(series.printedRatePercent)}%${series.isPrintedRateAttainable ? '' : ' †'}`,
      responders: `${series.responders}/${series.patients}`,
      weight: formatPercent(re.relativeWeights[index] ?? null),
      os: formatCompact(series.medianOverallSurvivalMonths),
    },
    values: cellValues({
      patients: series.patients,
      weight: re.relativeWeights[index] ?? null,
      os: series.medianOverallSurvivalMonths,
    }),
  }));
  const summary = (label: string, rate: string, responders = '', os = ''): TableRow => ({
    cells: { series: label, patients: String(literature.totalPatients), rate, responders, weight: '', os },
    values: cellValues({ patients: literature.totalPatients }),
    emphasis: 'strong',
  });
  rows.push(
    summary(
      'Unweighted mean of rates',
      formatPercent(literature.unweightedMeanRate),
      '',
      `${formatCompact(literature.medianOverallSurvival.medianOfMedians)} (median)`,
    ),
  );
  rows.push(
    summary(
      'Patient-weighted mean',
      formatPercent(literature.patientWeightedMeanRate),
      '',
      formatNumber(literature.medianOverallSurvival.patientWeightedMean, 1),
    ),
  );
  rows.push(
    summary(
      'Pooled counts (exact CI)',
      formatPercentWithInterval(
        literature.pooledCounts.estimate,
        literature.pooledCounts.lower,
        literature.pooledCounts.upper,
      ),
      `${literature.totalResponders}/${literature.totalPatients}`,
    ),
  );
  for (const fit of [literature.randomEffects, ...literature.sensitivity]) {
    const p = fit.fit.proportion;
    rows.push({
      ...summary(
        `Random effects, ${fit.measure === 'logit' ? 'logit' : 'double arcsine'}, ${fit.tau2Method}`,
        formatPercentWithInterval(p.estimate, p.lower, p.upper),
      ),
      emphasis: fit === literature.randomEffects ? 'strong' : 'muted',
    });
  }
  const orr = study.overallResponse;
  rows.push({
    cells: {
      series: 'This study (bortezomib)',
      patients: String(orr.n),
      rate: formatPercentWithInterval(orr.estimate, orr.lower, orr.upper),
      responders: `${orr.count}/${orr.n}`,
      weight: '',
      os: '',
    },
    values: cellValues({ patients: orr.n }),
    emphasis: 'warning',
  });
  const het = re.heterogeneity;
  const versus = literature.studyVersusHistorical;
  const unattainable = literature.series.filter((series) => !series.isPrintedRateAttainable);
  return {
    id: 'table-3-literature',
    title: 'Table 3. Response rate and overall survival in historical series of primary PCL on standard chemotherapy',
    columns: [
      { key: 'series', label: 'Series' },
      { key: 'patients', label: 'Patients', align: 'right' },
      { key: 'rate', label: 'Response rate' },
      { key: 'responders', label: 'Responders', align: 'right' },
      { key: 'weight', label: 'RE weight', align: 'right' },
      { key: 'os', label: 'Median OS, mo', align: 'right' },
    ],
    rows,
    notes: [
      'Responders reconstructed as round(patients × printed rate), R rounding. RE, random effects (metafor rma, DerSimonian–Laird on the logit scale unless stated; REML and Freeman–Tukey double arcsine as sensitivity).',
      `Heterogeneity (logit, DL): Q = ${formatNumber(het.q, 2)} on ${het.qDf} df (p = ${formatPValue(het.qP)}), τ² = ${formatNumber(het.tau2, 4)}, I² = ${formatPercent(het.i2)}; 95% prediction interval ${formatPercent(re.proportion.predictionLower)}–${formatPercent(re.proportion.predictionUpper)}.`,
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

export function buildHistoricalTestsTable(literature: LiteratureComparison): TableModel {
  const versus = literature.studyVersusHistorical;
  const rows: TableRow[] = versus.binomialTests.map((test) => ({
    cells: {
      test: `Exact binomial test, ${versus.responders}/${versus.n} against ${formatPercent(test.rate)} (${test.label})`,
      estimate: formatPercent(versus.responders / versus.n),
      p: formatPValue(test.pValue),
    },
    values: cellValues({ p: test.pValue }),
  }));
  rows.push({
    cells: {
      test: `Fisher’s exact test, ${versus.responders}/${versus.n} vs pooled historical ${literature.totalResponders}/${literature.totalPatients}`,
      estimate: `OR ${formatNumber(versus.fisher.oddsRatio, 1)} (${formatNumber(versus.fisher.lower, 2)}–${formatNumber(versus.fisher.upper, 0)})`,
      p: formatPValue(versus.fisher.pValue),
    },
    values: cellValues({ p: versus.fisher.pValue }),
  });
  return {
    id: 'table-historical-tests',
    title: 'This study against the historical series',
    columns: [
      { key: 'test', label: 'Comparison' },
      { key: 'estimate', label: 'Estimate (95% CI)' },
      { key: 'p', label: 'Two-sided p', align: 'right' },
    ],
    rows,
    notes: [
      'Binomial p-values by R’s binom.test definition (sum of outcomes no more likely than the observed one). Odds ratio: conditional maximum likelihood estimate with its exact CI, as R’s fisher.test.',
      'The historical rate is treated as known in the binomial tests; Fisher’s test treats the reconstructed historical counts as a second sample. Neither corrects for differences between the populations.',
    ],
  };
}

export function buildClaimsTable(claims: readonly ClaimCheck[]): TableModel {
  const counts = { reproduced: 0, discrepant: 0, 'not-verifiable': 0 };
  for (const claim of claims) counts[claim.verdict] += 1;
  return {
    id: 'table-claims',
    title: 'Published claims checked against the data',
    caption: `${claims.length} claims: ${counts.reproduced} reproduced, ${counts.discrepant} discrepant, ${counts['not-verifiable']} not verifiable.`,
    columns: [
      { key: 'id', label: 'Id' },
      { key: 'where', label: 'Section' },
      { key: 'claim', label: 'Claim' },
      { key: 'reported', label: 'Reported' },
      { key: 'computed', label: 'Computed from the data' },
      { key: 'verdict', label: 'Verdict' },
      { key: 'explanation', label: 'Explanation' },
    ],
    rows: claims.map((claim) => ({
      cells: {
        id: claim.id,
        where: claim.where,
        claim: claim.claim,
        reported: claim.reported,
        computed: claim.computed,
        verdict: claim.verdict,
        explanation: claim.explanation,
      },
      ...(claim.verdict === 'discrepant'
        ? { emphasis: 'warning' as const }
        : claim.verdict === 'not-verifiable'
          ? { emphasis: 'muted' as const }
          : {}),
    })),
    notes: ['A claim is reproduced when every number it states is what the data give at the printed precision.'],
  };
}
