import { describe, expect, it } from 'vitest';
import { ExtendedPrecisionSum } from './extended-precision-sum.ts';

describe('ExtendedPrecisionSum', () => {
  it('keeps the small terms a plain double sum loses when they follow a large one', () => {
    const sum = new ExtendedPrecisionSum();
    let plain = 0;
    for (const value of [1, ...new Array<number>(10).fill(1e-16)]) {
      sum.add(value);
      plain += value;
    }
    expect(plain).toBe(1);
    expect(sum.value()).toBe(1 + 1e-15);
  });

  it('returns the infinity itself when an infinite term is added', () => {
    const sum = new ExtendedPrecisionSum();
    sum.add(1);
    sum.add(Number.POSITIVE_INFINITY);
    expect(sum.value()).toBe(Number.POSITIVE_INFINITY);
  });
});
