/**
 * Newton–Raphson maximisation of the Cox partial likelihood, a line-by-line port of survival 3.5-3's
 * C routine `coxfit6` (centering, scaling, step halving, convergence rule), so that iteration counts
 * and converged values agree with R bit for bit on the goldens. (survival 3.5-3 halves steps; the
 * trust region described in some notes arrived in a later survival release.) Works on rows already sorted by time; no strata, no offset.
 * It must not allocate per row: the hot loop runs over typed arrays only.
 */
import { choleskyDecompose } from '../linear-algebra/cholesky-decompose.ts';
import { choleskyInvert } from '../linear-algebra/cholesky-invert.ts';
import { choleskySolve } from '../linear-algebra/cholesky-solve.ts';

/**
 * Rows sorted by ascending time, censored rows before events within a time (see `coxTimeGroups`);
 * the covariate block is column-major.
 */
export interface CoxSortedData {
  /** Time g occupies sorted rows `groupStart[g] … groupStart[g + 1] − 1`; length = times + 1. */
  readonly groupStart: Int32Array;
  /** Rows `groupStart[g] … eventStart[g] − 1` are censored at time g, the rest of the group are events. */
  readonly eventStart: Int32Array;
  /** Case weights (> 0), or null for all 1. */
  readonly weights: Float64Array | null;
  /** `variableCount × rowCount` values, column j at `[j·rowCount, (j+1)·rowCount)`. Not modified. */
  readonly covariates: Float64Array;
  readonly variableCount: number;
  /** Per column: centre and scale it (false for columns whose values all lie in {−1, 0, 1}). */
  readonly isCentered: readonly boolean[];
}

export interface CoxNewtonRaphsonOptions {
  readonly ties: 'efron' | 'breslow';
  /** Convergence criterion on |1 − loglik_old/loglik_new| (R: `coxph.control(eps = 1e-9)`). */
  readonly epsilon: number;
  /** Cholesky singularity tolerance (R: `toler.chol = .Machine$double.eps^0.75`). */
  readonly cholTolerance: number;
  /** R: `iter.max = 20`. */
  readonly maxIterations: number;
}

export interface CoxNewtonRaphsonFit {
  /** Coefficients on the original scale (diverged values are returned as they are). */
  readonly coefficients: Float64Array;
  /** Weighted column means used for centering (0 for uncentered columns). */
  readonly means: Float64Array;
  /** Score vector U(β̂) on the original scale. */
  readonly score: Float64Array;
  /** Inverse information at β̂, row-major `p × p`, rows/columns of aliased columns zero. */
  readonly variance: Float64Array;
  readonly loglikNull: number;
  readonly loglikFinal: number;
  /** Score test U(0)ᵀ I(0)⁻¹ U(0). */
  readonly scoreTest: number;
  readonly iterations: number;
  /** R's `flag`: rank of the information matrix, −2 if converged while step halving, 1000 if not converged. */
  readonly flag: number;
}

/** Workspace for one log partial likelihood evaluation (mirrors the C statics). */
interface Workspace {
  readonly score: Float64Array;
  readonly information: Float64Array;
  readonly riskSum: Float64Array;
  readonly riskSumDeaths: Float64Array;
  readonly crossSum: Float64Array;
  readonly crossSumDeaths: Float64Array;
}

/**
 * `evaluatePartialLikelihood` for one covariate, the 10⁷-row benchmark case: the same arithmetic in
 * the same order (so the same bits), without the p-loops, and with exp(βx) reused while x repeats.
 */
