/** The inverse logit (R plogis, metafor transf.ilogit): log odds back to a proportion. */

/**
 * Back-transforms a log odds to a proportion in [0, 1], as R's `plogis` (metafor `transf.ilogit`).
 *
 * Formula: p = 1/(1 + exp(−x)); −∞ gives 0 and +∞ gives 1.
 *
 * Reference: Viechtbauer W (2010) J Stat Softw 36(3):1–48 (transf.ilogit); R Core Team, plogis.
 *
 * @example
 * inverseLogit(-0.25076225997835766); // 0.4376358898543821 (Musto literature, PLO, DL; R prints 0.437635889854382)
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function inverseLogit(logOdds: number): number {
  if (Number.isNaN(logOdds)) throw new RangeError('log odds must not be NaN');
  // R's plogis (nmath/plogis.c): 1 / (1 + exp(-x)) for the lower tail.
  return 1 / (1 + Math.exp(-logOdds));
}
