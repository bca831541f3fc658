/**
 * Cox proportional hazards regression for right-censored data, matching R survival 3.5-3
 * `coxph()` + `summary.coxph()`: same iteration (coxfit6), same tests and same concordance.
 * Numbers in, numbers out: the caller builds the design matrix (see `treatmentContrasts`).
 */
import { chiSquareUpperTail, normalQuantile } from '../distributions/index.ts';
import { choleskyDecompose } from '../linear-algebra/cholesky-decompose.ts';
import { choleskySolve } from '../linear-algebra/cholesky-solve.ts';
import { type CoxConcordance, concordanceOfSortedData } from './cox-concordance.ts';
import { fitCoxNewtonRaphson } from './cox-newton-raphson.ts';
import { coxTimeGroups, rankDistinctValues } from './cox-time-groups.ts';

/** One row per subject; `covariates` are the columns of a numeric design matrix (no intercept). */
export interface CoxRegressionData {
  readonly time: ArrayLike<number>;
  /** 1 = event, 0 = censored; 1/2 coding (2 = event) is accepted as R's `Surv` does. */
  readonly event: ArrayLike<number>;
  readonly covariates: ReadonlyArray<ArrayLike<number>>;
  /** One name per column, e.g. `['age', 'sex']` or `['celltypesmallcell', …]`. */
  readonly names: readonly string[];
}

export interface CoxRegressionOptions {
  /** Tie handling (default `'efron'`, as R). */
  readonly ties?: 'efron' | 'breslow';
  /** Confidence level of the HR interval (default 0.95). */
  readonly confLevel?: number;
  /**
   * Case weights (> 0). The variance is model-based (inverse information), as R's `coxph(robust = FALSE)`;
   * R switches to a robust variance by default when weights are not integers (a warning says so).
   */
  readonly weights?: ArrayLike<number>;
}

export interface CoxRegressionTerm {
  readonly term: string;
  /** log HR; null when infinite (monotone likelihood) or aliased. */
  readonly coef: number | null;
  readonly se: number | null;
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly z: number | null;
  /** Wald p-value, `pchisq(z², 1, lower.tail = FALSE)`. */
  readonly p: number | null;
  /** The partial likelihood is monotone in this coefficient: the estimate is +/−∞. */
  readonly isInfinite: boolean;
  /** The column is a linear combination of others (R reports NA). */
  readonly isAliased: boolean;
}

export interface CoxRegressionTest {
  /** null when it cannot be computed (the Wald test with an infinite coefficient). */
  readonly statistic: number | null;
  readonly df: number;
  readonly p: number | null;
}

export interface CoxRegressionResult {
  /** Rows used (after dropping rows with a missing value, as `na.omit`). */
  readonly n: number;
  /** Number of events among the rows used (unweighted, as R's `nevent`). */
  readonly events: number;
  /** Rows dropped because a model variable was missing (NaN). */
  readonly nDroppedMissing: number;
  readonly ties: 'efron' | 'breslow';
  readonly confLevel: number;
  readonly terms: readonly CoxRegressionTerm[];
  /** Inverse information at β̂ (R `fit$var`); null in rows/columns of infinite or aliased terms. */
  readonly variance: ReadonlyArray<ReadonlyArray<number | null>>;
  /** Centering values (0 for columns whose values all lie in {−1, 0, 1}). */
  readonly means: readonly number[];
  /** Log partial likelihood [at β = 0, at β̂]. */
  readonly loglik: readonly [number, number];
  readonly iterations: number;
  readonly isConverged: boolean;
  readonly tests: {
    readonly likelihoodRatio: CoxRegressionTest;
    readonly wald: CoxRegressionTest;
    readonly score: CoxRegressionTest;
  };
  readonly concordance: CoxConcordance;
  readonly warnings: readonly string[];
}

/** `coxph.control()` defaults in survival 3.5-3. */
const convergenceEpsilon = 1e-9;
const cholTolerance = 2 ** (-52 * 0.75);
const infiniteTolerance = Math.sqrt(convergenceEpsilon);
const maxIterations = 20;

interface PreparedRows {
  readonly kept: Int32Array | null;
  readonly dropped: number;
}

/** Marks rows with NaN in `values` as dropped; ±∞ is an error. One tight loop per column. */
function markMissing(values: ArrayLike<number>, keep: Uint8Array, what: string): number {
  let dropped = 0;
  for (let row = 0; row < values.length; row += 1) {
    const value = values[row] as number;
    if (value - value === 0) continue; // finite
    if (!Number.isNaN(value)) throw new RangeError(`coxRegression: ${what} of row ${row} is infinite`);
    if (keep[row] === 1) dropped += 1;
    keep[row] = 0;
  }
  return dropped;
}

