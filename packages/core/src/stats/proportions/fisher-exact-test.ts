import { type Alternative, checkConfLevel } from './alternative.ts';
import { findRootBrent } from './brent-root.ts';
import { compensatedSum } from './compensated-sum.ts';
import { fisherNetworkPValue } from './fisher-network-p-value.ts';
import { type NoncentralHypergeometric, noncentralHypergeometric } from './noncentral-hypergeometric.ts';

export interface FisherExactTestOptions {
  /** 2×2 only (as in R); default 'two.sided'. Ignored for larger tables. */
  readonly alternative?: Alternative;
  /** Level of the odds-ratio confidence interval (2×2 only), default 0.95. */
  readonly confLevel?: number;
}

export interface FisherExactTestResult {
  /** Exact p-value in [0, 1]. */
  readonly pValue: number;
  readonly alternative: Alternative;
  /**
   * Conditional maximum likelihood estimate of the odds ratio (2×2 only): 0 or Infinity at the edges
   * of the support; null (R: none) for larger tables.
   */
  readonly oddsRatio: number | null;
  /** Confidence limits of the odds ratio (2×2 only; upper may be Infinity); null for larger tables. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly confLevel: number;
}

const relativeErrorAllowance = 1 + 1e-7;
/** R's lower end for the search on 1/ψ: .Machine$double.eps. */
const machineEpsilon = 2.220446049250313e-16;

/** Root of f on [lower, upper] as R's uniroot() returns it (default tol, maxiter 1000). */
function unirootRoot(f: (value: number) => number, lower: number, upper: number): number {
  return findRootBrent(f, lower, upper).root;
}

function conditionalMaximumLikelihood(x: number, distribution: NoncentralHypergeometric): number {
  if (x === distribution.low) return 0;
  if (x === distribution.high) return Number.POSITIVE_INFINITY;
  const mean = distribution.mean(1);
  if (mean > x) return unirootRoot((t) => distribution.mean(t) - x, 0, 1);
  if (mean < x) return 1 / unirootRoot((t) => distribution.mean(1 / t) - x, machineEpsilon, 1);
  return 1;
}

/** Upper confidence limit: the ψ with P_ψ[X ≤ x] = α. */
function upperLimit(x: number, alpha: number, distribution: NoncentralHypergeometric): number {
  if (x === distribution.high) return Number.POSITIVE_INFINITY;
  const p = distribution.tail(x, 1, false);
  if (p < alpha) return unirootRoot((t) => distribution.tail(x, t, false) - alpha, 0, 1);
  if (p > alpha) return 1 / unirootRoot((t) => distribution.tail(x, 1 / t, false) - alpha, machineEpsilon, 1);
  return 1;
}

/** Lower confidence limit: the ψ with P_ψ[X ≥ x] = α. */
function lowerLimit(x: number, alpha: number, distribution: NoncentralHypergeometric): number {
  if (x === distribution.low) return 0;
  const p = distribution.tail(x, 1, true);
  if (p > alpha) return unirootRoot((t) => distribution.tail(x, t, true) - alpha, 0, 1);
  if (p < alpha) return 1 / unirootRoot((t) => distribution.tail(x, 1 / t, true) - alpha, machineEpsilon, 1);
  return 1;
}

function twoByTwo(
  table: ReadonlyArray<ReadonlyArray<number>>,
  alternative: Alternative,
  confLevel: number,
): FisherExactTestResult {
  const a = table[0]?.[0] ?? 0;
  const b = table[0]?.[1] ?? 0;
  const c = table[1]?.[0] ?? 0;
  const d = table[1]?.[1] ?? 0;
  const x = a;
  const distribution = noncentralHypergeometric({ x, m: a + c, n: b + d, k: a + b });
  let pValue: number;
  let lower: number;
  let upper: number;
  switch (alternative) {
    case 'less':
      pValue = distribution.tail(x, 1, false);
      lower = 0;
      upper = upperLimit(x, 1 - confLevel, distribution);
      break;
    case 'greater':
      pValue = distribution.tail(x, 1, true);
      lower = lowerLimit(x, 1 - confLevel, distribution);
      upper = Number.POSITIVE_INFINITY;
      break;
    case 'two.sided': {
      const densities = distribution.density(1);
      const threshold = (densities[x - distribution.low] ?? 0) * relativeErrorAllowance;
      const selected: number[] = [];
      for (const value of densities) if (value <= threshold) selected.push(value);
      pValue = compensatedSum(selected);
      const alpha = (1 - confLevel) / 2;
      lower = lowerLimit(x, alpha, distribution);
      upper = upperLimit(x, alpha, distribution);
      break;
    }
  }
  return {
    pValue: Math.max(0, Math.min(1, pValue)),
    alternative,
    oddsRatio: conditionalMaximumLikelihood(x, distribution),
    lower,
    upper,
    confLevel,
  };
}

function checkTable(table: ReadonlyArray<ReadonlyArray<number>>): void {
  const columns = table[0]?.length ?? 0;
  if (table.length < 2 || columns < 2) {
    throw new RangeError('fisherExactTest: the table must have at least 2 rows and 2 columns');
  }
  table.forEach((row, i) => {
    if (row.length !== columns)
      throw new RangeError(`fisherExactTest: row ${i} has ${row.length} cells, not ${columns}`);
    row.forEach((value, j) => {
      if (!Number.isInteger(value) || value < 0) {
        throw new RangeError(
          `fisherExactTest: cell [${i}][${j}] must be a non-negative integer (got ${String(value)})`,
        );
      }
    });
  });
}

/**
 * Fisher's exact test of independence in a contingency table given its margins (R: `fisher.test`).
 *
 * Formula (2×2 [[a, b], [c, d]]): X = a is noncentral hypergeometric with odds ratio ψ,
 * P_ψ[X = i] ∝ C(m, i)C(n, k−i)ψⁱ (m = a+c, n = b+d, k = a+b), i = max(0, k−n)..min(k, m).
 * 'less' p = P₁[X ≤ a], 'greater' p = P₁[X ≥ a], two-sided p = Σ P₁[X = i] over i with
 * P₁[X = i] ≤ P₁[X = a]·(1 + 1e−7). The odds ratio is the conditional MLE, E_ψ[X] = a; the limits
 * solve P_ψ[X ≥ a] = α/2 and P_ψ[X ≤ a] = α/2 (one-sided: α). All three roots come from Brent's
 * method exactly as R's `uniroot` runs it (search on ψ in (0, 1) or on 1/ψ in (ε, 1), absolute
 * tolerance 2^−13, at most 1000 iterations), so they reproduce R's values, which can differ from the
 * exact roots by up to about 1e−4 relative (MLE) and 1 % (limits).
 * r×c tables: the total probability of all tables with the same margins that are no more probable
 * than the observed one (log tolerance 1e−7), by a network algorithm; clamped to [0, 1].
 *
 * Reference: R. A. Fisher, Statistical Methods for Research Workers (1925/1934); J. Cornfield,
 * "A statistical problem arising from retrospective studies" (1956) for the conditional MLE and limits;
 * C. R. Mehta and N. R. Patel, JASA 78 (1983) 427–434 for r×c; R. P. Brent (1973) for the root finder.
 *
 * @example fisherExactTest([[11, 1], [59, 77]]).pValue // 0.0015279193995172086
 *
 * Validated against: R 4.2.2 fisher.test (golden/stats_tests.json, golden/musto2007.json)
 */
export function fisherExactTest(
  table: ReadonlyArray<ReadonlyArray<number>>,
  options: FisherExactTestOptions = {},
): FisherExactTestResult {
  const alternative = options.alternative ?? 'two.sided';
  const confLevel = options.confLevel ?? 0.95;
  checkTable(table);
  checkConfLevel('fisherExactTest', confLevel);
  if (table.length === 2 && table[0]?.length === 2) return twoByTwo(table, alternative, confLevel);
  return {
    pValue: fisherNetworkPValue(table),
    alternative: 'two.sided',
    oddsRatio: null,
    lower: null,
    upper: null,
    confLevel,
  };
}
