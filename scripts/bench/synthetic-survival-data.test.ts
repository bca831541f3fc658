/**
 * The benchmark data generator (not the benchmark, which never runs under `npm test`): the same seed
 * gives the same data, and the data follow the §11 recipe closely enough to stand in for R's.
 */
import { describe, expect, it } from 'vitest';
import { createUniformSource, generateSurvivalData } from './synthetic-survival-data.ts';

describe('generateSurvivalData', () => {
  it('gives the same data for the same seed and different data for another seed', () => {
    const first = generateSurvivalData(1000);
    expect(generateSurvivalData(1000)).toEqual(first);
    expect(generateSurvivalData(1000, 7).time).not.toEqual(first.time);
  });

  it('follows the recipe: half in group 1, about 30 % censored, times on a 0.01 grid', () => {
    const { time, status, group } = generateSurvivalData(100_000);
    const mean = (values: Float64Array): number => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(group)).toBeCloseTo(0.5, 2);
    // P(censored) = 0.035/(rate + 0.035) averaged over groups: (0.035/0.105 + 0.035/0.135)/2 = 0.2963.
    expect(1 - mean(status)).toBeCloseTo(0.2963, 2);
    expect(time.every((t) => t > 0 && Math.abs(t * 100 - Math.round(t * 100)) < 1e-6)).toBe(true);
  });
});

describe('createUniformSource', () => {
  it('draws from [0, 1) with a mean near 1/2', () => {
    const uniform = createUniformSource(1);
    const draws = Array.from({ length: 10_000 }, uniform);
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(draws.reduce((sum, u) => sum + u, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});
