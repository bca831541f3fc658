import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.ts';
import { survivalMedian } from './survival-median.ts';
import { survivalQuantiles } from './survival-quantiles.ts';

function curveOf(time: number[], event: number[]) {
  const curve = kaplanMeier({ time, event }).strata[0];
  if (curve === undefined) throw new Error('no curve');
  return curve;
}

describe('survivalQuantiles', () => {
  it('takes the midpoint to the last time when S rests on 0.5 to the end (print.survfit differs)', () => {
    const curve = curveOf([1, 2, 3, 4], [1, 1, 0, 0]);
    expect(survivalQuantiles(curve)).toEqual({
      probs: [0.25, 0.5, 0.75],
      quantile: [1.5, 3, null],
      lower: [1, 1, 2],
      upper: [null, null, null],
    });
    expect(survivalMedian(curve).median).toBe(2);
  });

  it('agrees with print.survfit on an interior plateau when the curve drops again', () => {
    const curve = curveOf([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1]);
    expect(survivalQuantiles(curve, [0.5]).quantile).toEqual([3.5]);
    expect(survivalMedian(curve).median).toBe(3.5);
  });

  it('gives the start time for p = 0 and all null when the curve never reaches the smallest p', () => {
    const curve = curveOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(survivalQuantiles(curve, [0, 0.1]).quantile).toEqual([0, 2]);
    expect(survivalQuantiles(curve, [0.25, 0.5]).quantile).toEqual([null, null]);
  });

  it('matches R’s quantile(survfit(Surv(1:100)))', () => {
    const curve = curveOf(
      Array.from({ length: 100 }, (_, i) => i + 1),
      new Array(100).fill(1),
    );
    expect(survivalQuantiles(curve)).toEqual({
      probs: [0.25, 0.5, 0.75],
      quantile: [25.5, 50.5, 75.5],
      lower: [18, 42, 67],
      upper: [36, 61, 85],
    });
  });

  it('throws when a probability is outside [0, 1] or none is given', () => {
    const curve = curveOf([1, 2], [1, 1]);
    expect(() => survivalQuantiles(curve, [1.5])).toThrow(/probs\[0\]/);
    expect(() => survivalQuantiles(curve, [])).toThrow(RangeError);
  });
});
