/**
 * The sample-size-weighted mean of per-series values (response rates, median survival) that a report
 * sets beside the meta-analysis. Descriptive only: it ignores within- and between-study variance.
 * The unweighted mean and the median of the series are `sampleMean` and `sampleMedian` (stats/descriptive).
 */

/**
 * Computes the mean of per-series values weighted by the series' sample sizes, as R's
 * `sum(n * x) / sum(n)`; for proportions this is the pooled count Σnᵢpᵢ/Σnᵢ.
 *
 * Formula: Σnᵢxᵢ/Σnᵢ, with every nᵢ > 0.
 *
 * Reference: descriptive; contrast with the inverse-variance pooling of DerSimonian R, Laird N (1986)
 * Control Clin Trials 7:177–188.
 *
 * @example
 * sampleSizeWeightedMean([0.47, 0.62, 0.37, 0.38, 0.67, 0.29, 0.37], [25, 8, 27, 26, 18, 24, 8]); // 0.4305882352941177
 *
 * Validated against: R 4.2.2 (golden/musto2007.json → literature.n_weighted_mean_rate_pct, median_os.n_weighted_mean)
 */
export function sampleSizeWeightedMean(values: readonly number[], sampleSizes: readonly number[]): number {
  if (values.length === 0) throw new RangeError('at least one value is needed');
  if (sampleSizes.length !== values.length) {
    throw new RangeError(`values and sampleSizes differ in length (${values.length} vs ${sampleSizes.length})`);
  }
  let weightedSum = 0;
  let totalSize = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? Number.NaN;
    const size = sampleSizes[i] ?? Number.NaN;
    if (!Number.isFinite(value)) throw new RangeError(`values must be finite (got ${value})`);
    if (!(size > 0 && Number.isFinite(size))) throw new RangeError(`sample sizes must be finite and > 0 (got ${size})`);
    weightedSum += size * value;
    totalSize += size;
  }
  return weightedSum / totalSize;
}
