import { binomialCdf } from '../distributions/binomial-cdf.ts';
import { binomialDensity } from '../distributions/binomial-density.ts';
import { binomialUpperTail } from '../distributions/binomial-upper-tail.ts';
import { type Alternative, checkConfLevel, checkCount } from './alternative.ts';
import { clopperPearsonInterval } from './clopper-pearson-interval.ts';

export interface BinomialTestOptions {
  /** Hypothesised probability of success p₀, default 0.5. */
  readonly p?: number;
  /** Default 'two.sided'. */
  readonly alternative?: Alternative;
  /** Level of the Clopper–Pearson interval, default 0.95. */
  readonly confLevel?: number;
}

export interface BinomialTestResult {
  readonly x: number;
  readonly n: number;
  /** Observed proportion x/n. */
  readonly estimate: number;
  /** Hypothesised probability p₀. */
  readonly nullValue: number;
  /**
   * Exact p-value in [0, 1]. R 4.2.2 does not cap the two-sided sum, which can exceed 1 by a rounding
   * error; it is capped here (a difference of at most a few ulp).
   */
  readonly pValue: number;
  /** Clopper–Pearson limits for the same alternative and confLevel. */
  readonly lower: number;
  readonly upper: number;
  readonly confLevel: number;
  readonly alternative: Alternative;
}

/** R's relative tolerance for "as or less likely than the observed count" (binom.test, fisher.test). */
const relativeErrorAllowance = 1 + 1e-7;

function twoSidedPValue(x: number, n: number, p: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (p === 1) return x === n ? 1 : 0;
  const observed = binomialDensity(x, n, p);
  const mean = n * p;
  if (x === mean) return 1;
  const threshold = observed * relativeErrorAllowance;
  if (x < mean) {
    let count = 0;
    for (let i = Math.ceil(mean); i <= n; i += 1) if (binomialDensity(i, n, p) <= threshold) count += 1;
    return binomialCdf(x, n, p) + binomialUpperTail(n - count, n, p);
  }
  let count = 0;
  for (let i = 0; i <= Math.floor(mean); i += 1) if (binomialDensity(i, n, p) <= threshold) count += 1;
  return binomialCdf(count - 1, n, p) + binomialUpperTail(x - 1, n, p);
}

/**
 * Exact binomial test of H₀: P(success) = p₀ with the Clopper–Pearson interval (R: `binom.test`).
 *
 * Formula: 'less' p = P[X ≤ x], 'greater' p = P[X ≥ x], X ~ Binomial(n, p₀). Two-sided p (R's
 * definition) = the total probability of outcomes no more likely than x: with d = P[X = x] and
 * m = n·p₀, if x < m, y = #{i ≥ ⌈m⌉ : P[X = i] ≤ d·(1 + 1e−7)} and p = P[X ≤ x] + P[X > n − y]; if
 * x > m, y = #{i ≤ ⌊m⌋ : P[X = i] ≤ d·(1 + 1e−7)} and p = P[X ≤ y − 1] + P[X ≥ x]; p = 1 if x = m.
 *
 * Reference: C. J. Clopper and E. S. Pearson, Biometrika 26 (1934) 404–413; R Core Team,
 * `binom.test` (stats, R 4.2.2), whose two-sided rule this reproduces.
 *
 * @example binomialTest(11, 12, { p: 0.45 }).pValue // 0.001846474067770997
 *
 * Validated against: R 4.2.2 binom.test (golden/stats_tests.json, golden/musto2007.json)
 */
export function binomialTest(x: number, n: number, options: BinomialTestOptions = {}): BinomialTestResult {
  const p = options.p ?? 0.5;
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  checkCount('binomialTest', x, n);
  checkConfLevel('binomialTest', confLevel);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialTest: p must be in [0, 1] (got ${String(p)})`);
  let pValue: number;
  switch (alternative) {
    case 'less':
      pValue = binomialCdf(x, n, p);
      break;
    case 'greater':
      pValue = binomialUpperTail(x - 1, n, p);
      break;
    case 'two.sided':
      pValue = Math.min(1, twoSidedPValue(x, n, p));
      break;
  }
  const interval = clopperPearsonInterval(x, n, { confLevel, alternative });
  return {
    x,
    n,
    estimate: x / n,
    nullValue: p,
    pValue,
    lower: interval.lower,
    upper: interval.upper,
    confLevel,
    alternative,
  };
}
