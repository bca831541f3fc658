/**
 * The arithmetic mean as R's `mean()`: the sum divided by n, refined by one correction pass (the mean
 * of the residuals is added), which R applies for accuracy. Null for an empty sample.
 *
 * Example: sampleMean([61, 70, 65, 62, 55, 61, 55, 66, 74, 51, 73, 42]) === 61.25.
 * Validated against: R 4.2.2 mean() (Musto 2007 ages: 61.25).
 */
export function sampleMean(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  const first = sum / n;
  let residual = 0;
  for (const value of values) residual += value - first;
  return first + residual / n;
}
