/** Higgins and Thompson's Q-based I², the definition meta::metaprop reports by default. */

/**
 * Computes the proportion of total variation attributed to heterogeneity from Cochran's Q, as
 * meta's `method.I2 = "Q"` and metafor's equal-effects fit; use it to compare with meta::metaprop.
 * metafor's random-effects I² is τ²-based instead (see `pooledProportion`); the two coincide for DL.
 *
 * Formula: I² = max(0, (Q − df)/Q), a proportion in [0, 1]; 0 when Q = 0; null (R: NA) when df = 0.
 *
 * Reference: Higgins JPT, Thompson SG (2002) Quantifying heterogeneity in a meta-analysis. Stat Med
 * 21:1539–1558; Viechtbauer W (2010) J Stat Softw 36(3) (metafor, method = "EE").
 *
 * @example
 * higginsI2(7.750531367353223, 6); // 0.2258595294158551 (Musto literature, PLO)
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function higginsI2(q: number, df: number): number | null {
  if (!(q >= 0 && Number.isFinite(q))) throw new RangeError(`Q must be finite and ≥ 0 (got ${q})`);
  if (!(Number.isInteger(df) && df >= 0)) throw new RangeError(`df must be a non-negative integer (got ${df})`);
  if (df === 0) return null;
  if (q === 0) return 0;
  return Math.max(0, (q - df) / q);
}
