/**
 * The k-sample log-rank test and its Harrington–Fleming G-rho family, matching R survival 3.5-3
 * `survdiff()` (C routine `survdiff2`) including its variance matrix and chi-square statistic.
 */
import { chiSquareUpperTail } from '../distributions/index.ts';
import { ExtendedPrecisionSum } from './extended-precision-sum.ts';
import { solveLinearSystem } from './solve-linear-system.ts';
import { type SurvivalColumns, tabulateSurvivalTimes } from './tabulate-survival-times.ts';

/** Survival columns with the group code of each row (at least two distinct codes). */
export interface LogRankTestData extends SurvivalColumns {
  readonly group: ArrayLike<number>;
}

export interface LogRankTestOptions {
  /** G-rho weight exponent: each death time is weighted by S(t−)^rho. Default 0 (the log-rank test). */
  readonly rho?: number;
  /** Stratum code per row: O, E and V are accumulated within strata and summed. */
  readonly strata?: ArrayLike<number>;
  /** Merge times that differ by rounding noise first, as R's `timefix = TRUE` does. Default true. */
  readonly timefix?: boolean;
}

export interface LogRankTestResult {
  readonly rho: number;
  /** Group codes, ascending; the other arrays follow this order. */
  readonly groups: readonly number[];
  /** Subjects per group. */
  readonly n: readonly number[];
  /** Observed events per group, summed over strata; weighted by S(t−)^rho when rho ≠ 0 (as R). */
  readonly observed: readonly number[];
  /** Expected events per group under equal hazards, summed over strata. */
  readonly expected: readonly number[];
  /** Covariance matrix of O − E, `variance[row][column]` as R's `survdiff()$var`. */
  readonly variance: ReadonlyArray<readonly number[]>;
  /** Chi-square statistic (O − E)ᵀ V⁻¹ (O − E) over the groups with E > 0, the first of them dropped; 0 if fewer than two. */
  readonly chisq: number;
  /** Groups with E > 0, minus one. */
  readonly df: number;
  /** P(χ²_df > chisq), no continuity correction; null when df = 0 (no test: fewer than two groups with E > 0). */
  readonly p: number | null;
  /** Number of strata (1 without the strata option). */
  readonly strataCount: number;
}

/**
 * Log-rank (rho = 0) or Harrington–Fleming G-rho test that k ≥ 2 groups have equal survival.
 *
 * Formula: within each stratum, at each distinct time t (all N_t at risk, d_t deaths, n_kt at risk in
 * group k) with weight w = S(t−)^rho, S the pooled left-continuous Kaplan–Meier in the stratum
 * (`S = S·(N − d)/N`): O_k += w per death in group k, E_k += w·d·n_k/N, and for N > 1
 * V_jk += w²·d·(N − d)/(N(N − 1))·n_j(δ_jk − n_k/N). Subjects censored at t are at risk at t. O, E and
 * V are summed over strata. χ² = (O − E)ᵀ V⁻¹ (O − E) over the groups with E > 0 with the first such
 * group dropped (solved by LU), df = #{E > 0} − 1, p from the upper chi-square tail, no continuity
 * correction. The loops keep R's order of operations, so O, E and V agree with R to the last bits.
 *
 * Reference: Mantel N. Cancer Chemother Rep 1966;50:163–170. Harrington DP, Fleming TR. Biometrika
 * 1982;69:553–566. Therneau TM, survival 3.5-3 `survdiff.R`, `survdiff2.c`.
 *
 * @example
 * logRankTest({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 1, 1, 0], group: [1, 1, 1, 2, 2, 2] });
 * // { chisq: 5.0516…, df: 1, p: 0.0246…, observed: [3, 2], expected: [1.15, 3.85], … }
 *
 * Validated against: R survival 3.5-3 survdiff (golden/lung.json)
 */
