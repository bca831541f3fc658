import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from './solve-linear-system.ts';

describe('solveLinearSystem', () => {
  it('solves a small system when a row swap is needed', () => {
    // The zero in the top-left corner forces partial pivoting.
    const x = solveLinearSystem(new Float64Array([0, 2, 1, 3, 1, 0, 1, 1, 1]), 3, new Float64Array([5, 4.5, 4.5]));
    const expected = [1, 1.5, 2];
    for (const [i, value] of x.entries()) expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 14);
  });

  it('gives b/a for a 1 × 1 system (R: solve(a, b))', () => {
    expect(
      Array.from(solveLinearSystem(new Float64Array([1.3364692378328742]), 1, new Float64Array([1.0878787878787881]))),
    ).toEqual([1.0878787878787881 / 1.3364692378328742]);
  });

  it('throws like R’s solve() when the matrix is exactly or computationally singular', () => {
    expect(() => solveLinearSystem(new Float64Array([1, 2, 2, 4]), 2, new Float64Array([1, 2]))).toThrow(/singular/);
    expect(() => solveLinearSystem(new Float64Array([1, 1, 1, 1 + 1e-17]), 2, new Float64Array([1, 2]))).toThrow(
      /singular/,
    );
    expect(() => solveLinearSystem(new Float64Array([1, 2, 3]), 2, new Float64Array([1, 2]))).toThrow(RangeError);
  });
});
