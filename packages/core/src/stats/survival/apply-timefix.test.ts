import { readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { applyTimefix, timefixRunStarts, timefixTolerance } from './apply-timefix.ts';

describe('applyTimefix', () => {
  it('merges the near-ties of the timefix golden into the first time of each run when applied', () => {
    const golden = readGolden<{
      timefix_near_ties: { time: number[]; km: { strata: Array<{ table: { time: number[] } }> } };
    }>('edge_cases.json').timefix_near_ties;
    const fixed = applyTimefix(golden.time);
    expect(Array.from(fixed)).toEqual([1, 1, 2, 3, 3]);
    expect([...new Set(fixed)]).toEqual(golden.km.strata[0]?.table.time);
  });

  it('uses R’s tolerance sqrt(.Machine$double.eps) = 2^−26 when comparing gaps', () => {
    expect(timefixTolerance).toBe(2 ** -26);
    expect(Array.from(applyTimefix([5, 5 + 2 ** -27]))).toEqual([5, 5]);
    expect(Array.from(applyTimefix([0.001, 0.001 + 1e-7]))).toEqual([0.001, 0.001 + 1e-7]);
  });

  it('ties gaps relative to the mean |time| when times are large', () => {
    // dy = 1 is far above √ε in absolute terms but dy/mean ≈ 1e−9 is below it.
    expect(Array.from(applyTimefix([1e9, 1e9 + 1, 2e9]))).toEqual([1e9, 1e9, 2e9]);
  });

  it('chains tied gaps so a run maps to its smallest time when each step is tiny', () => {
    const step = 1e-9;
    expect(Array.from(applyTimefix([3, 3 + step, 3 + 2 * step, 3 + 3 * step, 4]))).toEqual([3, 3, 3, 3, 4]);
    expect(Array.from(timefixRunStarts(new Float64Array([1, 2, 2 + step, 2 + 2 * step, 5])))).toEqual([0, 1, 1, 1, 4]);
  });

  it('returns an unchanged copy when no gap is tied and leaves non-finite values alone', () => {
    const input = [3, 1, 2, Number.POSITIVE_INFINITY];
    const fixed = applyTimefix(input);
    expect(Array.from(fixed)).toEqual(input);
    expect(fixed).not.toBe(input);
  });
});