export function logRankTest(data: LogRankTestData, options: LogRankTestOptions = {}): LogRankTestResult {
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho)) throw new RangeError(`rho must be finite (got ${rho})`);
  const table = tabulateSurvivalTimes({
    time: data.time,
    event: data.event,
    stratum: options.strata,
    column: data.group,
    stratumName: 'strata',
    columnName: 'group',
    timefix: options.timefix ?? true,
  });
  const groupCount = table.columnCodes.length;
  if (groupCount < 2) throw new RangeError(`at least two groups are needed (got ${groupCount})`);

  // survdiff2.c keeps O and E per stratum (summed afterwards in R) and V as one running sum.
  const observedSums = Array.from({ length: groupCount }, () => new ExtendedPrecisionSum());
  const expectedSums = Array.from({ length: groupCount }, () => new ExtendedPrecisionSum());
  const varianceC = new Float64Array(groupCount * groupCount); // C layout: [j * k + i] = R var[i, j]
  const observed = new Float64Array(groupCount);
  const expected = new Float64Array(groupCount);
  const risk = new Float64Array(groupCount);
  for (const stratum of table.strata) {
    const rows = stratum.ranks.length;
    observed.fill(0);
    expected.fill(0);
    risk.fill(0);
    // Pooled left-continuous KM: weight[i] = S just before the i-th distinct time.
    let weights: Float64Array | null = null;
    if (rho !== 0) {
      weights = new Float64Array(rows);
      let atRisk = stratum.n;
      let km = 1;
      for (let i = 0; i < rows; i += 1) {
        let deaths = 0;
        let subjects = 0;
        for (let k = 0; k < groupCount; k += 1) {
          deaths += stratum.events[i * groupCount + k] as number;
          subjects += stratum.subjects[i * groupCount + k] as number;
        }
        weights[i] = km ** rho;
        km = (km * (atRisk - deaths)) / atRisk;
        atRisk -= subjects;
      }
    }
    let atRisk = 0;
    for (let i = rows - 1; i >= 0; i -= 1) {
      const weight = weights === null ? 1 : (weights[i] as number);
      let deaths = 0;
      for (let k = 0; k < groupCount; k += 1) {
        const cell = i * groupCount + k;
        const groupDeaths = stratum.events[cell] as number;
        deaths += groupDeaths;
        risk[k] = (risk[k] as number) + (stratum.subjects[cell] as number);
        atRisk += stratum.subjects[cell] as number;
        // obs[k] += status·wt row by row; with wt = 1 the integer sum is exact in one step.
        if (weights === null) observed[k] = (observed[k] as number) + groupDeaths;
        else for (let d = 0; d < groupDeaths; d += 1) observed[k] = (observed[k] as number) + weight;
      }
      if (deaths === 0) continue;
      for (let k = 0; k < groupCount; k += 1) {
        expected[k] = (expected[k] as number) + (weight * deaths * (risk[k] as number)) / atRisk;
      }
      if (atRisk === 1) continue; // a single subject at risk: no variance
      const weightSquared = weight * weight;
      for (let j = 0; j < groupCount; j += 1) {
        const term = (weightSquared * deaths * (risk[j] as number) * (atRisk - deaths)) / (atRisk * (atRisk - 1));
        varianceC[j * groupCount + j] = (varianceC[j * groupCount + j] as number) + term;
        for (let k = 0; k < groupCount; k += 1) {
          varianceC[j * groupCount + k] =
            (varianceC[j * groupCount + k] as number) - (term * (risk[k] as number)) / atRisk;
        }
      }
    }
    for (let k = 0; k < groupCount; k += 1) {
      (observedSums[k] as ExtendedPrecisionSum).add(observed[k] as number);
      (expectedSums[k] as ExtendedPrecisionSum).add(expected[k] as number);
    }
  }

  const observedTotal = observedSums.map((sum) => sum.value());
  const expectedTotal = expectedSums.map((sum) => sum.value());
  const variance = Array.from({ length: groupCount }, (_, row) =>
    Array.from({ length: groupCount }, (_, column) => varianceC[column * groupCount + row] as number),
  );

  // survdiff.R: keep groups with E > 0, drop the first of them, chi = sum(solve(vv, d) * d).
  const used = expectedTotal.flatMap((e, k) => (e > 0 ? [k] : []));
  const df = Math.max(used.length - 1, 0);
  let chisq = 0;
  if (used.length >= 2) {
    const kept = used.slice(1);
    const size = kept.length;
    const difference = new Float64Array(size);
    const matrix = new Float64Array(size * size);
    kept.forEach((k, a) => {
      difference[a] = (observedTotal[k] as number) - (expectedTotal[k] as number);
      kept.forEach((l, b) => {
        matrix[a * size + b] = (variance[k] as number[])[l] as number;
      });
    });
    const solution = solveLinearSystem(matrix, size, difference);
    const sum = new ExtendedPrecisionSum();
    for (let a = 0; a < size; a += 1) sum.add((solution[a] as number) * (difference[a] as number));
    chisq = sum.value();
  }
  return {
    rho,
    groups: table.columnCodes,
    n: table.columnSizes,
    observed: observedTotal,
    expected: expectedTotal,
    variance,
    chisq,
    df,
    p: df === 0 ? null : chiSquareUpperTail(chisq, df),
    strataCount: table.strata.length,
  };
}