/** na.omit: rows with NaN in time, event, a covariate or a weight are dropped; ±∞ is an error. */
function selectCompleteRows(data: CoxRegressionData, weights: ArrayLike<number> | undefined): PreparedRows {
  const n = data.time.length;
  const keep = new Uint8Array(n).fill(1);
  let dropped = markMissing(data.time, keep, 'time') + markMissing(data.event, keep, 'event');
  for (const [j, column] of data.covariates.entries())
    dropped += markMissing(column, keep, data.names[j] ?? 'covariate');
  if (weights !== undefined) dropped += markMissing(weights, keep, 'weight');
  if (dropped === 0) return { kept: null, dropped: 0 };
  const kept = new Int32Array(n - dropped);
  let position = 0;
  for (let row = 0; row < n; row += 1) if (keep[row] === 1) kept[position++] = row;
  return { kept, dropped };
}

function validate(data: CoxRegressionData, options: CoxRegressionOptions): void {
  const n = data.time.length;
  if (data.covariates.length === 0) throw new RangeError('coxRegression: at least one covariate is required');
  if (data.names.length !== data.covariates.length) {
    throw new RangeError('coxRegression: names must have one entry per covariate column');
  }
  if (data.event.length !== n) throw new RangeError('coxRegression: time and event must have the same length');
  for (const [j, column] of data.covariates.entries()) {
    if (column.length !== n) throw new RangeError(`coxRegression: covariate ${data.names[j]} has the wrong length`);
  }
  if (options.weights !== undefined) {
    if (options.weights.length !== n) throw new RangeError('coxRegression: weights must have one value per row');
    for (let i = 0; i < n; i += 1) {
      if (!((options.weights[i] as number) > 0) && !Number.isNaN(options.weights[i] as number)) {
        throw new RangeError('coxRegression: weights must be > 0');
      }
    }
  }
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError('coxRegression: confLevel must lie in (0, 1)');
}

/** βᵀ V⁻¹ β by the same tolerant Cholesky as R's `coxph.wtest`. */
function waldStatistic(variance: Float64Array, coefficients: Float64Array, use: readonly number[], p: number): number {
  const size = use.length;
  const factor = new Float64Array(size * size);
  const solution = new Float64Array(size);
  for (let a = 0; a < size; a += 1) {
    solution[a] = coefficients[use[a] as number] as number;
    for (let b = 0; b < size; b += 1)
      factor[a * size + b] = variance[(use[a] as number) * p + (use[b] as number)] as number;
  }
  choleskyDecompose(factor, size, cholTolerance);
  choleskySolve(factor, size, solution);
  let statistic = 0;
  for (let a = 0; a < size; a += 1) statistic += (coefficients[use[a] as number] as number) * (solution[a] as number);
  return statistic;
}

function chiSquareTest(statistic: number | null, df: number): CoxRegressionTest {
  if (statistic === null || !Number.isFinite(statistic) || df === 0) return { statistic, df, p: null };
  return { statistic, df, p: chiSquareUpperTail(statistic, df) };
}

/**
 * Fits a Cox proportional hazards model h(t | x) = h₀(t)·exp(xᵀβ) by maximising the partial likelihood.
 *
 * Partial likelihood with ties (Efron 1977, default): at each time t with d events, D = Σ_{events} wᵢe^{ηᵢ}
 * and R = Σ_{time ≥ t} wⱼe^{ηⱼ} (those censored at t are still at risk),
 * log L = Σ_t [Σ_{events} wᵢηᵢ − (d_w/d) Σ_{k=0}^{d−1} log(R − (k/d)·D)]; Breslow uses d_w·log R.
 * Newton–Raphson from β = 0 with R's centering (except columns in {−1, 0, 1}), scaling, step halving,
 * |1 − ℓ_old/ℓ_new| ≤ 1e−9 and at most 20 iterations. Times are first merged by R's `timefix`.
 * se = √diag(I⁻¹), z = β/se, p = pchisq(z², 1, lower = FALSE), CI = exp(β ± z_{(1+level)/2}·se).
 * Tests: likelihood ratio 2(ℓ(β̂) − ℓ(0)); Wald β̂ᵀI(β̂)β̂; score U(0)ᵀI(0)⁻¹U(0); df = non-aliased terms.
 * Concordance: Harrell's C of the linear predictor with its IJ se (`coxConcordance`).
 * Monotone likelihood: a term whose last Newton step |U·I⁻¹| is not negligible at convergence
 * (R's rule: > 1e−9 and > √1e−9·|β|) is flagged infinite, its estimates are null and a warning is
 * added; the likelihood-ratio and score tests stay valid, the Wald test is null.
 *
 * References: Cox (1972) "Regression models and life-tables"; Efron (1977) "The efficiency of Cox's
 * likelihood function for censored data"; Therneau & Grambsch (2000) "Modeling Survival Data";
 * Harrell's C as in survival 3.5-3 `concordancefit`.
 *
 * @example
 * const fit = coxRegression({
 *   time: [9, 13, 13, 18, 23, 5, 5, 8, 8, 12],
 *   event: [1, 1, 0, 1, 1, 1, 1, 1, 1, 0],
 *   covariates: [[0, 0, 0, 0, 0, 1, 1, 1, 1, 1]],
 *   names: ['xNonmaintained'],
 * });
 * fit.terms[0]?.hr; // hazard ratio of the Nonmaintained arm
 *
 * Validated against: R survival 3.5-3 coxph (golden/aml.json, lung.json, veteran.json, ovarian.json,
 * edge_cases.json, musto2007.json; efron and breslow).
 */
