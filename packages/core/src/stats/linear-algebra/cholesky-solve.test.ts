import { describe, expect, it } from 'vitest';
import { choleskyDecompose } from './cholesky-decompose.ts';
import { choleskySolve } from './cholesky-solve.ts';

describe('choleskySolve', () => {
  it('solves A·b = y when A is positive definite', () => {
    const a = [
      [6, 2, 1],
      [2, 5, 2],
      [1, 2, 4],
    ];
    const m = new Float64Array(a.flat());
    choleskyDecompose(m, 3, 1e-12);
    const b = new Float64Array([1, -2, 0.5]);
    const y = new Float64Array(a.map((row) => row.reduce((s, v, j) => s + v * (b[j] as number), 0)));
    choleskySolve(m, 3, y);
    for (let i = 0; i < 3; i += 1) expect(Math.abs((y[i] as number) - (b[i] as number))).toBeLessThan(1e-14);
  });

  it('sets the redundant coefficient to 0 when the system is singular', () => {
    const m = new Float64Array([2, 1, 3, 1, 2, 3, 3, 3, 6]);
    choleskyDecompose(m, 3, 2 ** -39);
    const y = new Float64Array([1, 1, 2]);
    choleskySolve(m, 3, y);
    expect(y[2]).toBe(0);
    expect(Math.abs((y[0] as number) - 1 / 3)).toBeLessThan(1e-15);
    expect(Math.abs((y[1] as number) - 1 / 3)).toBeLessThan(1e-15);
  });
});
