/**
 * Sets a case series' response rate against published historical series (Table 3): the series as
 * printed, responders reconstructed from the printed rates, the three ways a "global response rate"
 * can be pooled (unweighted mean of percentages, patient-weighted mean, random-effects meta-analysis
 * as metafor), and tests of the study's rate against the historical one.
 */
import type { HistoricalSeries } from '../domain/index.ts';
import {
  binomialTest,
  clopperPearsonInterval,
  fisherExactTest,
  type PooledProportion,
  type ProportionMeasure,
  pooledProportion,
  sampleMean,
  sampleMedian,
  type Tau2Method,
} from '../stats/index.ts';
import { estimateProportion, type ProportionEstimate } from './response-summary.ts';

export interface HistoricalSeriesRow {
  readonly label: string;
  readonly year: number;
  readonly patients: number;
  readonly printedRatePercent: number;
  /** round(patients × rate / 100), R's round-half-even. */
  readonly responders: number;
  /** responders / patients, the rate the reconstructed count implies. */
  readonly reconstructedRate: number;
  /** Exact (Clopper–Pearson) CI of the reconstructed rate. */
  readonly lower: number;
  readonly upper: number;
  /** False when no whole number of responders out of `patients` prints as the published rate (any usual rounding). */
  readonly isPrintedRateAttainable: boolean;
  readonly medianOverallSurvivalMonths: number;
}

export interface PoolingFit {
  readonly measure: ProportionMeasure;
  readonly tau2Method: Tau2Method;
  readonly fit: PooledProportion;
}

export interface LiteratureComparison {
  readonly series: readonly HistoricalSeriesRow[];
  readonly totalPatients: number;
  readonly totalResponders: number;
  /** Mean of the printed percentages, as a proportion (how "45 %" was obtained). */
  readonly unweightedMeanRate: number;
  /** Σ(patients × rate) / Σ patients, as a proportion. */
  readonly patientWeightedMeanRate: number;
  /** Reconstructed responders over all patients, with a Clopper–Pearson CI. */
  readonly pooledCounts: ProportionEstimate;
  /** Primary pooled estimate: random effects, logit, DerSimonian–Laird (metafor PLO/DL). */
  readonly randomEffects: PoolingFit;
  /** Sensitivity fits: logit REML, double arcsine DL and REML. */
  readonly sensitivity: readonly PoolingFit[];
  readonly medianOverallSurvival: {
    readonly unweightedMean: number;
    readonly patientWeightedMean: number;
    readonly medianOfMedians: number;
  };
  readonly studyVersusHistorical: StudyVersusHistorical;
}

export interface StudyVersusHistorical {
  readonly responders: number;
  readonly n: number;
  /** Exact binomial tests of the study's responders against fixed historical rates. */
  readonly binomialTests: ReadonlyArray<{ readonly label: string; readonly rate: number; readonly pValue: number }>;
  /** Fisher's exact test of the study's 2×2 table against the pooled reconstructed counts. */
  readonly fisher: {
    readonly pValue: number;
    readonly oddsRatio: number;
    readonly lower: number;
    readonly upper: number;
  };
}

/** R's round(): half to even, so 2.5 → 2 and 3.5 → 4. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** True when some whole count out of `patients` prints as `ratePercent` under a usual rounding rule. */
function isAttainable(patients: number, ratePercent: number): boolean {
  for (let responders = 0; responders <= patients; responders += 1) {
    if (Math.abs((100 * responders) / patients - ratePercent) <= 0.5 + 1e-9) return true;
  }
  return false;
}

export function compareWithLiterature(
  historical: readonly HistoricalSeries[],
  study: { readonly responders: number; readonly n: number },
  confLevel: number,
): LiteratureComparison {
  const series = historical.map((entry) => {
    const responders = roundHalfEven((entry.patients * entry.responseRatePercent) / 100);
    const interval = clopperPearsonInterval(responders, entry.patients, { confLevel });
    return {
      label: `${entry.label} ${entry.year}`,
      year: entry.year,
      patients: entry.patients,
      printedRatePercent: entry.responseRatePercent,
      responders,
      reconstructedRate: responders / entry.patients,
      lower: interval.lower,
      upper: interval.upper,
      isPrintedRateAttainable: isAttainable(entry.patients, entry.responseRatePercent),
      medianOverallSurvivalMonths: entry.medianOverallSurvivalMonths,
    };
  });
  const totalPatients = series.reduce((sum, row) => sum + row.patients, 0);
  const totalResponders = series.reduce((sum, row) => sum + row.responders, 0);
  const studies = {
    events: series.map((row) => row.responders),
    n: series.map((row) => row.patients),
    labels: series.map((row) => row.label),
  };
  const fit = (measure: ProportionMeasure, tau2Method: Tau2Method): PoolingFit => ({
    measure,
    tau2Method,
    fit: pooledProportion(studies, { measure, tau2Method, confLevel }),
  });
  const randomEffects = fit('logit', 'DL');
  const weighted = (pick: (row: HistoricalSeriesRow) => number) =>
    series.reduce((sum, row) => sum + row.patients * pick(row), 0) / totalPatients;
  const unweightedMeanRate = (sampleMean(series.map((row) => row.printedRatePercent)) ?? Number.NaN) / 100;
  const fisher = fisherExactTest([
    [study.responders, study.n - study.responders],
    [totalResponders, totalPatients - totalResponders],
  ]);
  return {
    series,
    totalPatients,
    totalResponders,
    unweightedMeanRate,
    patientWeightedMeanRate: weighted((row) => row.printedRatePercent) / 100,
    pooledCounts: estimateProportion(totalResponders, totalPatients, confLevel),
    randomEffects,
    sensitivity: [fit('logit', 'REML'), fit('double-arcsine', 'DL'), fit('double-arcsine', 'REML')],
    medianOverallSurvival: {
      unweightedMean: sampleMean(series.map((row) => row.medianOverallSurvivalMonths)) ?? Number.NaN,
      patientWeightedMean: weighted((row) => row.medianOverallSurvivalMonths),
      medianOfMedians: sampleMedian(series.map((row) => row.medianOverallSurvivalMonths)) ?? Number.NaN,
    },
    studyVersusHistorical: {
      responders: study.responders,
      n: study.n,
      binomialTests: [
        { label: 'published historical rate', rate: roundHalfEven(unweightedMeanRate * 100) / 100 },
        { label: 'random-effects pooled rate', rate: randomEffects.fit.proportion.estimate },
      ].map((test) => ({ ...test, pValue: binomialTest(study.responders, study.n, { p: test.rate }).pValue })),
      fisher: {
        pValue: fisher.pValue,
        oddsRatio: fisher.oddsRatio ?? Number.NaN,
        lower: fisher.lower ?? Number.NaN,
        upper: fisher.upper ?? Number.NaN,
      },
    },
  };
}
