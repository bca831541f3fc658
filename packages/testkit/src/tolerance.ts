/**
 * Tolerance comparisons for numbers checked against R (statistics-reference.md §8): relative error
 * with exact agreement required for non-finite values and for null (R's NA).
 */
import { expect } from 'vitest';

export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  return Math.abs(actual - expected) / scale;
}

/**
 * Asserts |actual − expected| ≤ rel·|expected| (or ≤ abs when expected is 0), and that NA/Inf/NaN
 * match exactly. `label` names the quantity in the failure message.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  options: { rel: number; abs?: number; label?: string },
): void {
  const label = options.label ?? 'value';
  if (expected === null || expected === undefined) {
    expect(actual ?? null, `${label}: R gives NA`).toBeNull();
    return;
  }
  if (actual === null || actual === undefined) {
    throw new Error(`${label}: expected ${expected}, got ${String(actual)}`);
  }
  if (!Number.isFinite(expected)) {
    expect(
      Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)),
      `${label}: ${actual} vs ${expected}`,
    ).toBe(true);
    return;
  }
  const absTolerance = options.abs ?? 0;
  const error = Math.abs(actual - expected);
  const ok = error <= options.rel * Math.abs(expected) || error <= absTolerance || actual === expected;
  if (!ok) {
    throw new Error(
      `${label}: got ${actual}, R gives ${expected} (relative error ${relativeError(actual, expected).toExponential(2)} > ${options.rel})`,
    );
  }
}

/** Element-wise `expectClose` over two arrays of equal length. */
export function expectAllClose(
  actual: ReadonlyArray<number | null>,
  expected: ReadonlyArray<number | null>,
  options: { rel: number; abs?: number; label?: string },
): void {
  const label = options.label ?? 'array';
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i += 1) {
    expectClose(actual[i], expected[i], { ...options, label: `${label}[${i}]` });
  }
}
