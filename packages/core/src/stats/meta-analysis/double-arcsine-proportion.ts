/** The Freeman–Tukey double arcsine transformation of one study proportion (metafor PFT). */
import { assertProportionCounts } from './effect-sizes.ts';

/** One study on the double arcsine scale. */
export interface DoubleArcsineProportion {
  /** ½[asin√(x/(n+1)) + asin√((x+1)/(n+1))], in radians. */
  readonly yi: number;
  /** 1/(4n + 2). */
  readonly vi: number;
}

/**
 * Transforms `events` out of `n` with the Freeman–Tukey double arcsine and its variance, exactly as
 * metafor's `escalc(measure = "PFT")` (no continuity correction: `add` defaults to 0 for PFT).
 *
 * Formula: yi = ½[asin√(x/(n+1)) + asin√((x+1)/(n+1))], vi = 1/(4n + 2). yi runs from
 * ½asin√(1/(n+1)) at x = 0 to π/2 − ½asin√(1/(n+1)) at x = n; both ends are finite.
 *
 * Reference: Freeman MF, Tukey JW (1950) Transformations related to the angular and the square
 * root. Ann Math Stat 21:607–611; Viechtbauer W (2010) J Stat Softw 36(3) (escalc, measure "PFT").
 *
 * @example
 * doubleArcsineProportion(12, 25); // { yi: 0.7661483782332424, vi: 0.00980392156862745 }
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function doubleArcsineProportion(events: number, n: number): DoubleArcsineProportion {
  assertProportionCounts(events, n);
  return {
    yi: 0.5 * (Math.asin(Math.sqrt(events / (n + 1))) + Math.asin(Math.sqrt((events + 1) / (n + 1)))),
    vi: 1 / (4 * n + 2),
  };
}
