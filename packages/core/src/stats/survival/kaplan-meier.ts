/**
 * The Kaplan–Meier product-limit estimator with Greenwood and Nelson–Aalen standard errors and
 * pointwise confidence limits, matching R survival 3.5-3 `survfit()` (C routine `survfitkm`) bit for
 * bit in surv, std.err, cumhaz and std.chaz. Numbers in, numbers out: knows nothing of patients.
 */
import {
  confidenceLevelToZ,
  fillSurvivalConfidenceBand,
  type SurvivalConfidenceType,
} from './survival-confidence-band.ts';
import { type SurvivalColumns, tabulateSurvivalTimes } from './tabulate-survival-times.ts';

export type { SurvivalConfidenceType } from './survival-confidence-band.ts';
export type { SurvivalColumns } from './tabulate-survival-times.ts';

/** Survival columns with an optional group code per row; one curve is estimated per distinct code. */
export interface KaplanMeierData extends SurvivalColumns {
  readonly group?: ArrayLike<number>;
}

export interface KaplanMeierOptions {
  /** Confidence level of the pointwise limits, in (0, 1). Default 0.95 (R `conf.int`). */
  readonly confLevel?: number;
  /** Scale of the pointwise limits. Default `'log'` (R `conf.type`). */
  readonly confType?: SurvivalConfidenceType;
  /** Merge times that differ by rounding noise first, as R's `timefix = TRUE` does. Default true. */
  readonly timefix?: boolean;
}

/**
 * One Kaplan–Meier curve: one entry per distinct time in the stratum (event times and censor-only
 * times), ascending, as R's `fit$time`. Durations are in the caller's unit; probabilities in [0, 1].
 * A null is R's NA (or R's NaN from 0·∞ once S has reached 0): the value is not defined there.
 */
export interface KaplanMeierStratum {
  /** Group code of this curve, or null for the single curve of ungrouped data. */
  readonly group: number | null;
  /** Subjects in the stratum. */
  readonly n: number;
  /** Events in the stratum. */
  readonly events: number;
  readonly confLevel: number;
  readonly confType: SurvivalConfidenceType;
  readonly time: readonly number[];
  /** Subjects with time ≥ t (those censored at t are at risk at t). */
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  /** S(t), right-continuous. */
  readonly surv: readonly number[];
  /** Greenwood SE of −log S(t) (R's stored `fit$std.err`); Infinity from the time S reaches 0. */
  readonly stdErr: readonly number[];
  /** SE of S(t) = stdErr·S (what `summary()` prints); null where S = 0 (R: 0·Inf = NaN). */
  readonly stdErrSurv: ReadonlyArray<number | null>;
  /** Lower pointwise limit for `confType`; null where R gives NA/NaN. */
  readonly lower: ReadonlyArray<number | null>;
  /** Upper pointwise limit for `confType`; null where R gives NA/NaN. */
  readonly upper: ReadonlyArray<number | null>;
  /** Nelson–Aalen cumulative hazard Σ d/n. */
  readonly cumulativeHazard: readonly number[];
  /** SE of the Nelson–Aalen estimate, sqrt(Σ d/n²). */
  readonly stdErrCumulativeHazard: readonly number[];
}

export interface KaplanMeierResult {
  /** Subjects used. */
  readonly n: number;
  /** One curve per group code, codes ascending (a single curve with `group: null` without groups). */
  readonly strata: readonly KaplanMeierStratum[];
  /** Largest time over all curves: the upper limit of R's `rmean = "common"` restricted mean. */
  readonly commonEndTime: number;
  readonly confLevel: number;
  readonly confType: SurvivalConfidenceType;
  readonly timefix: boolean;
}

