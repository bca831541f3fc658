/**
 * Pointwise confidence limits for a survival curve, as R survival's `survfit_confint` computes them
 * with `logse = TRUE` (the stored standard error is that of −log S) and `conf.lower = "usual"`.
 */
import { normalQuantile } from '../distributions/index.ts';

/** `'log'` (R's default), `'log-log'` or `'plain'`: the scale on which the normal interval is built. */
export type SurvivalConfidenceType = 'log' | 'log-log' | 'plain';

/** The two-sided normal quantile R uses for a confidence level: `qnorm(1 − (1 − conf.int)/2)`. */
export function confidenceLevelToZ(confLevel: number): number {
  if (!(confLevel > 0 && confLevel < 1)) throw new RangeError(`confLevel must be in (0, 1) (got ${confLevel})`);
  return normalQuantile(1 - (1 - confLevel) / 2);
}

/**
 * Fills `lower[i]`/`upper[i]` for survival `surv[i]` with Greenwood SE of −log S `stdErr[i]` and normal
 * quantile `z`. Where R gives NA or NaN (S = 0; for log-log also S = 1) the limit is null. The
 * arithmetic keeps R's operation order:
 * - log: `exp(log S ∓ z·se)`, upper capped at 1;
 * - log-log: `se2 = z·se/log S`, `exp(−exp(log(−log S) ∓ se2))`;
 * - plain: `S ∓ se·S·z`, clipped to [0, 1].
 */
export function fillSurvivalConfidenceBand(
  curve: { readonly surv: ArrayLike<number>; readonly stdErr: ArrayLike<number> },
  band: { readonly z: number; readonly type: SurvivalConfidenceType },
  out: { readonly lower: Array<number | null>; readonly upper: Array<number | null> },
): void {
  const { surv, stdErr } = curve;
  const { z, type } = band;
  for (let i = 0; i < surv.length; i += 1) {
    const s = surv[i] as number;
    const se = stdErr[i] as number;
    let lower = Number.NaN;
    let upper = Number.NaN;
    if (type === 'log') {
      if (s !== 0) {
        const se2 = z * se;
        lower = Math.exp(Math.log(s) - se2);
        upper = Math.min(Math.exp(Math.log(s) + se2), 1);
      }
    } else if (type === 'log-log') {
      if (s !== 0 && s !== 1) {
        const se2 = (z * se) / Math.log(s);
        const logMinusLog = Math.log(-Math.log(s));
        lower = Math.exp(-Math.exp(logMinusLog - se2));
        upper = Math.exp(-Math.exp(logMinusLog + se2));
      }
    } else {
      // R scales the lower half-width by se/se, which is NaN (0·∞) once S has reached 0.
      const se2 = se * s * z;
      if (Number.isFinite(se)) {
        lower = Math.max(s - se2, 0);
        upper = Math.min(s + se2, 1);
      }
    }
    out.lower.push(Number.isNaN(lower) ? null : lower);
    out.upper.push(Number.isNaN(upper) ? null : upper);
  }
}
