/**
 * Inverse of a symmetric matrix from its L·D·Lᵀ factor (survival 3.5-3 `chinv2`), with the rows and
 * columns of redundant (zero-pivot) columns set to 0, which is how coxph reports the variance of an
 * aliased coefficient before setting the coefficient to NA.
 */

/**
 * Replaces the factor in `matrix` by the full symmetric inverse A⁻¹ (both triangles filled).
 *
 * Reference: survival 3.5-3 `src/chinv2.c` (inverse of L, then (L⁻¹)ᵀ·D⁻¹·L⁻¹).
 *
 * @example
 * const m = new Float64Array([4, 2, 0, 3]);
 * choleskyDecompose(m, 2, 1e-12);
 * choleskyInvert(m, 2); // m = [0.375, -0.25, -0.25, 0.5]
 *
 * Validated against: R survival 3.5-3 coxph (golden/veteran.json `var`, 8 × 8).
 */
export function choleskyInvert(matrix: Float64Array, size: number): void {
  // Invert L in the lower triangle (unit diagonal) and D on the diagonal.
  for (let i = 0; i < size; i += 1) {
    const pivot = matrix[i * size + i] as number;
    if (pivot <= 0) continue;
    matrix[i * size + i] = 1 / pivot;
    for (let j = i + 1; j < size; j += 1) {
      const value = -(matrix[j * size + i] as number);
      matrix[j * size + i] = value;
      for (let k = 0; k < i; k += 1) {
        matrix[j * size + k] = (matrix[j * size + k] as number) + value * (matrix[i * size + k] as number);
      }
    }
  }
  // Form (L⁻¹)ᵀ D⁻¹ L⁻¹ in the upper triangle.
  for (let i = 0; i < size; i += 1) {
    if (matrix[i * size + i] === 0) {
      for (let j = 0; j < i; j += 1) matrix[j * size + i] = 0;
      for (let j = i; j < size; j += 1) matrix[i * size + j] = 0;
      continue;
    }
    for (let j = i + 1; j < size; j += 1) {
      const value = (matrix[j * size + i] as number) * (matrix[j * size + j] as number);
      matrix[i * size + j] = value;
      for (let k = i; k < j; k += 1) {
        matrix[i * size + k] = (matrix[i * size + k] as number) + value * (matrix[j * size + k] as number);
      }
    }
  }
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < i; j += 1) matrix[i * size + j] = matrix[j * size + i] as number;
  }
}
