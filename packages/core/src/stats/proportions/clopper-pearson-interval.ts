import { betaQuantile } from '../distributions/beta-quantile.ts';
import { type Alternative, checkConfLevel, checkCount } from './alternative.ts';

export interface ClopperPearsonOptions {
  /** Confidence level, default 0.95. */
  readonly confLevel?: number;
  /** 'two.sided' (default) splits α over both limits; 'less'/'greater' put all of α on one side. */
  readonly alternative?: Alternative;
}

export interface ClopperPearsonInterval {
  /** Observed proportion x/n. */
  readonly estimate: number;
  /** Lower limit in [0, 1] (0 when x = 0 or alternative = 'less'). */
  readonly lower: number;
  /** Upper limit in [0, 1] (1 when x = n or alternative = 'greater'). */
  readonly upper: number;
  readonly confLevel: number;
  readonly alternative: Alternative;
}

/**
 * Clopper–Pearson "exact" confidence interval for a binomial proportion: the set of p not rejected
 * by the one-sided binomial tests at level α/2 each (R: `binom.test(x, n)$conf.int`).
 *
 * Formula: with α = 1 − confLevel, two-sided limits are
 * lower = qbeta(α/2, x, n−x+1) (0 if x = 0) and upper = qbeta(1−α/2, x+1, n−x) (1 if x = n);
 * 'less' gives [0, qbeta(1−α, x+1, n−x)] and 'greater' gives [qbeta(α, x, n−x+1), 1]. α is formed
 * exactly as R forms it, (1 − confLevel)/2, so the limits agree with R to the last digits.
 *
 * Reference: C. J. Clopper and E. S. Pearson, "The use of confidence or fiducial limits illustrated in
 * the case of the binomial", Biometrika 26 (1934) 404–413.
 *
 * @example clopperPearsonInterval(11, 12) // { estimate: 0.9167, lower: 0.6152, upper: 0.9979, … }
 *
 * Validated against: R 4.2.2 binom.test conf.int (golden/stats_tests.json, golden/musto2007.json)
 */
export function clopperPearsonInterval(
  x: number,
  n: number,
  options: ClopperPearsonOptions = {},
): ClopperPearsonInterval {
  const confLevel = options.confLevel ?? 0.95;
  const alternative = options.alternative ?? 'two.sided';
  checkCount('clopperPearsonInterval', x, n);
  checkConfLevel('clopperPearsonInterval', confLevel);
  const lowerLimit = (alpha: number): number => (x === 0 ? 0 : betaQuantile(alpha, x, n - x + 1));
  const upperLimit = (alpha: number): number => (x === n ? 1 : betaQuantile(1 - alpha, x + 1, n - x));
  let lower: number;
  let upper: number;
  switch (alternative) {
    case 'less':
      lower = 0;
      upper = upperLimit(1 - confLevel);
      break;
    case 'greater':
      lower = lowerLimit(1 - confLevel);
      upper = 1;
      break;
    case 'two.sided': {
      const alpha = (1 - confLevel) / 2;
      lower = lowerLimit(alpha);
      upper = upperLimit(alpha);
      break;
    }
  }
  return { estimate: x / n, lower, upper, confLevel, alternative };
}
