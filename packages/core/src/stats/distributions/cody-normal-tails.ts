/**
 * Internal: both tails of the standard normal distribution from W. J. Cody's rational Chebyshev
 * approximations (ANORM, ACM TOMS Algorithm 715), so neither tail is formed as 1 − (other tail).
 * Not exported from the package; use `normalCdf` and `normalUpperTail`.
 */

// Coefficients from Cody (1969) as tabulated in ANORM (TOMS 715), written as the doubles they round to.

/** |x| ≤ 0.66291: Φ(x) − ½ = x·(Σ aᵢx²ⁱ)/(Σ bᵢx²ⁱ); pairs (aᵢ, bᵢ), then a₃/b₃ and the leading a₄. */
const smallPairs = [
  [2.2352520354606837, 47.202581904688245],
  [161.02823106855587, 976.0985517377767],
  [1067.6894854603709, 10260.932208618979],
] as const;
const smallLast = [18154.98125334356, 45507.78933502673] as const;
const smallLeading = 0.06568233791820745;

/** 0.66291 < |x| ≤ √32: Q(|x|) = exp(−x²/2)·(Σ cᵢ|x|ⁱ)/(Σ dᵢ|x|ⁱ). */
const middlePairs = [
  [0.39894151208813466, 22.266688044328117],
  [8.883149794388377, 235.387901782625],
  [93.50665613217785, 1519.3775994075547],
  [597.2702763948002, 6485.558298266761],
  [2494.5375852903726, 18615.571640885097],
  [6848.190450536283, 34900.95272114598],
  [11602.65143764735, 38912.00328609327],
] as const;
const middleLast = [9842.714838383978, 19685.429676859992] as const;
const middleLeading = 1.0765576773720192e-8;

/** |x| > √32: Q(|x|) = exp(−x²/2)·(1/√(2π) − r(1/x²))/|x|, r a ratio of polynomials in 1/x². */
const largePairs = [
  [0.215898534057957, 1.284260096144911],
  [0.12740116116024736, 0.4682382124808651],
  [0.022235277870649807, 0.06598813786892856],
  [0.0014216191932278934, 0.0037823963320275824],
] as const;
const largeLast = [2.9112874951168793e-5, 7.297515550839662e-5] as const;
const largeLeading = 0.023073441764940174;

const inverseSqrtTwoPi = 0.3989422804014327;
const sqrt32 = 5.656854249492381;
/**
 * Beyond this |x| the tail is below 2.2e−308 and would be a subnormal number; like R's pnorm it is
 * returned as 0 instead.
 */
const underflowLimit = 37.5193;

export interface NormalTails {
  /** P[Z ≤ x]. */
  readonly lower: number;
  /** P[Z > x]. */
  readonly upper: number;
}

/**
 * exp(−y²/2) · ratio, with y² split as ⌊16y⌋²/256 + δ so that the large exponent is formed exactly
 * (Cody's device for keeping full relative accuracy in the tail).
 */
function scaleByGaussian(y: number, ratio: number): number {
  const ySplit = Math.trunc(y * 16) / 16;
  const delta = (y - ySplit) * (y + ySplit);
  return Math.exp(-ySplit * ySplit * 0.5) * Math.exp(-delta * 0.5) * ratio;
}

/** Returns P[Z ≤ x] and P[Z > x], each with full relative accuracy. */
export function codyNormalTails(x: number): NormalTails {
  if (Number.isNaN(x)) return { lower: Number.NaN, upper: Number.NaN };
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const xSquared = y > 1.1102230246251565e-16 ? x * x : 0;
    let numerator = smallLeading * xSquared;
    let denominator = xSquared;
    for (const [a, b] of smallPairs) {
      numerator = (numerator + a) * xSquared;
      denominator = (denominator + b) * xSquared;
    }
    const half = (x * (numerator + smallLast[0])) / (denominator + smallLast[1]);
    return { lower: 0.5 + half, upper: 0.5 - half };
  }
  let tail: number;
  if (y <= sqrt32) {
    let numerator = middleLeading * y;
    let denominator = y;
    for (const [c, d] of middlePairs) {
      numerator = (numerator + c) * y;
      denominator = (denominator + d) * y;
    }
    tail = scaleByGaussian(y, (numerator + middleLast[0]) / (denominator + middleLast[1]));
  } else if (y < underflowLimit) {
    const inverseSquare = 1 / (x * x);
    let numerator = largeLeading * inverseSquare;
    let denominator = inverseSquare;
    for (const [p, q] of largePairs) {
      numerator = (numerator + p) * inverseSquare;
      denominator = (denominator + q) * inverseSquare;
    }
    const correction = (inverseSquare * (numerator + largeLast[0])) / (denominator + largeLast[1]);
    tail = scaleByGaussian(y, (inverseSqrtTwoPi - correction) / y);
  } else {
    tail = 0;
  }
  return x > 0 ? { lower: 1 - tail, upper: tail } : { lower: tail, upper: 1 - tail };
}
