import { type HypergeometricUrn, hypergeometricLogDensity } from '../distributions/hypergeometric-log-density.ts';
import { compensatedSum } from './compensated-sum.ts';

/**
 * Internal: Fisher's noncentral hypergeometric distribution of the [1,1] cell of a 2×2 table given
 * its margins, computed as R's `fisher.test` does (densities normalised after subtracting the
 * maximum log density), for the p-values, the conditional MLE and its confidence limits.
 */
export interface NoncentralHypergeometric {
  /** Smallest possible [1,1] count, max(0, k − n). */
  readonly low: number;
  /** Largest possible [1,1] count, min(k, m). */
  readonly high: number;
  /** Normalised probabilities of low..high at odds ratio ψ. */
  density(oddsRatio: number): Float64Array;
  /** E_ψ[X]. */
  mean(oddsRatio: number): number;
  /** P_ψ[X ≤ q], or P_ψ[X ≥ q] when upperTail. */
  tail(q: number, oddsRatio: number, upperTail: boolean): number;
}

/** Urn of the 2×2 table [[a, b], [c, d]]: m = a + c, n = b + d, k = a + b, observed x = a. */
export interface TwoByTwoMargins {
  readonly x: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

/**
 * P[X ≤ x] for the central hypergeometric distribution (R: `phyper`): the smaller tail is written as
 * d(x)·(1 + Σ_j Π_{i<j} ratio), summing the term ratios of the density downwards until they vanish.
 */
function centralHypergeometricTail(x0: number, urn: HypergeometricUrn, lowerTail0: boolean): number {
  const draws = urn.draws;
  let x = Math.floor(x0 + 1e-7);
  let red = urn.successes;
  let black = urn.failures;
  let lowerTail = lowerTail0;
  if (x * (red + black) > draws * red) {
    // Work in the other tail: count the black balls instead.
    [red, black] = [black, red];
    x = draws - x - 1;
    lowerTail = !lowerTail;
  }
  if (x < 0 || x < draws - black) return lowerTail ? 0 : 1;
  if (x >= red || x >= draws) return lowerTail ? 1 : 0;
  const density = Math.exp(hypergeometricLogDensity(x, { successes: red, failures: black, draws }));
  if (density === 0) return lowerTail ? 0 : 1;
  let sum = 0;
  let term = 1;
  for (let i = x; i > 0 && term >= 2.220446049250313e-16 * sum; i -= 1) {
    term *= (i * (black - draws + i)) / (draws + 1 - i) / (red + 1 - i);
    sum += term;
  }
  const tail = density * (1 + sum);
  return lowerTail ? tail : 0.5 - tail + 0.5;
}

export function noncentralHypergeometric(margins: TwoByTwoMargins): NoncentralHypergeometric {
  const { x, m, n, k } = margins;
  const low = Math.max(0, k - n);
  const high = Math.min(k, m);
  const size = high - low + 1;
  const logCentral = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    logCentral[i] = hypergeometricLogDensity(low + i, { successes: m, failures: n, draws: k });
  }
  const density = (oddsRatio: number): Float64Array => {
    const logOdds = Math.log(oddsRatio);
    const values = new Float64Array(size);
    let maximum = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < size; i += 1) {
      values[i] = (logCentral[i] ?? 0) + logOdds * (low + i);
      maximum = Math.max(maximum, values[i] ?? 0);
    }
    for (let i = 0; i < size; i += 1) values[i] = Math.exp((values[i] ?? 0) - maximum);
    const total = compensatedSum(values);
    for (let i = 0; i < size; i += 1) values[i] = (values[i] ?? 0) / total;
    return values;
  };
  const mean = (oddsRatio: number): number => {
    if (oddsRatio === 0) return low;
    if (oddsRatio === Number.POSITIVE_INFINITY) return high;
    const values = density(oddsRatio);
    for (let i = 0; i < size; i += 1) values[i] = (low + i) * (values[i] ?? 0);
    return compensatedSum(values);
  };
  const tail = (q: number, oddsRatio: number, upperTail: boolean): number => {
    if (oddsRatio === 1) {
      const urn = { successes: m, failures: n, draws: k };
      return upperTail ? centralHypergeometricTail(x - 1, urn, false) : centralHypergeometricTail(x, urn, true);
    }
    if (oddsRatio === 0) return Number(upperTail ? q <= low : q >= low);
    if (oddsRatio === Number.POSITIVE_INFINITY) return Number(upperTail ? q <= high : q >= high);
    const values = density(oddsRatio);
    const selected: number[] = [];
    for (let i = 0; i < size; i += 1) {
      const support = low + i;
      if (upperTail ? support >= q : support <= q) selected.push(values[i] ?? 0);
    }
    return compensatedSum(selected);
  };
  return { low, high, density, mean, tail };
}
