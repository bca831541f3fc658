/**
 * Restricted mean survival time and its standard error as R's `print.survfit(rmean = ...)` and
 * `summary(fit)$table` compute them (survival 3.5-3 `survmean`).
 */
import { ExtendedPrecisionSum } from './extended-precision-sum.ts';
import type { KaplanMeierStratum } from './kaplan-meier.ts';

/** Area under S(t) from 0 to `endTime`, with its SE; durations in the caller's unit. */
export interface RestrictedMean {
  readonly restrictedMean: number;
  readonly stdErr: number;
  readonly endTime: number;
}

/**
 * Restricted mean survival time: the area under the Kaplan–Meier curve from the start time (0) to
 * `endTime`, with the Greenwood-type standard error of Miller (1981).
 *
 * Formula: with rows t_1 < … < t_m ≤ endTime, rectangles r_1 = t_1 − 0 (under S = 1) and
 * r_k = (t_k − t_{k−1})·S(t_{k−1}) for k = 2…m+1 with t_{m+1} = endTime; rmean = Σ r_k.
 * Var = Σ_{i=1..m} h_i·(Σ_{k>i} r_k)² with h_i = d_i/(n_i(n_i − d_i)), or 0 when n_i = d_i.
 * Sums and the running sum use compensated accumulation, standing in for R's long double.
 * Pass `endTime = result.commonEndTime` for R's `rmean = "common"` (the largest time over all curves,
 * the default of `summary()`); the default here is the curve's own last time (`rmean = "individual"`).
 * An `endTime` before the first time gives endTime itself (area under S = 1).
 *
 * Reference: Miller RG. Survival Analysis. Wiley 1981, pp. 195–196. Therneau TM, survival 3.5-3
 * `print.survfit.R` (`survmean`).
 *
 * @example
 * const fit = kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 1, 1] });
 * restrictedMean(fit.strata[0], fit.commonEndTime); // { restrictedMean: 2.5, stdErr: 0.559…, endTime: 4 }
 *
 * Validated against: R survival 3.5-3 survfit (golden/lung.json)
 */
export function restrictedMean(curve: KaplanMeierStratum, endTime?: number): RestrictedMean {
  const { time, surv, nRisk, nEvent } = curve;
  const rows = time.length;
  const end = endTime ?? (rows > 0 ? (time[rows - 1] as number) : 0);
  if (!(end >= 0 && end < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`endTime must be finite and ≥ 0 (got ${String(endTime)})`);
  }
  let kept = 0;
  while (kept < rows && (time[kept] as number) <= end) kept += 1;
  // temptime = c(time[keep], end); rectangles = diff(c(0, temptime)) * c(1, tempsurv[-n]).
  const rectangles = new Float64Array(kept + 1);
  let previousTime = 0;
  let previousSurv = 1;
  const mean = new ExtendedPrecisionSum();
  for (let k = 0; k <= kept; k += 1) {
    const t = k < kept ? (time[k] as number) : end;
    rectangles[k] = (t - previousTime) * previousSurv;
    mean.add(rectangles[k] as number);
    previousTime = t;
    if (k < kept) previousSurv = surv[k] as number;
  }
  // varmean = sum(cumsum(rev(rectangles[-1]))^2 * rev(hh)[-1]).
  const areaAfter = new ExtendedPrecisionSum();
  const variance = new ExtendedPrecisionSum();
  for (let i = kept - 1; i >= 0; i -= 1) {
    areaAfter.add(rectangles[i + 1] as number);
    const d = nEvent[i] as number;
    const n = nRisk[i] as number;
    const h = n - d === 0 ? 0 : d / (n * (n - d));
    const area = areaAfter.value();
    variance.add(area * area * h);
  }
  return { restrictedMean: mean.value(), stdErr: Math.sqrt(variance.value()), endTime: end };
}
