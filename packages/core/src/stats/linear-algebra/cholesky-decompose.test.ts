import { describe, expect, it } from 'vitest';
import { choleskyDecompose } from './cholesky-decompose.ts';

/** Rebuilds L·D·Lᵀ from the packed factor. */
function rebuild(factor: Float64Array, size: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < size; r += 1) {
    const row: number[] = [];
    for (let c = 0; c < size; c += 1) {
      let sum = 0;
      for (let k = 0; k <= Math.min(r, c); k += 1) {
        const lrk = r === k ? 1 : (factor[r * size + k] as number);
        const lck = c === k ? 1 : (factor[c * size + k] as number);
        sum += lrk * (factor[k * size + k] as number) * lck;
      }
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

describe('choleskyDecompose', () => {
  it('reproduces the matrix from L·D·Lᵀ when the matrix is positive definite', () => {
    const a = [
      [6, 2, 1, 0.5],
      [2, 5, 2, 1],
      [1, 2, 4, 1.5],
      [0.5, 1, 1.5, 3],
    ];
    const m = new Float64Array(a.flat());
    expect(choleskyDecompose(m, 4, 1e-12)).toBe(4);
    const back = rebuild(m, 4);
    for (let r = 0; r < 4; r += 1) {
      for (let c = 0; c < 4; c += 1) expect(Math.abs((back[r]?.[c] ?? 0) - (a[r]?.[c] ?? 0))).toBeLessThan(1e-14);
    }
  });

  it('reads only the upper triangle when the lower triangle holds garbage', () => {
    const m = new Float64Array([4, 2, 99, 3]);
    expect(choleskyDecompose(m, 2, 1e-12)).toBe(2);
    expect(Array.from(m)).toEqual([4, 2, 0.5, 2]);
  });

  it('zeroes the pivot of a redundant column when the matrix is singular', () => {
    // column 3 = column 1 + column 2
    const m = new Float64Array([2, 1, 3, 1, 2, 3, 3, 3, 6]);
    expect(choleskyDecompose(m, 3, 2 ** -39)).toBe(2);
    expect(m[8]).toBe(0);
  });

  it('returns a negative rank when the matrix is clearly not non-negative definite', () => {
    const m = new Float64Array([1, 2, 2, 1]);
    expect(choleskyDecompose(m, 2, 1e-12)).toBe(-1);
  });

  it('returns 0 when no diagonal element is positive', () => {
    expect(choleskyDecompose(new Float64Array([0, 0, 0, 0]), 2, 1e-12)).toBe(0);
  });
});
