/**
 * Solves a small dense linear system A·x = b as R's `solve(a, b)` does (LAPACK `dgesv`: LU with
 * partial pivoting), including R's refusal of singular systems. For the log-rank statistic, whose
 * variance matrix has one row per group; not a general-purpose or large-matrix solver.
 */

/**
 * Returns x with A·x = b for the `size × size` row-major matrix A, by Gaussian elimination with partial
 * (row) pivoting. Throws a RangeError, as R's `solve()` stops, when a pivot is exactly 0 or the
 * reciprocal 1-norm condition number is below machine epsilon.
 *
 * Reference: Golub GH, Van Loan CF. Matrix Computations, 4th ed., §3.4; R `La_solve` (`dgesv`, `dgecon`).
 *
 * @example
 * solveLinearSystem(new Float64Array([2, 1, 1, 3]), 2, new Float64Array([3, 5])); // [0.8, 1.4]
 */
export function solveLinearSystem(matrix: Float64Array, size: number, rightHandSide: Float64Array): Float64Array {
  if (matrix.length !== size * size || rightHandSide.length !== size) {
    throw new RangeError(`a ${size}×${size} system needs ${size * size} matrix and ${size} right-hand-side values`);
  }
  const lu = matrix.slice();
  const pivotRow = new Int32Array(size);
  for (let k = 0; k < size; k += 1) {
    let best = k;
    for (let i = k + 1; i < size; i += 1) {
      if (Math.abs(lu[i * size + k] as number) > Math.abs(lu[best * size + k] as number)) best = i;
    }
    pivotRow[k] = best;
    if (best !== k) {
      for (let j = 0; j < size; j += 1) {
        const swap = lu[k * size + j] as number;
        lu[k * size + j] = lu[best * size + j] as number;
        lu[best * size + j] = swap;
      }
    }
    const pivot = lu[k * size + k] as number;
    if (pivot === 0) throw new RangeError(`the system is exactly singular: U[${k + 1},${k + 1}] = 0`);
    for (let i = k + 1; i < size; i += 1) {
      const factor = (lu[i * size + k] as number) / pivot;
      lu[i * size + k] = factor;
      for (let j = k + 1; j < size; j += 1) {
        lu[i * size + j] = (lu[i * size + j] as number) - factor * (lu[k * size + j] as number);
      }
    }
  }
  const solve = (b: Float64Array): Float64Array => {
    const x = b.slice();
    for (let k = 0; k < size; k += 1) {
      const p = pivotRow[k] as number;
      if (p !== k) {
        const swap = x[k] as number;
        x[k] = x[p] as number;
        x[p] = swap;
      }
    }
    for (let i = 0; i < size; i += 1) {
      let value = x[i] as number;
      for (let j = 0; j < i; j += 1) value -= (lu[i * size + j] as number) * (x[j] as number);
      x[i] = value;
    }
    for (let i = size - 1; i >= 0; i -= 1) {
      let value = x[i] as number;
      for (let j = i + 1; j < size; j += 1) value -= (lu[i * size + j] as number) * (x[j] as number);
      x[i] = value / (lu[i * size + i] as number);
    }
    return x;
  };
  // R's solve() also stops when rcond = 1/(‖A‖₁‖A⁻¹‖₁) < eps; with a handful of groups the inverse is cheap.
  let normA = 0;
  let normInverse = 0;
  for (let j = 0; j < size; j += 1) {
    let columnA = 0;
    for (let i = 0; i < size; i += 1) columnA += Math.abs(matrix[i * size + j] as number);
    normA = Math.max(normA, columnA);
    const unit = new Float64Array(size);
    unit[j] = 1;
    let columnInverse = 0;
    for (const value of solve(unit)) columnInverse += Math.abs(value);
    normInverse = Math.max(normInverse, columnInverse);
  }
  const reciprocalCondition = 1 / (normA * normInverse);
  if (!(reciprocalCondition >= Number.EPSILON)) {
    throw new RangeError(
      `the system is computationally singular: reciprocal condition number = ${reciprocalCondition}`,
    );
  }
  return solve(rightHandSide);
}
