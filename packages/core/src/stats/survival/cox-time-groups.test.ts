import { describe, expect, it } from 'vitest';
import { coxTimeGroups, rankDistinctValues } from './cox-time-groups.ts';

describe('coxTimeGroups', () => {
  it('orders rows by time, censored first within a time, and merges near-ties when timefix is on', () => {
    const groups = coxTimeGroups([3, 1 + 1e-12, 1, 2], Uint8Array.of(1, 1, 0, 1), true);
    expect(Array.from(groups.position)).toEqual([3, 1, 0, 2]);
    expect(Array.from(groups.groupStart)).toEqual([0, 2, 3, 4]);
    expect(Array.from(groups.eventStart)).toEqual([1, 2, 3]);
    expect(Array.from(groups.groupTimes)).toEqual([1, 2, 3]);
  });

  it('keeps near-ties apart when timefix is off', () => {
    const groups = coxTimeGroups([3, 1 + 1e-12, 1, 2], Uint8Array.of(1, 1, 0, 1), false);
    expect(Array.from(groups.groupTimes)).toEqual([1, 1 + 1e-12, 2, 3]);
    expect(Array.from(groups.position)).toEqual([3, 1, 0, 2]);
    expect(Array.from(groups.eventStart)).toEqual([1, 1, 2, 3]);
  });

  it('keeps input order among rows with the same time and status (stable)', () => {
    const groups = coxTimeGroups([2, 1, 2, 2, 1], Uint8Array.of(1, 0, 0, 1, 0), true);
    expect(Array.from(groups.position)).toEqual([3, 0, 2, 4, 1]);
  });

  it('merges 3 and 3 + 1e-9 to the first time of the run as aeqSurv does', () => {
    const groups = coxTimeGroups([3 + 1e-9, 3, 5], Uint8Array.of(0, 0, 0), true);
    expect(Array.from(groups.groupTimes)).toEqual([3, 5]);
    expect(Array.from(groups.position)).toEqual([0, 1, 2]);
  });
});

describe('rankDistinctValues', () => {
  it('ranks values among the sorted distinct values when −0 and 0 both occur', () => {
    const { rank, sortedDistinct } = rankDistinctValues([2, -0, 0, -1, 2]);
    expect(Array.from(rank)).toEqual([2, 1, 1, 0, 2]);
    expect(Array.from(sortedDistinct)).toEqual([-1, 0, 2]);
  });

  it('gives the same ranks when more distinct values appear than the linear-scan fast path holds', () => {
    const values = [5, 3, 9, 1, 7, 3, 11, 2, 13, 0.5, 8, 5, 4, 6];
    const { rank, sortedDistinct } = rankDistinctValues(values);
    const expected = [...new Set(values)].sort((a, b) => a - b);
    expect(Array.from(sortedDistinct)).toEqual(expected);
    expect(Array.from(rank)).toEqual(values.map((value) => expected.indexOf(value)));
  });
});
