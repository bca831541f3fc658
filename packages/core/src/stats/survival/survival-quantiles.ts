/**
 * Survival-time quantiles with confidence limits by the rule of R's `quantile.survfit()` (survival
 * 3.5-3, inner functions `findq` and `doquant`), which differs from `print.survfit`'s median rule on a
 * plateau that lasts to the end of follow-up.
 */
import { timefixTolerance } from './apply-timefix.ts';
import type { KaplanMeierStratum } from './kaplan-meier.ts';

/** Quantiles of the survival time at `probs`, with CI limits; null is "not reached" (R's NA). */
export interface SurvivalQuantiles {
  readonly probs: readonly number[];
  readonly quantile: ReadonlyArray<number | null>;
  readonly lower: ReadonlyArray<number | null>;
  readonly upper: ReadonlyArray<number | null>;
}

/**
 * R's `approx(x, 1:n, xout, method = "constant", f = 1, rule = 1)`, returning the (1-based, possibly
 * tie-averaged) index or null. `regularize.values` first drops NA x, orders x when unsorted and
 * replaces tied x by one entry with the mean of their indices.
 */
function constantStepIndex(x: ReadonlyArray<number | null>): (xout: number) => number | null {
  const pairs: Array<{ x: number; index: number }> = [];
  for (let i = 0; i < x.length; i += 1) {
    const value = x[i];
    if (value !== null && value !== undefined) pairs.push({ x: value, index: i + 1 });
  }
  pairs.sort((a, b) => a.x - b.x); // stable, like R's order()
  const knots: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    let sum = 0;
    while (j < pairs.length && (pairs[j] as { x: number }).x === (pairs[i] as { x: number }).x) {
      sum += (pairs[j] as { index: number }).index;
      j += 1;
    }
    knots.push((pairs[i] as { x: number }).x);
    indices.push(j - i === 1 ? sum : sum / (j - i));
    i = j;
  }
  return (v: number): number | null => {
    const last = knots.length - 1;
    if (last < 0 || v < (knots[0] as number) || v > (knots[last] as number)) return null;
    // approx1(): bisection to x[i] ≤ v ≤ x[j] with j = i + 1; f = 1 takes the right end unless v hits x[i].
    let i = 0;
    let j = last;
    while (i < j - 1) {
      const middle = Math.floor((i + j) / 2);
      if (v < (knots[middle] as number)) j = middle;
      else i = middle;
    }
    if (v === knots[j]) return indices[j] as number;
    if (v === knots[i]) return indices[i] as number;
    return indices[j] as number;
  };
}

/** R's `x[index]` for a 1-based, possibly fractional index (truncated), or null for NA. */
function pick(x: readonly number[], index: number | null): number | null {
  if (index === null) return null;
  return x[Math.trunc(index) - 1] ?? null;
}

/** `findq(x, y, p, tol)` on a cumulative-distribution curve y = c(0, 1 − S) against x = c(0, time). */
function findQuantiles(x: readonly number[], y: ReadonlyArray<number | null>, probs: readonly number[]) {
  const tolerance = timefixTolerance;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const value of y) if (value !== null && value > maxY) maxY = value;
  if (maxY < Math.min(...probs)) return probs.map(() => null);
  const xmax = x[x.length - 1] as number;
  // duplicated(y): keep the first of each value (NA counts as one value).
  const seen = new Set<number | null>();
  const keptX: number[] = [];
  const keptY: Array<number | null> = [];
  for (let i = 0; i < y.length; i += 1) {
    const value = y[i] ?? null;
    if (seen.has(value)) continue;
    seen.add(value);
    keptX.push(x[i] as number);
    keptY.push(value);
  }
  const above = constantStepIndex(keptY.map((value) => (value === null ? null : value + tolerance)));
  const below = constantStepIndex(keptY.map((value) => (value === null ? null : value - tolerance)));
  const lastY = keptY[keptY.length - 1] ?? null;
  return probs.map((p): number | null => {
    const x1 = pick(keptX, above(p));
    if (lastY !== null && Math.abs(p - lastY) < tolerance) {
      // A flat stretch at the end of the curve: the midpoint to the last observed time (applied last in R).
      return x1 === null ? null : (x1 + xmax) / 2;
    }
    if (p === 0) return keptX[0] as number;
    const x2 = pick(keptX, below(p));
    return x1 === null || x2 === null ? null : (x1 + x2) / 2;
  });
}

/**
 * Quantiles of the survival-time distribution estimated by a Kaplan–Meier curve (R's
 * `quantile(fit, probs)`), with limits from the curve's pointwise `confType` band.
 *
 * Formula (`findq`, tol = √ε): on F = c(0, 1 − S) against c(0, time), after dropping repeated F values
 * (censor-only rows), the p-quantile is the mean of the times where F + tol and F − tol first reach p
 * (`approx(method = "constant", f = 1)`), so a flat stretch exactly at p gives the midpoint of its
 * start and the next drop. If p equals the last F within tol (a flat end), the result is the midpoint
 * of the time F reached p and the last time. The lower limit uses 1 − lower band, the upper limit
 * 1 − upper band. Null = not reached; if no curve value reaches the smallest p, all are null.
 *
 * Reference: Therneau TM, survival 3.5-3 `quantile.survfit.R`.
 *
 * @example
 * const curve = kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 0, 0] }).strata[0];
 * survivalQuantiles(curve).quantile; // [1.5, 3, null] (print's median rule gives 2)
 *
 * Validated against: R survival 3.5-3 survfit (golden/lung.json)
 */
export function survivalQuantiles(
  curve: KaplanMeierStratum,
  probs: readonly number[] = [0.25, 0.5, 0.75],
): SurvivalQuantiles {
  if (probs.length === 0) throw new RangeError('at least one probability is needed');
  probs.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probs[${i}] must be in [0, 1] (got ${p})`);
  });
  const x = [0, ...curve.time];
  const oneMinus = (band: ReadonlyArray<number | null>): Array<number | null> => [
    0,
    ...band.map((value) => (value === null ? null : 1 - value)),
  ];
  return {
    probs: [...probs],
    quantile: findQuantiles(x, oneMinus(curve.surv), probs),
    lower: findQuantiles(x, oneMinus(curve.lower), probs),
    upper: findQuantiles(x, oneMinus(curve.upper), probs),
  };
}