function evaluateSingleCovariate(
  data: CoxSortedData,
  x: Float64Array,
  beta: number,
  isEfron: boolean,
  work: Workspace,
): number {
  const { groupStart, eventStart, weights } = data;
  let loglik = 0;
  let denom = 0;
  let riskSum = 0;
  let crossSum = 0;
  let score = 0;
  let information = 0;
  let previousX = Number.NaN;
  let previousExp = 0;

  for (let g = eventStart.length - 1; g >= 0; g -= 1) {
    const censoredStart = groupStart[g] as number;
    const firstEvent = eventStart[g] as number;
    const end = groupStart[g + 1] as number;
    // Walk each block backwards, as coxfit6 walks the sorted rows, so every sum adds in R's order.
    for (let row = firstEvent - 1; row >= censoredStart; row -= 1) {
      const xi = x[row] as number;
      if (xi !== previousX) {
        previousX = xi;
        previousExp = Math.exp(beta * xi);
      }
      const risk = weights === null ? previousExp : previousExp * (weights[row] as number);
      denom += risk;
      riskSum += risk * xi;
      crossSum += risk * xi * xi;
    }
    const deaths = end - firstEvent;
    if (deaths === 0) continue;
    let deadWeight = 0;
    let deathRisk = 0;
    let riskSumDeaths = 0;
    let crossSumDeaths = 0;
    for (let row = end - 1; row >= firstEvent; row -= 1) {
      const xi = x[row] as number;
      const zbeta = beta * xi;
      if (xi !== previousX) {
        previousX = xi;
        previousExp = Math.exp(zbeta);
      }
      const weight = weights === null ? 1 : (weights[row] as number);
      const risk = previousExp * weight;
      deadWeight += weight;
      deathRisk += risk;
      loglik += weight * zbeta;
      score += weight * xi;
      riskSumDeaths += risk * xi;
      crossSumDeaths += risk * xi * xi;
    }
    if (!isEfron || deaths === 1) {
      denom += deathRisk;
      loglik -= deadWeight * Math.log(denom);
      riskSum += riskSumDeaths;
      const mean = riskSum / denom;
      score -= deadWeight * mean;
      crossSum += crossSumDeaths;
      information += (deadWeight * (crossSum - mean * riskSum)) / denom;
    } else {
      const meanWeight = deadWeight / deaths;
      for (let k = 0; k < deaths; k += 1) {
        denom += deathRisk / deaths;
        loglik -= meanWeight * Math.log(denom);
        riskSum += riskSumDeaths / deaths;
        const mean = riskSum / denom;
        score -= meanWeight * mean;
        crossSum += crossSumDeaths / deaths;
        information += (meanWeight * (crossSum - mean * riskSum)) / denom;
      }
    }
  }
  work.score[0] = score;
  work.information[0] = information;
  return loglik;
}

/** Evaluates loglik, score (into `work.score`) and information (upper triangle of `work.information`). */
function evaluatePartialLikelihood(
  data: CoxSortedData,
  x: Float64Array,
  beta: Float64Array,
  isEfron: boolean,
  work: Workspace,
): number {
  const p = data.variableCount;
  if (p === 1) return evaluateSingleCovariate(data, x, beta[0] as number, isEfron, work);
  const { groupStart, eventStart, weights } = data;
  const n = groupStart[groupStart.length - 1] as number;
  const { score: u, information: imat, riskSum: a, riskSumDeaths: a2, crossSum: cmat, crossSumDeaths: cmat2 } = work;
  u.fill(0);
  imat.fill(0);
  a.fill(0);
  cmat.fill(0);
  let loglik = 0;
  let denom = 0;

  for (let g = eventStart.length - 1; g >= 0; g -= 1) {
    const censoredStart = groupStart[g] as number;
    const firstEvent = eventStart[g] as number;
    const end = groupStart[g + 1] as number;
    for (let row = firstEvent - 1; row >= censoredStart; row -= 1) {
      let zbeta = 0;
      for (let i = 0; i < p; i += 1) zbeta += (beta[i] as number) * (x[i * n + row] as number);
      const risk = Math.exp(zbeta) * (weights === null ? 1 : (weights[row] as number));
      denom += risk;
      for (let i = 0; i < p; i += 1) {
        const xi = x[i * n + row] as number;
        a[i] = (a[i] as number) + risk * xi;
        for (let j = 0; j <= i; j += 1) {
          cmat[i * p + j] = (cmat[i * p + j] as number) + risk * xi * (x[j * n + row] as number);
        }
      }
    }
    const deaths = end - firstEvent;
    if (deaths === 0) continue;
    a2.fill(0);
    cmat2.fill(0);
    let deadWeight = 0;
    let deathRisk = 0;
    for (let row = end - 1; row >= firstEvent; row -= 1) {
      let zbeta = 0;
      for (let i = 0; i < p; i += 1) zbeta += (beta[i] as number) * (x[i * n + row] as number);
      const weight = weights === null ? 1 : (weights[row] as number);
      const risk = Math.exp(zbeta) * weight;
      deadWeight += weight;
      deathRisk += risk;
      loglik += weight * zbeta;
      for (let i = 0; i < p; i += 1) {
        const xi = x[i * n + row] as number;
        u[i] = (u[i] as number) + weight * xi;
        a2[i] = (a2[i] as number) + risk * xi;
        for (let j = 0; j <= i; j += 1) {
          cmat2[i * p + j] = (cmat2[i * p + j] as number) + risk * xi * (x[j * n + row] as number);
        }
      }
    }

    if (!isEfron || deaths === 1) {
      // Breslow: every death sees the full risk set (also Efron with a single death).
      denom += deathRisk;
      loglik -= deadWeight * Math.log(denom);
      for (let i = 0; i < p; i += 1) {
        a[i] = (a[i] as number) + (a2[i] as number);
        const mean = (a[i] as number) / denom;
        u[i] = (u[i] as number) - deadWeight * mean;
        for (let j = 0; j <= i; j += 1) {
          cmat[i * p + j] = (cmat[i * p + j] as number) + (cmat2[i * p + j] as number);
          imat[j * p + i] =
            (imat[j * p + i] as number) +
            (deadWeight * ((cmat[i * p + j] as number) - mean * (a[j] as number))) / denom;
        }
      }
    } else {
      // Efron: the d tied deaths enter the risk set a fraction 1/d at a time (Efron 1977).
      const meanWeight = deadWeight / deaths;
      for (let k = 0; k < deaths; k += 1) {
        denom += deathRisk / deaths;
        loglik -= meanWeight * Math.log(denom);
        for (let i = 0; i < p; i += 1) {
          a[i] = (a[i] as number) + (a2[i] as number) / deaths;
          const mean = (a[i] as number) / denom;
          u[i] = (u[i] as number) - meanWeight * mean;
          for (let j = 0; j <= i; j += 1) {
            cmat[i * p + j] = (cmat[i * p + j] as number) + (cmat2[i * p + j] as number) / deaths;
            imat[j * p + i] =
              (imat[j * p + i] as number) +
              (meanWeight * ((cmat[i * p + j] as number) - mean * (a[j] as number))) / denom;
          }
        }
      }
    }
  }
  return loglik;
}

