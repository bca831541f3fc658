/**
 * Median survival and its confidence interval by the rule of R's `print.survfit` and
 * `summary(fit)$table` (survival 3.5-3 `survmean`, inner function `minmin`).
 */
import { timefixTolerance } from './apply-timefix.ts';
import type { KaplanMeierStratum } from './kaplan-meier.ts';

/** A median with its CI limits; null is "not reached" (R's NA). Durations in the caller's unit. */
export interface SurvivalMedian {
  readonly median: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * `minmin(y, x)`: the first x where y < 0.5 + tol; if that y is 0.5 within tol and y later drops
 * below it, the midpoint of that x and the x of the drop. Null entries of y (R's NA) are skipped.
 */
export function firstTimeAtOrBelowHalf(y: ArrayLike<number | null>, x: ArrayLike<number>): number | null {
  const tolerance = timefixTolerance;
  let first = -1;
  for (let i = 0; i < y.length; i += 1) {
    const value = y[i];
    if (value !== null && value !== undefined && value < 0.5 + tolerance) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const y1 = y[first] as number;
  const x1 = x[first] as number;
  if (Math.abs(y1 - 0.5) < tolerance) {
    for (let j = first + 1; j < y.length; j += 1) {
      const value = y[j];
      if (value !== null && value !== undefined && value < y1) return (x1 + (x[j] as number)) / 2;
    }
  }
  return x1;
}

/**
 * Median survival time with the "Brookmeyer–Crowley-like" CI that R prints: the times at which the
 * curve and its pointwise limits first reach 0.5.
 *
 * Formula (`minmin`, tol = √ε ≈ 1.49e−8): median = the first time t with S(t) < 0.5 + tol; if S(t) is
 * 0.5 within tol (the curve sits on 0.5) and a later S is lower, the median is the midpoint of t and
 * the time of that later drop. The CI applies the same rule to the lower limit (→ lower) and the upper
 * limit (→ upper) of the curve's `confType` band, so it changes with the band type; NA limits are
 * skipped. Null means not reached: S (or the band) never gets to 0.5. Censor-only rows take part,
 * which is why a curve resting on exactly 0.5 until the end gives the time it reached 0.5.
 *
 * Reference: Brookmeyer R, Crowley J. Biometrics 1982;38:29–41. Therneau TM, survival 3.5-3
 * `print.survfit.R` (`survmean`).
 *
 * @example
 * const curve = kaplanMeier({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 1, 1, 1] }).strata[0];
 * survivalMedian(curve); // { median: 3.5, lower: 2, upper: null }
 *
 * Validated against: R survival 3.5-3 survfit (golden/lung.json)
 */
export function survivalMedian(curve: KaplanMeierStratum): SurvivalMedian {
  return {
    median: firstTimeAtOrBelowHalf(curve.surv, curve.time),
    lower: firstTimeAtOrBelowHalf(curve.lower, curve.time),
    upper: firstTimeAtOrBelowHalf(curve.upper, curve.time),
  };
}
