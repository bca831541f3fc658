/**
 * Solves A·b = y given the L·D·Lᵀ factor from `choleskyDecompose` (survival 3.5-3 `chsolve2`):
 * a redundant column (zero pivot) gets b = 0, so a singular system yields the solution that leaves
 * the redundant coefficients at zero, as R's coxph does.
 */

/**
 * Overwrites `rightHandSide` with the solution b of A·b = y, A given by its L·D·Lᵀ factor.
 *
 * Reference: survival 3.5-3 `src/chsolve2.c`.
 *
 * @example
 * const m = new Float64Array([4, 2, 0, 3]);
 * choleskyDecompose(m, 2, 1e-12);
 * const y = new Float64Array([2, 1]);
 * choleskySolve(m, 2, y); // y = [0.5, 0]
 *
 * Validated against: R survival 3.5-3 coxph (golden/lung.json score and Wald tests).
 */
export function choleskySolve(factor: Float64Array, size: number, rightHandSide: Float64Array): void {
  for (let i = 0; i < size; i += 1) {
    let value = rightHandSide[i] as number;
    for (let j = 0; j < i; j += 1) value -= (rightHandSide[j] as number) * (factor[i * size + j] as number);
    rightHandSide[i] = value;
  }
  for (let i = size - 1; i >= 0; i -= 1) {
    const pivot = factor[i * size + i] as number;
    if (pivot === 0) {
      rightHandSide[i] = 0;
      continue;
    }
    let value = (rightHandSide[i] as number) / pivot;
    for (let j = i + 1; j < size; j += 1) value -= (rightHandSide[j] as number) * (factor[j * size + i] as number);
    rightHandSide[i] = value;
  }
}