/** Centres each flagged column at its weighted mean and scales it by Σw / Σw|x − x̄|, as coxfit6 does. */
function centerAndScale(data: CoxSortedData, x: Float64Array, means: Float64Array, scale: Float64Array): void {
  const { weights } = data;
  const n = data.groupStart[data.groupStart.length - 1] as number;
  let totalWeight = 0;
  for (let i = 0; i < n; i += 1) totalWeight += weights === null ? 1 : (weights[i] as number);
  for (let j = 0; j < data.variableCount; j += 1) {
    if (data.isCentered[j] !== true) {
      scale[j] = 1;
      means[j] = 0;
      continue;
    }
    const offset = j * n;
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += (weights === null ? 1 : (weights[i] as number)) * (x[offset + i] as number);
    const mean = sum / totalWeight;
    means[j] = mean;
    for (let i = 0; i < n; i += 1) x[offset + i] = (x[offset + i] as number) - mean;
    let absoluteSum = 0;
    for (let i = 0; i < n; i += 1) {
      absoluteSum += (weights === null ? 1 : (weights[i] as number)) * Math.abs(x[offset + i] as number);
    }
    // A constant column (absoluteSum 0) is left unscaled; it is aliased and its coefficient becomes NA.
    const factor = absoluteSum > 0 ? totalWeight / absoluteSum : 1;
    scale[j] = factor;
    for (let i = 0; i < n; i += 1) x[offset + i] = (x[offset + i] as number) * factor;
  }
}

function isAllFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i += 1) if (!Number.isFinite(values[i] as number)) return false;
  return true;
}

/**
 * Fits the Cox model by Newton–Raphson with step halving, as survival 3.5-3 `coxfit6`: β starts at 0;
 * a step that lowers the loglik (or overflows) is pulled back towards the last good β, more
 * aggressively each time; convergence is |1 − loglik_best/loglik_new| ≤ ε.
 *
 * Efron tie correction: for d deaths tied at t with risk-score sum D among the deaths and R over the
 * whole risk set (everyone with time ≥ t, including those censored at t),
 * loglik −= (d_w/d) Σ_{k=0}^{d−1} log(R − (k/d)·D); score and information use the same fractional
 * means. Breslow uses log R for every death.
 *
 * Reference: Cox (1972); Efron (1977); Therneau & Grambsch (2000) §3; survival 3.5-3 `src/coxfit6.c`.
 *
 * @example
 * fitCoxNewtonRaphson(sortedData, { ties: 'efron', epsilon: 1e-9, cholTolerance: 2 ** -39, maxIterations: 20 });
 *
 * Validated against: R survival 3.5-3 coxph (golden/lung.json, golden/musto2007.json `os.cox_type_efron` iteration path).
 */
