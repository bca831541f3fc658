import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.ts';
import { restrictedMean } from './restricted-mean.ts';

function fitOf(time: number[], event: number[], group?: number[]) {
  return kaplanMeier(group === undefined ? { time, event } : { time, event, group });
}

describe('restrictedMean', () => {
  it('gives the area under the curve and Miller’s SE when all times are events', () => {
    // Area = 1 + 0.75 + 0.5 + 0.25; var = Σ h_i (area after t_i)² = 1/12·1.5² + 1/6·0.75² + 1/2·0.25².
    const fit = fitOf([1, 2, 3, 4], [1, 1, 1, 1]);
    const curve = fit.strata[0];
    if (curve === undefined) throw new Error('no curve');
    const result = restrictedMean(curve, fit.commonEndTime);
    expect(result.restrictedMean).toBe(2.5);
    expect(result.stdErr).toBeCloseTo(Math.sqrt(1.5 ** 2 / 12 + 0.75 ** 2 / 6 + 0.25 ** 2 / 2), 15);
    expect(result.endTime).toBe(4);
  });

  it('extends a shorter curve flat to the common end time when rmean is "common"', () => {
    const fit = fitOf([1, 2, 3, 10], [1, 0, 1, 0], [1, 1, 2, 2]);
    const first = fit.strata[0];
    if (first === undefined) throw new Error('no curve');
    expect(fit.commonEndTime).toBe(10);
    // Group 1: S = 1 on [0, 1), 0.5 on [1, 10].
    expect(restrictedMean(first, fit.commonEndTime).restrictedMean).toBe(1 + 0.5 * 9);
    expect(restrictedMean(first).restrictedMean).toBe(1 + 0.5 * 1);
  });

  it('gives the end time itself when it comes before the first time', () => {
    const curve = fitOf([5, 6], [1, 1]).strata[0];
    if (curve === undefined) throw new Error('no curve');
    expect(restrictedMean(curve, 3)).toEqual({ restrictedMean: 3, stdErr: 0, endTime: 3 });
  });

  it('throws when the end time is negative or not finite', () => {
    const curve = fitOf([5, 6], [1, 1]).strata[0];
    if (curve === undefined) throw new Error('no curve');
    expect(() => restrictedMean(curve, -1)).toThrow(RangeError);
    expect(() => restrictedMean(curve, Number.NaN)).toThrow(/endTime/);
  });
});
