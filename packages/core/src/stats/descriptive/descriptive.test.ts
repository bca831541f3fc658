import { describe, expect, it } from 'vitest';
import { summariseContinuous } from './continuous-summary.ts';
import { sampleMean } from './sample-mean.ts';
import { sampleMedian } from './sample-median.ts';

// Reference values from R 4.2.2: median(c(61,70,65,62,55,61,55,66,74,51,73,42)) = 61.5,
// mean(...) = 61.25; median(c(6,6,6,6,6,4,4,2,5,2,4,1)) = 4.5.
const ages = [61, 70, 65, 62, 55, 61, 55, 66, 74, 51, 73, 42];
const cycles = [6, 6, 6, 6, 6, 4, 4, 2, 5, 2, 4, 1];

describe('sampleMedian', () => {
  it('averages the two middle values when n is even', () => {
    expect(sampleMedian(ages)).toBe(61.5);
    expect(sampleMedian(cycles)).toBe(4.5);
  });
  it('returns the middle value when n is odd and null when empty', () => {
    expect(sampleMedian([3, 1, 2])).toBe(2);
    expect(sampleMedian([])).toBeNull();
  });
});

describe('sampleMean', () => {
  it('matches R mean() when given the Musto ages', () => {
    expect(sampleMean(ages)).toBe(61.25);
  });
  it('returns null when the sample is empty', () => {
    expect(sampleMean([])).toBeNull();
  });
});

describe('summariseContinuous', () => {
  it('excludes and counts missing values when some are null', () => {
    expect(summariseContinuous([2, null, 4, 9])).toEqual({ n: 3, missing: 1, median: 4, min: 2, max: 9, mean: 5 });
  });
});