export function fitCoxNewtonRaphson(data: CoxSortedData, options: CoxNewtonRaphsonOptions): CoxNewtonRaphsonFit {
  const p = data.variableCount;
  const isEfron = options.ties === 'efron';
  // Centering works on a copy; with no centered column the caller's block is only read.
  const x = data.isCentered.some((flag) => flag) ? Float64Array.from(data.covariates) : data.covariates;
  const means = new Float64Array(p);
  const scale = new Float64Array(p);
  centerAndScale(data, x, means, scale);

  const work: Workspace = {
    score: new Float64Array(p),
    information: new Float64Array(p * p),
    riskSum: new Float64Array(p),
    riskSumDeaths: new Float64Array(p),
    crossSum: new Float64Array(p * p),
    crossSumDeaths: new Float64Array(p * p),
  };
  const u = work.score;
  const imat = work.information;
  const beta = new Float64Array(p);
  const newBeta = new Float64Array(p);
  const step = new Float64Array(p);

  const loglikNull = evaluatePartialLikelihood(data, x, beta, isEfron, work);
  let loglikBest = loglikNull;
  step.set(u);
  let flag = choleskyDecompose(imat, p, options.cholTolerance);
  choleskySolve(imat, p, step);
  let scoreTest = 0;
  for (let i = 0; i < p; i += 1) scoreTest += (u[i] as number) * (step[i] as number);

  const finish = (coefficients: Float64Array, loglikFinal: number, iterations: number, finalFlag: number) => {
    choleskyInvert(imat, p);
    const variance = new Float64Array(p * p);
    const score = new Float64Array(p);
    const unscaled = new Float64Array(p);
    for (let i = 0; i < p; i += 1) {
      unscaled[i] = (coefficients[i] as number) * (scale[i] as number);
      score[i] = (u[i] as number) / (scale[i] as number);
      for (let j = 0; j < p; j += 1)
        variance[i * p + j] = (imat[i * p + j] as number) * (scale[i] as number) * (scale[j] as number);
    }
    return {
      coefficients: unscaled,
      means,
      score,
      variance,
      loglikNull,
      loglikFinal,
      scoreTest,
      iterations,
      flag: finalFlag,
    };
  };

  if (options.maxIterations === 0 || !Number.isFinite(loglikNull)) return finish(beta, loglikBest, 0, flag);

  // Newton–Raphson with step halving (survival 3.5-3 coxfit6).
  for (let i = 0; i < p; i += 1) newBeta[i] = (beta[i] as number) + (step[i] as number);
  let halving = 0;
  for (let iteration = 1; iteration <= options.maxIterations; iteration += 1) {
    const newLoglik = evaluatePartialLikelihood(data, x, newBeta, isEfron, work);
    flag = choleskyDecompose(imat, p, options.cholTolerance);
    const isEvaluationFinite = Number.isFinite(newLoglik) && isAllFinite(u) && isAllFinite(imat);
    if (isEvaluationFinite && Math.abs(1 - loglikBest / newLoglik) <= options.epsilon) {
      return finish(newBeta, newLoglik, iteration, halving > 0 ? -2 : flag);
    }
    if (!isEvaluationFinite || newLoglik < loglikBest) {
      halving += 1;
      for (let i = 0; i < p; i += 1)
        newBeta[i] = ((newBeta[i] as number) + halving * (beta[i] as number)) / (halving + 1);
    } else {
      halving = 0;
      loglikBest = newLoglik;
      choleskySolve(imat, p, u);
      for (let i = 0; i < p; i += 1) {
        beta[i] = newBeta[i] as number;
        newBeta[i] = (newBeta[i] as number) + (u[i] as number);
      }
    }
  }

  // Ran out of iterations: report the last accepted β with its score and information. (coxfit6
  // inverts the recomputed information without factoring it first, which is right only for p = 1;
  // it is factored here.)
  if (options.maxIterations > 1) {
    const loglikFinal = evaluatePartialLikelihood(data, x, beta, isEfron, work);
    choleskyDecompose(imat, p, options.cholTolerance);
    return finish(beta, loglikFinal, options.maxIterations, 1000);
  }
  return finish(beta, loglikBest, options.maxIterations, 1000);
}
