import { describe, expect, it } from 'vitest';
import { choleskyDecompose } from './cholesky-decompose.ts';
import { choleskyInvert } from './cholesky-invert.ts';

describe('choleskyInvert', () => {
  it('returns a symmetric inverse with A·A⁻¹ = I when A is positive definite', () => {
    const a = [
      [6, 2, 1, 0.5],
      [2, 5, 2, 1],
      [1, 2, 4, 1.5],
      [0.5, 1, 1.5, 3],
    ];
    const m = new Float64Array(a.flat());
    choleskyDecompose(m, 4, 1e-12);
    choleskyInvert(m, 4);
    for (let r = 0; r < 4; r += 1) {
      for (let c = 0; c < 4; c += 1) {
        expect(m[r * 4 + c]).toBe(m[c * 4 + r]);
        let sum = 0;
        for (let k = 0; k < 4; k += 1) sum += (a[r]?.[k] ?? 0) * (m[k * 4 + c] as number);
        expect(Math.abs(sum - (r === c ? 1 : 0))).toBeLessThan(1e-14);
      }
    }
  });

  it('matches the closed-form 2 × 2 inverse when the matrix is [[4, 2], [2, 3]]', () => {
    const m = new Float64Array([4, 2, 0, 3]);
    choleskyDecompose(m, 2, 1e-12);
    choleskyInvert(m, 2);
    expect(Array.from(m)).toEqual([0.375, -0.25, -0.25, 0.5]);
  });

  it('zeroes the row and column of a redundant column when the matrix is singular', () => {
    const m = new Float64Array([2, 1, 3, 1, 2, 3, 3, 3, 6]);
    choleskyDecompose(m, 3, 2 ** -39);
    choleskyInvert(m, 3);
    expect([m[2], m[5], m[6], m[7], m[8]]).toEqual([0, 0, 0, 0, 0]);
    expect(Math.abs((m[0] as number) - 2 / 3)).toBeLessThan(1e-15);
  });
});
