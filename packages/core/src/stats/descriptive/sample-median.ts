/**
 * The sample median as R's `median()`: the middle order statistic for odd n and the mean of the two
 * middle ones for even n (equivalently `quantile(x, 0.5, type = 7)`). Null for an empty sample.
 *
 * Example: sampleMedian([1, 2, 4, 4, 4, 5, 6, 6, 6, 6, 6, 2]) === 4.5.
 * Validated against: R 4.2.2 median() on the Musto 2007 cycles and ages (musto2007.json cohort).
 */
export function sampleMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const upper = sorted[half] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[half - 1] as number) + upper) / 2;
}
