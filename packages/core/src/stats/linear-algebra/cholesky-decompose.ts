/**
 * Generalised Cholesky decomposition A = L·D·Lᵀ of a symmetric non-negative definite matrix, with
 * R survival's rank-revealing tolerance (C `cholesky2`): a pivot below `tolerance × max diagonal` is
 * declared redundant and set to 0. Used by Cox regression; it must not allocate per call.
 */

/**
 * Factors a symmetric matrix in place as L·D·Lᵀ (L unit lower triangular, D diagonal).
 *
 * Storage is a flat row-major `size × size` array: the input is read from the diagonal and the upper
 * triangle (row ≤ column); on return the diagonal holds D and the strict lower triangle holds L,
 * while the upper triangle is left as it was. A pivot that is NaN, infinite or smaller than
 * `tolerance × max(diagonal)` is set to 0 (the column is redundant), exactly as survival 3.5-3's
 * `cholesky2`; R's `coxph.control(toler.chol)` default is `.Machine$double.eps^0.75`.
 *
 * Reference: Therneau & Grambsch (2000), appendix; survival 3.5-3 `src/cholesky2.c`.
 *
 * @example
 * const m = new Float64Array([4, 2, 0, 3]); // [[4, 2], [2, 3]], upper triangle read
 * choleskyDecompose(m, 2, 1e-12); // → 2 (rank); m = [4, 2, 0.5, 2]  (D = 4, 2; L₂₁ = 0.5)
 *
 * @returns the rank, negated when the matrix is not non-negative definite (a pivot < −8·tolerance·max).
 *   Returns 0 when no diagonal element is positive.
 *
 * Validated against: R survival 3.5-3 coxph (golden/lung.json, golden/veteran.json `var`).
 */
export function choleskyDecompose(matrix: Float64Array, size: number, tolerance: number): number {
  let largestDiagonal = 0;
  for (let i = 0; i < size; i += 1) {
    const diagonal = matrix[i * size + i] as number;
    if (diagonal > largestDiagonal) largestDiagonal = diagonal;
    for (let j = i + 1; j < size; j += 1) matrix[j * size + i] = matrix[i * size + j] as number;
  }
  if (largestDiagonal === 0) return 0;
  const threshold = largestDiagonal * tolerance;

  let rank = 0;
  let sign = 1;
  for (let i = 0; i < size; i += 1) {
    const pivot = matrix[i * size + i] as number;
    if (!Number.isFinite(pivot) || pivot < threshold) {
      matrix[i * size + i] = 0;
      if (pivot < -8 * threshold) sign = -1;
      continue;
    }
    rank += 1;
    for (let j = i + 1; j < size; j += 1) {
      const ratio = (matrix[j * size + i] as number) / pivot;
      matrix[j * size + i] = ratio;
      matrix[j * size + j] = (matrix[j * size + j] as number) - ratio * ratio * pivot;
      for (let k = j + 1; k < size; k += 1) {
        matrix[k * size + j] = (matrix[k * size + j] as number) - ratio * (matrix[k * size + i] as number);
      }
    }
  }
  return rank * sign;
}
