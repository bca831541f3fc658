/**
 * The machine-readable results (`results.json`): the numbers behind the report, unrounded,
 * proportions in [0, 1], times in months, `null` for "not reached". The schema is documented in
 * docs/results-json.md and enforced by `resultsJsonSchema` before anything is written.
 */
import type { EndpointAnalysis, PoolingFit, StudyAnalysis, SurvivalGroup } from '@mmreg/core';
import type { ReportSoftware } from './html/render-report.ts';

export const resultsJsonFormatVersion = 1;

function group(entry: SurvivalGroup) {
  return { n: entry.n, events: entry.events, median: entry.median, lower: entry.lower, upper: entry.upper };
}

function endpoint(analysis: EndpointAnalysis) {
  return {
    all: group(analysis.all),
    primary: group(analysis.primary),
    secondary: group(analysis.secondary),
    logrank: { chisq: analysis.logRank.chisq, df: analysis.logRank.df, p: analysis.logRank.p },
    excluded: analysis.excluded,
    curves: {
      all: analysis.all.steps,
      primary: analysis.primary.steps,
      secondary: analysis.secondary.steps,
    },
  };
}

function pooling(entry: PoolingFit) {
  const fit = entry.fit;
  return {
    measure: entry.measure,
    tau2Method: entry.tau2Method,
    estimate: fit.proportion.estimate,
    lower: fit.proportion.lower,
    upper: fit.proportion.upper,
    predictionLower: fit.proportion.predictionLower,
    predictionUpper: fit.proportion.predictionUpper,
    tau2: fit.heterogeneity.tau2,
    i2: fit.heterogeneity.i2,
    q: fit.heterogeneity.q,
    qDf: fit.heterogeneity.qDf,
    qP: fit.heterogeneity.qP,
    weights: fit.relativeWeights,
  };
}

export function buildResultsJson(analysis: StudyAnalysis, software: ReportSoftware) {
  const { response, survival, literature } = analysis;
  const proportion = (entry: StudyAnalysis['response']['overallResponse']) => ({
    count: entry.count,
    n: entry.n,
    estimate: entry.estimate,
    lower: entry.lower,
    upper: entry.upper,
  });
  const pooled = literature === null ? null : pooling(literature.randomEffects);
  return {
    format: 'mmreg-results' as const,
    formatVersion: resultsJsonFormatVersion,
    software: { name: software.name, version: software.version, generatedAt: software.generatedAt },
    study: {
      id: analysis.study.id,
      title: analysis.study.title,
      citation: analysis.study.citation,
      patients: analysis.study.patients,
    },
    conventions: analysis.conventions,
    response: {
      n: response.n,
      responders: response.overallResponse.count,
      counts: response.counts,
      orr: {
        estimate: response.overallResponse.estimate,
        lower: response.overallResponse.lower,
        upper: response.overallResponse.upper,
      },
      vgprOrBetter: proportion(response.vgprOrBetter),
      crOrBetter: proportion(response.completeResponseOrBetter),
      confLevel: response.overallResponse.confLevel,
      subgroups: response.subgroups,
    },
    survival: {
      pfs: endpoint(survival.pfs),
      os: endpoint(survival.os),
      pfsSensitivity: survival.pfsSensitivity.map((entry) => ({ convention: entry.convention, ...endpoint(entry) })),
    },
    toxicity: analysis.toxicity.categories.map((category) => ({
      category: category.category,
      byGrade: category.byGrade,
      anyGrade: category.anyGrade.count,
      grade3to4: category.grade3to4.count,
    })),
    literature:
      literature === null || pooled === null
        ? null
        : {
            series: literature.series,
            totalPatients: literature.totalPatients,
            totalResponders: literature.totalResponders,
            pooled: {
              estimate: pooled.estimate,
              lower: pooled.lower,
              upper: pooled.upper,
              tau2: pooled.tau2,
              i2: pooled.i2,
            },
            randomEffects: pooled,
            sensitivity: literature.sensitivity.map(pooling),
            unweightedMean: literature.unweightedMeanRate,
            weightedMean: literature.patientWeightedMeanRate,
            pooledCounts: literature.pooledCounts,
            medianOverallSurvival: literature.medianOverallSurvival,
            studyVersusHistorical: literature.studyVersusHistorical,
          },
    claims: analysis.claims.map((claim) => ({
      id: claim.id,
      claim: claim.claim,
      reported: claim.reported,
      computed: claim.computed,
      verdict: claim.verdict,
      explanation: claim.explanation,
    })),
    rules: analysis.rules.map((rule) => ({ id: rule.id, version: rule.version, specSection: rule.specSection })),
  };
}

export type ResultsJson = ReturnType<typeof buildResultsJson>;
