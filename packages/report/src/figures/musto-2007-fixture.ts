/** Test fixture for the figure tests: Musto 2007 (bortezomib in PCL) follow-up and the PCL response-rate literature; it must not be used to produce report numbers, which come from the statistics engine. */
import type { AtRiskRow, SurvivalCurveInput, SurvivalStep } from './kaplan-meier-figure.ts';

export interface FollowUp {
  readonly time: number;
  /** 1 = event (progression or death), 0 = censored. */
  readonly event: 0 | 1;
}

/** Progression-free survival in months for the 12 patients of Musto et al. 2007. */
export const mustoProgressionFreeSurvival: readonly FollowUp[] = [
  { time: 8, event: 1 },
  { time: 7, event: 0 },
  { time: 7, event: 1 },
  { time: 12, event: 0 },
  { time: 5, event: 1 },
  { time: 7, event: 0 },
  { time: 21, event: 0 },
  { time: 9, event: 1 },
  { time: 6, event: 1 },
  { time: 9, event: 0 },
  { time: 5, event: 1 },
  { time: 0.5, event: 1 },
];

/** Overall survival in months for the same 12 patients. */
export const mustoOverallSurvival: readonly FollowUp[] = [
  { time: 12, event: 1 },
  { time: 7, event: 0 },
  { time: 8, event: 0 },
  { time: 12, event: 0 },
  { time: 10, event: 0 },
  { time: 7, event: 0 },
  { time: 21, event: 0 },
  { time: 10, event: 1 },
  { time: 9, event: 1 },
  { time: 9, event: 0 },
  { time: 6, event: 0 },
  { time: 3, event: 1 },
];

export const mustoTimeBreaks = [0, 3, 6, 9, 12, 15, 18, 21] as const;

/**
 * Plain product-limit loop, one row per distinct time (as R's survfit does). The bounds are FIXTURE VALUES:
 * a Greenwood "log" interval (R's default conf.type) computed here for plausible bands, not validated numbers.
 */
export function computeFixtureCurve(label: string, data: readonly FollowUp[]): SurvivalCurveInput {
  const sorted = [...data].sort((left, right) => left.time - right.time);
  const times = [...new Set(sorted.map((row) => row.time))];
  const steps: SurvivalStep[] = [];
  const censored: { time: number; surv: number }[] = [];
  let atRisk = sorted.length;
  let surv = 1;
  let greenwoodSum = 0;
  for (const time of times) {
    const rows = sorted.filter((row) => row.time === time);
    const events = rows.filter((row) => row.event === 1).length;
    if (events > 0) {
      surv *= 1 - events / atRisk;
      greenwoodSum += atRisk > events ? events / (atRisk * (atRisk - events)) : Number.POSITIVE_INFINITY;
    }
    const standardError = Math.sqrt(greenwoodSum);
    const hasBounds = surv > 0 && Number.isFinite(standardError);
    steps.push({
      time,
      surv,
      lower: hasBounds ? surv * Math.exp(-1.959964 * standardError) : null,
      upper: hasBounds ? Math.min(1, surv * Math.exp(1.959964 * standardError)) : null,
    });
    for (const row of rows) if (row.event === 0) censored.push({ time, surv });
    atRisk -= rows.length;
  }
  const medianStep = steps.find((step) => step.surv <= 0.5);
  // Median bounds are fixture values only (read off the band by eye), so the drop line has something to show.
  return { label, steps, censored, median: { time: medianStep?.time ?? null, lower: null, upper: null } };
}

/** Number still under observation (time ≥ break) at each break. */
export function countAtRisk(label: string, data: readonly FollowUp[], breaks: readonly number[]): AtRiskRow {
  return { label, counts: breaks.map((time) => data.filter((row) => row.time >= time).length) };
}

/**
 * Response rates in primary PCL from the literature (responders / n) with Clopper–Pearson 95% intervals and
 * DerSimonian–Laird random-effects weights on the logit scale, computed outside this repo (Python bisection on the
 * binomial CDF; check with R `binom.test` and `meta::metaprop(method = "Inverse", sm = "PLOGIT")`).
 */
export const pclResponseLiterature = [
  { label: 'Noel & Kyle 1987', responders: 12, n: 25, lower: 0.278, upper: 0.6869, weightPercent: 18.8 },
  { label: 'Bernasconi 1989', responders: 5, n: 8, lower: 0.2449, upper: 0.9148, weightPercent: 7.1 },
  { label: 'Dimopoulos 1994', responders: 10, n: 27, lower: 0.194, upper: 0.5763, weightPercent: 18.9 },
  { label: 'Garcia-Sanz 1999', responders: 10, n: 26, lower: 0.2023, upper: 0.5943, weightPercent: 18.6 },
  { label: 'Costello 2001', responders: 12, n: 18, lower: 0.4099, upper: 0.8666, weightPercent: 13.5 },
  { label: 'Vela-Ojeda 2002', responders: 7, n: 24, lower: 0.1262, upper: 0.5109, weightPercent: 15.9 },
  { label: 'Jimenez-Zepeda 2006', responders: 3, n: 8, lower: 0.0852, upper: 0.7551, weightPercent: 7.1 },
] as const;

export const pclPooledRandomEffects = {
  label: 'Random-effects model',
  estimate: 0.4376,
  lower: 0.3417,
  upper: 0.5385,
  predictionLower: 0.2891,
  predictionUpper: 0.5982,
  detail: '59/136',
} as const;

export const mustoResponse = {
  label: 'Musto 2007 (bortezomib)',
  estimate: 11 / 12,
  lower: 0.6152,
  upper: 0.9979,
  detail: '11/12',
} as const;
