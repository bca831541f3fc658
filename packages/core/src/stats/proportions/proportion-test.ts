import { chiSquareUpperTail } from '../distributions/chi-square-upper-tail.ts';
import { normalCdf } from '../distributions/normal-cdf.ts';
import { normalQuantile } from '../distributions/normal-quantile.ts';
import { normalUpperTail } from '../distributions/normal-upper-tail.ts';
import { type Alternative, checkConfLevel } from './alternative.ts';
import { compensatedSum } from './compensated-sum.ts';

export interface ProportionTestOptions {
  /**
   * Null probabilities, one per group (a single number is used for every group). Omitted: 0.5 for
   * one group, otherwise the test of equal proportions.
   */
  readonly p?: number | ReadonlyArray<number>;
  /** Default 'two.sided'; as in R it is forced to 'two.sided' for more than two groups or two groups with p. */
  readonly alternative?: Alternative;
  /** Default 0.95. */
  readonly confLevel?: number;
  /** Yates' continuity correction (only ever applied with one or two groups); default true. */
  readonly correct?: boolean;
}

export interface ProportionTestResult {
  /** Pearson's X² with Yates' correction when it applies. */
  readonly statistic: number;
  readonly df: number;
  /** In [0, 1]. */
  readonly pValue: number;
  /** Observed proportions x/n, one per group. */
  readonly estimate: readonly number[];
  /** Null probabilities, one per group; null for the test of equal proportions (R: NULL). */
  readonly nullValue: readonly number[] | null;
  /**
   * Confidence limits: Wilson score interval (with continuity correction when applied) for one
   * group, the Wald interval of p₁ − p₂ for two groups without p; null otherwise (R: none).
   */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confLevel: number;
  readonly alternative: Alternative;
  /** The continuity correction actually subtracted from each |O − E| (0 when not applied). */
  readonly continuityCorrection: number;
  /** 'expected-count-below-5' when R would warn "Chi-squared approximation may be incorrect". */
  readonly warnings: readonly 'expected-count-below-5'[];
}

function checkInputs(x: ReadonlyArray<number>, n: ReadonlyArray<number>, p: ReadonlyArray<number> | null): void {
  if (x.length < 1 || x.length !== n.length) {
    throw new RangeError('proportionTest: x and n must be non-empty and of the same length');
  }
  x.forEach((xi, i) => {
    const ni = n[i] ?? Number.NaN;
    if (!(ni > 0) || !Number.isFinite(ni)) throw new RangeError(`proportionTest: n[${i}] must be positive`);
    if (!(xi >= 0 && xi <= ni)) throw new RangeError(`proportionTest: x[${i}] must be in [0, n[${i}]]`);
  });
  if (p !== null) {
    if (p.length !== x.length) throw new RangeError("proportionTest: 'p' must have the same length as 'x' and 'n'");
    if (p.some((value) => !(value > 0 && value < 1))) throw new RangeError('proportionTest: p must be in (0, 1)');
  }
}