/**
 * Kaplan–Meier estimate of the survival function S(t) = P(T > t) from right-censored data, one curve
 * per group code.
 *
 * Formula, at each distinct time t_i with n_i at risk (time ≥ t_i, so subjects censored at t_i are at
 * risk: censoring is taken to happen just after the deaths) and d_i events:
 * - `S(t) = Π_{t_i ≤ t} (n_i − d_i)/n_i`, multiplied in ascending time as `S *= (n_i − d_i)/n_i`
 *   (R's order, so S is bit-identical to R);
 * - Greenwood `stdErr(t) = sqrt(Σ d_i / (n_i (n_i − d_i)))`, the SE of −log S; a term d/0 (the curve
 *   drops to 0) makes it Infinity from then on;
 * - Nelson–Aalen `H(t) = Σ d_i/n_i`, SE `sqrt(Σ d_i/n_i²)`;
 * - limits: log `exp(log S ∓ z·se)` (upper capped at 1), log-log `exp(−exp(log(−log S) ∓ z·se/log S))`,
 *   plain `S ∓ z·se·S` clipped to [0, 1], with `z = qnorm(1 − (1 − confLevel)/2)`.
 * Rows are one per distinct time (events and censor-only times). With `timefix` (default) times within
 * √ε of each other are merged first (`applyTimefix`). The curve starts at min(0, min time) = 0.
 *
 * Reference: Kaplan EL, Meier P. JASA 1958;53:457–481. Greenwood M. 1926. Therneau TM, survival
 * 3.5-3: `survfitKM.R`, `survfitkm.c`, `survfit_confint`.
 *
 * @example
 * const fit = kaplanMeier({ time: [1, 2, 2, 3], event: [1, 1, 0, 1] });
 * fit.strata[0]?.surv; // [0.75, 0.5, 0]
 *
 * Validated against: R survival 3.5-3 survfit (golden/lung.json)
 */
export function kaplanMeier(data: KaplanMeierData, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const confLevel = options.confLevel ?? 0.95;
  const confType = options.confType ?? 'log';
  const timefix = options.timefix ?? true;
  if (confType !== 'log' && confType !== 'log-log' && confType !== 'plain') {
    throw new RangeError(`confType must be 'log', 'log-log' or 'plain' (got ${String(confType)})`);
  }
  const z = confidenceLevelToZ(confLevel);
  const table = tabulateSurvivalTimes({
    time: data.time,
    event: data.event,
    stratum: data.group,
    stratumName: 'group',
    columnName: 'column',
    timefix,
  });
  const times = table.times;
  let commonEndTime = Number.NEGATIVE_INFINITY;
  const strata = table.strata.map((stratum): KaplanMeierStratum => {
    const rows = stratum.ranks.length;
    const nRisk = new Float64Array(rows);
    let atRisk = 0;
    for (let i = rows - 1; i >= 0; i -= 1) {
      atRisk += stratum.subjects[i] as number;
      nRisk[i] = atRisk;
    }
    const surv = new Float64Array(rows);
    const stdErr = new Float64Array(rows);
    const cumulativeHazard = new Float64Array(rows);
    const stdErrCumulativeHazard = new Float64Array(rows);
    let km = 1;
    let greenwood = 0;
    let nelson = 0;
    let nelsonVariance = 0;
    let events = 0;
    for (let i = 0; i < rows; i += 1) {
      const d = stratum.events[i] as number;
      const risk = nRisk[i] as number;
      if (d > 0) {
        // survfitkm.c: same expressions and order, so the doubles agree with R's bit for bit.
        nelson += d / risk;
        nelsonVariance += d / (risk * risk);
        km *= (risk - d) / risk;
        greenwood += d / (risk * (risk - d));
        events += d;
      }
      surv[i] = km;
      stdErr[i] = Math.sqrt(greenwood);
      cumulativeHazard[i] = nelson;
      stdErrCumulativeHazard[i] = Math.sqrt(nelsonVariance);
    }
    const time = new Array<number>(rows);
    const nEvent = new Array<number>(rows);
    const nCensor = new Array<number>(rows);
    const stdErrSurv = new Array<number | null>(rows);
    for (let i = 0; i < rows; i += 1) {
      time[i] = times[stratum.ranks[i] as number] as number;
      nEvent[i] = stratum.events[i] as number;
      nCensor[i] = (stratum.subjects[i] as number) - (stratum.events[i] as number);
      const product = (stdErr[i] as number) * (surv[i] as number);
      stdErrSurv[i] = Number.isNaN(product) ? null : product;
    }
    const lower: Array<number | null> = [];
    const upper: Array<number | null> = [];
    fillSurvivalConfidenceBand({ surv, stdErr }, { z, type: confType }, { lower, upper });
    if (rows > 0) commonEndTime = Math.max(commonEndTime, time[rows - 1] as number);
    return {
      group: stratum.code,
      n: stratum.n,
      events,
      confLevel,
      confType,
      time,
      nRisk: Array.from(nRisk),
      nEvent,
      nCensor,
      surv: Array.from(surv),
      stdErr: Array.from(stdErr),
      stdErrSurv,
      lower,
      upper,
      cumulativeHazard: Array.from(cumulativeHazard),
      stdErrCumulativeHazard: Array.from(stdErrCumulativeHazard),
    };
  });
  return { n: data.time.length, strata, commonEndTime, confLevel, confType, timefix };
}
