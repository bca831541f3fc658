/** Miller's inverse of the Freeman–Tukey double arcsine (metafor transf.ipft / transf.ipft.hm). */

/**
 * Back-transforms a double arcsine value t to a proportion for sample size n, as metafor's
 * `transf.ipft(t, n)`; pass the harmonic mean of the study sizes to get `transf.ipft.hm`.
 *
 * Formula (Miller 1978): p = ½[1 − sgn(cos 2t)·√(1 − (sin 2t + (sin 2t − 1/sin 2t)/n)²)], set to 0 when
 * t < ½asin√(1/(n+1)) (the transform of 0 events) and to 1 when t > ½[asin√(n/(n+1)) + π/2] (the
 * transform of n events). Inside those bounds the root's argument lies in [0, 1], so the result is
 * always a number.
 *
 * Reference: Miller JJ (1978) The inverse of the Freeman–Tukey double arcsine transformation. Am Stat
 * 32(4):138; Viechtbauer W (2010) J Stat Softw 36(3):1–48 (transf.ipft.hm).
 *
 * @example
 * const harmonicMeanN = 7 / (1 / 25 + 1 / 8 + 1 / 27 + 1 / 26 + 1 / 18 + 1 / 24 + 1 / 8); // 15.1279…
 * inverseDoubleArcsine(0.7249822492194979, harmonicMeanN); // 0.4358724883801906 (Musto literature, PFT, DL)
 *
 * Validated against: R metafor 3.8-1 rma.uni (golden/musto2007.json, golden/metafor_pritz1997.json)
 */
export function inverseDoubleArcsine(transformed: number, sampleSize: number): number {
  if (Number.isNaN(transformed)) throw new RangeError('the transformed value must not be NaN');
  if (!(sampleSize > 0 && Number.isFinite(sampleSize))) {
    throw new RangeError(`sample size must be finite and > 0 (got ${sampleSize})`);
  }
  const upperBound = 0.5 * (Math.asin(Math.sqrt(sampleSize / (sampleSize + 1))) + Math.asin(1));
  const lowerBound = 0.5 * (Math.asin(0) + Math.asin(Math.sqrt(1 / (sampleSize + 1))));
  // metafor clamps after computing, so the bounds win over anything the formula gives outside them.
  if (transformed > upperBound) return 1;
  if (transformed < lowerBound) return 0;
  const sine = Math.sin(2 * transformed);
  const inner = sine + (sine - 1 / sine) / sampleSize;
  const proportion = 0.5 * (1 - Math.sign(Math.cos(2 * transformed)) * Math.sqrt(1 - inner * inner));
  if (Number.isNaN(proportion)) {
    throw new RangeError(`Miller's inverse is undefined at t = ${transformed}, n = ${sampleSize}`);
  }
  return proportion;
}