/** Wilson score limits with continuity correction `yates` (R's one-sample prop.test interval). */
function wilsonLimits(
  x: number,
  n: number,
  { z, yates }: { z: number; yates: number },
): { lower: number; upper: number } {
  const estimate = x / n;
  const z22n = z ** 2 / (2 * n);
  let pc = estimate + yates / n;
  const upper = pc >= 1 ? 1 : (pc + z22n + z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  pc = estimate - yates / n;
  const lower = pc <= 0 ? 0 : (pc + z22n - z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  return { lower, upper };
}

/**
 * Pearson's chi-square test for one proportion, for equality of k proportions, or against given
 * proportions, with Yates' continuity correction for one or two groups (R: `prop.test`).
 *
 * Formula: X² = Σ (|O − E| − c)²/E over the 2k cells (successes and failures), E = n·p₀ (p₀ given) or
 * n·Σx/Σn (equal proportions, df = k − 1; df = k when p₀ is given), c = min(½, |x − np₀|) for one group
 * and c = min(½, |p̂₁ − p̂₂|/Σ1/nᵢ) for two, else 0. p = P[χ²_df > X²]; one-sided tests use
 * ±√X² against the normal. Intervals: one group, Wilson with continuity correction,
 * (p_c + z²/2n ± z√(p_c(1−p_c)/n + z²/4n²))/(1 + z²/n) with p_c = p̂ ± c/n, clamped to [0, 1]; two
 * groups, p̂₁ − p̂₂ ± (z√Σp̂ᵢ(1−p̂ᵢ)/nᵢ + c·Σ1/nᵢ), clamped to [−1, 1].
 *
 * Reference: E. B. Wilson, JASA 22 (1927) 209–212; R. G. Newcombe, Statistics in Medicine 17 (1998)
 * 857–872 and 873–890 (methods 4 and 10); F. Yates, JRSS Suppl. 1 (1934) 217–235.
 *
 * @example proportionTest([11], [12], { p: 0.45 }).pValue // 0.0030831860909079543
 *
 * Validated against: R 4.2.2 prop.test (golden/stats_tests.json, golden/musto2007.json, golden/proportions_extra.json)
 */
export function proportionTest(
  x: ReadonlyArray<number>,
  n: ReadonlyArray<number>,
  options: ProportionTestOptions = {},
): ProportionTestResult {
  const k = x.length;
  const confLevel = options.confLevel ?? 0.95;
  const correct = options.correct ?? true;
  let nullValue: readonly number[] | null =
    options.p === undefined ? null : typeof options.p === 'number' ? x.map(() => options.p as number) : [...options.p];
  if (nullValue === null && k === 1) nullValue = [0.5];
  checkInputs(x, n, nullValue);
  checkConfLevel('proportionTest', confLevel);
  const requested = options.alternative ?? 'two.sided';
  const alternative: Alternative = k > 2 || (k === 2 && nullValue !== null) ? 'two.sided' : requested;
  const estimate = x.map((xi, i) => xi / (n[i] ?? 1));
  const z = normalQuantile(alternative === 'two.sided' ? (1 + confLevel) / 2 : confLevel);
  let yates = correct && k <= 2 ? 0.5 : 0;
  let lower: number | null = null;
  let upper: number | null = null;
  let delta = 0;
  if (k === 1) {
    const x1 = x[0] ?? 0;
    const n1 = n[0] ?? 1;
    yates = Math.min(yates, Math.abs(x1 - n1 * (nullValue?.[0] ?? 0.5)));
    const limits = wilsonLimits(x1, n1, { z, yates });
    lower = alternative === 'less' ? 0 : Math.max(limits.lower, 0);
    upper = alternative === 'greater' ? 1 : Math.min(limits.upper, 1);
  } else if (k === 2 && nullValue === null) {
    delta = (estimate[0] ?? 0) - (estimate[1] ?? 0);
    const sumInverseN = compensatedSum(n.map((ni) => 1 / ni));
    yates = Math.min(yates, Math.abs(delta) / sumInverseN);
    const width =
      z * Math.sqrt(compensatedSum(estimate.map((e, i) => (e * (1 - e)) / (n[i] ?? 1)))) + yates * sumInverseN;
    lower = alternative === 'less' ? -1 : Math.max(delta - width, -1);
    upper = alternative === 'greater' ? 1 : Math.min(delta + width, 1);
  }
  const pooled = compensatedSum(x) / compensatedSum(n);
  const df = nullValue === null ? k - 1 : k;
  const nullProbabilities = nullValue ?? x.map(() => pooled);
  const terms: number[] = [];
  let smallExpected = false;
  const failures: number[] = [];
  x.forEach((xi, i) => {
    const ni = n[i] ?? 1;
    const pi = nullProbabilities[i] ?? 0;
    const expectedSuccesses = ni * pi;
    const expectedFailures = ni * (1 - pi);
    if (expectedSuccesses < 5 || expectedFailures < 5) smallExpected = true;
    terms.push((Math.abs(xi - expectedSuccesses) - yates) ** 2 / expectedSuccesses);
    failures.push((Math.abs(ni - xi - expectedFailures) - yates) ** 2 / expectedFailures);
  });
  // R sums the 2k cells column by column: all successes, then all failures.
  const statistic = compensatedSum([...terms, ...failures]);
  let pValue: number;
  if (alternative === 'two.sided') {
    pValue = chiSquareUpperTail(statistic, df);
  } else {
    const sign = Math.sign(k === 1 ? (estimate[0] ?? 0) - (nullValue?.[0] ?? 0.5) : delta);
    const zStatistic = sign * Math.sqrt(statistic);
    pValue = alternative === 'less' ? normalCdf(zStatistic) : normalUpperTail(zStatistic);
  }
  return {
    statistic,
    df,
    pValue,
    estimate,
    nullValue: options.p === undefined && k > 1 ? null : nullValue,
    lower,
    upper,
    confLevel,
    alternative,
    continuityCorrection: yates,
    warnings: smallExpected ? ['expected-count-below-5'] : [],
  };
}