export function coxRegression(data: CoxRegressionData, options: CoxRegressionOptions = {}): CoxRegressionResult {
  validate(data, options);
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') {
    // R also offers ties = "exact" (conditional logistic likelihood); it is not implemented here.
    throw new RangeError(`ties must be 'efron' (R's default) or 'breslow'; "${String(ties)}" is not implemented`);
  }
  const confLevel = options.confLevel ?? 0.95;
  const p = data.covariates.length;
  const { kept, dropped } = selectCompleteRows(data, options.weights);
  const n = kept === null ? data.time.length : kept.length;
  const rowOf = (i: number): number => (kept === null ? i : (kept[i] as number));

  let maxEvent = 0;
  for (let i = 0; i < n; i += 1) maxEvent = Math.max(maxEvent, data.event[rowOf(i)] as number);
  // Surv(): status coded 1/2 becomes 0/1.
  const eventShift = maxEvent === 2 ? 1 : 0;
  const status = new Uint8Array(n);
  let events = 0;
  for (let i = 0; i < n; i += 1) {
    const event = (data.event[rowOf(i)] as number) - eventShift;
    if (event !== 0 && event !== 1) throw new RangeError(`coxRegression: event of row ${rowOf(i)} is not 0/1 or 1/2`);
    status[i] = event;
    events += event;
  }
  const groups = coxTimeGroups(
    kept === null ? data.time : Float64Array.from(kept, (row) => data.time[row] as number),
    status,
    true,
  );

  // Scatter in input order: reads are sequential and writes run through one cursor per (time, status).
  const { position } = groups;
  const weights = options.weights === undefined ? null : new Float64Array(n);
  if (weights !== null && options.weights !== undefined) {
    for (let i = 0; i < n; i += 1) weights[position[i] as number] = options.weights[rowOf(i)] as number;
  }
  const covariates = new Float64Array(p * n);
  for (let j = 0; j < p; j += 1) {
    const column = data.covariates[j] as ArrayLike<number>;
    const offset = j * n;
    for (let i = 0; i < n; i += 1) covariates[offset + (position[i] as number)] = column[rowOf(i)] as number;
  }
  const isCentered: boolean[] = [];
  for (let j = 0; j < p; j += 1) {
    let isIndicatorLike = true;
    for (let i = 0; i < n && isIndicatorLike; i += 1) {
      const value = covariates[j * n + i] as number;
      isIndicatorLike = value === 0 || value === 1 || value === -1;
    }
    isCentered.push(!isIndicatorLike);
  }

  const fit = fitCoxNewtonRaphson(
    { groupStart: groups.groupStart, eventStart: groups.eventStart, weights, covariates, variableCount: p, isCentered },
    { ties, epsilon: convergenceEpsilon, cholTolerance, maxIterations },
  );
  const warnings: string[] = [];
  if (weights?.some((weight) => weight !== Math.floor(weight))) {
    warnings.push(
      "Non-integer case weights: R's coxph() would default to a robust (sandwich) variance; se, CI, z, p and " +
        'the Wald test here use the model-based variance (R: robust = FALSE).',
    );
  }
  const isConverged = fit.flag !== 1000;
  if (!isConverged) warnings.push(`Ran out of iterations (${maxIterations}) and did not converge.`);

  const isAliased: boolean[] = [];
  const isInfinite: boolean[] = [];
  for (let k = 0; k < p; k += 1) {
    isAliased.push(fit.flag < p && fit.variance[k * p + k] === 0);
    let newtonStep = 0;
    for (let i = 0; i < p; i += 1) newtonStep += (fit.score[i] as number) * (fit.variance[i * p + k] as number);
    newtonStep = Math.abs(newtonStep);
    const coefficient = fit.coefficients[k] as number;
    isInfinite.push(
      !isAliased[k] &&
        (!Number.isFinite(fit.score[k] as number) ||
          (newtonStep > convergenceEpsilon && newtonStep > infiniteTolerance * Math.abs(coefficient))),
    );
  }
  const infiniteTerms = data.names.filter((_, k) => isInfinite[k]);
  if (infiniteTerms.length > 0) {
    const positions = isInfinite.flatMap((flag, k) => (flag ? [k + 1] : []));
    warnings.push(
      `Loglik converged before variable ${positions.join(',')} (${infiniteTerms.join(', ')}); coefficient may be infinite ` +
        '(monotone likelihood). Its coef, se, HR, CI, z and p are reported as null and the Wald test is omitted; ' +
        'use the likelihood-ratio or score test.',
    );
  }
  const overflowTerms = data.names.filter(
    (_, k) => !isAliased[k] && !isInfinite[k] && !Number.isFinite(fit.variance[k * p + k] as number),
  );
  if (overflowTerms.length > 0) {
    warnings.push(
      `The variance of ${overflowTerms.join(', ')} is not finite (the covariate's scale is extreme); rescale the covariate.`,
    );
  }
  const aliasedTerms = data.names.filter((_, k) => isAliased[k]);
  if (aliasedTerms.length > 0) {
    warnings.push(`X matrix deemed singular: coefficients of ${aliasedTerms.join(', ')} are not estimable (NA).`);
  }

  const zCritical = normalQuantile((1 + confLevel) / 2);
  const terms: CoxRegressionTerm[] = data.names.map((term, k) => {
    const isEstimated = !isAliased[k] && !isInfinite[k];
    if (!isEstimated) {
      return {
        term,
        coef: null,
        se: null,
        hr: null,
        lower: null,
        upper: null,
        z: null,
        p: null,
        isInfinite: isInfinite[k] === true,
        isAliased: isAliased[k] === true,
      };
    }
    const coef = fit.coefficients[k] as number;
    const se = Math.sqrt(fit.variance[k * p + k] as number);
    const z = coef / se;
    return {
      term,
      coef,
      se,
      hr: Math.exp(coef),
      lower: Math.exp(coef - zCritical * se),
      upper: Math.exp(coef + zCritical * se),
      z,
      p: chiSquareUpperTail(z * z, 1),
      isInfinite: false,
      isAliased: false,
    };
  });
  const variance = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) =>
      isInfinite[i] || isInfinite[j] || isAliased[i] || isAliased[j] ? null : (fit.variance[i * p + j] as number),
    ),
  );

  const estimable = isAliased.flatMap((flag, k) => (flag ? [] : [k]));
  const df = estimable.length;
  const likelihoodRatio = chiSquareTest(-2 * (fit.loglikNull - fit.loglikFinal), df);
  const wald = chiSquareTest(
    infiniteTerms.length > 0 ? null : waldStatistic(fit.variance, fit.coefficients, estimable, p),
    df,
  );
  const score = chiSquareTest(fit.scoreTest, df);

  // Concordance of the linear predictor (R: x %*% coef − Σ coef·means, diverged coefficients included).
  const linearPredictor = new Float64Array(n);
  let centering = 0;
  for (let j = 0; j < p; j += 1) centering += (fit.coefficients[j] as number) * (fit.means[j] as number);
  for (let j = 0; j < p; j += 1) {
    const coefficient = fit.coefficients[j] as number;
    for (let i = 0; i < n; i += 1) {
      linearPredictor[i] = (linearPredictor[i] as number) + (covariates[j * n + i] as number) * coefficient;
    }
  }
  for (let i = 0; i < n; i += 1) linearPredictor[i] = (linearPredictor[i] as number) - centering;
  const { rank, sortedDistinct } = rankDistinctValues(linearPredictor);
  const concordance = concordanceOfSortedData({
    groupStart: groups.groupStart,
    eventStart: groups.eventStart,
    riskRank: rank,
    rankCount: sortedDistinct.length,
    weights,
  });

  return {
    n,
    events,
    nDroppedMissing: dropped,
    ties,
    confLevel,
    terms,
    variance,
    means: Array.from(fit.means),
    loglik: [fit.loglikNull, fit.loglikFinal],
    iterations: fit.iterations,
    isConverged,
    tests: { likelihoodRatio, wald, score },
    concordance,
    warnings,
  };
}
