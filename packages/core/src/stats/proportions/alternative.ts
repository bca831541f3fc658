/** The alternative hypothesis of a test, spelled as in R (`alternative = "two.sided" | "less" | "greater"`). */
export type Alternative = 'two.sided' | 'less' | 'greater';

/** Checks the shared options of the proportion tests; throws RangeError naming the caller. */
export function checkConfLevel(caller: string, confLevel: number): void {
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`${caller}: confLevel must be in (0, 1) (got ${String(confLevel)})`);
  }
}

/** Checks x successes out of n trials: integers with 0 ≤ x ≤ n and n ≥ 1. */
export function checkCount(caller: string, x: number, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${caller}: n must be a positive integer (got ${String(n)})`);
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new RangeError(`${caller}: x must be an integer in [0, n] (got x = ${String(x)}, n = ${String(n)})`);
  }
}
