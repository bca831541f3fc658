/** The logit (log-odds) transformation of one study proportion with its sampling variance (metafor PLO). */
import { assertProportionCounts } from './effect-sizes.ts';

/** One study on the logit scale. */
export interface LogitProportion {
  /** log(p/(1 − p)) of the (corrected) proportion. */
  readonly yi: number;
  /** 1/x + 1/(n − x) of the (corrected) counts. */
  readonly vi: number;
  /** True when ½ was added to both cells because the study had 0 or n events. */
  readonly isContinuityCorrected: boolean;
}

/**
 * Transforms `events` out of `n` to the log odds of the proportion and its large-sample variance,
 * exactly as metafor's `escalc(measure = "PLO")` with the defaults `add = 1/2, to = "only0"`,
 * `vtype = "LS"`.
 *
 * Formula: with x events and m = n − x, when x = 0 or m = 0 add ½ to both x and m; then
 * p = x/(x + m), yi = log(p/(1 − p)) and vi = 1/x + 1/m. Studies with 0 < x < n are not corrected.
 *
 * Reference: Viechtbauer W (2010) Conducting meta-analyses in R with the metafor package.
 * J Stat Softw 36(3):1–48 (escalc, measure "PLO").
 *
 * @example
 * logitProportion(12, 25); // { yi: -0.0800427076735365, vi: 0.16025641025641024, isContinuityCorrected: false }
 * logitProportion(10, 10); // { yi: log(21), vi: 1/10.5 + 1/0.5, isContinuityCorrected: true }
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function logitProportion(events: number, n: number): LogitProportion {
  assertProportionCounts(events, n);
  const isContinuityCorrected = events === 0 || events === n;
  const x = isContinuityCorrected ? events + 0.5 : events;
  const m = isContinuityCorrected ? n - events + 0.5 : n - events;
  // Same operation order as escalc: the proportion first, then its log odds.
  const proportion = x / (x + m);
  return {
    yi: Math.log(proportion / (1 - proportion)),
    vi: 1 / x + 1 / m,
    isContinuityCorrected,
  };
}
