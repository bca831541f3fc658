import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistinctNumberIndex } from './distinct-number-index.ts';
import { tabulateSurvivalTimes } from './tabulate-survival-times.ts';

const row = fc.record({
  time: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
  event: fc.integer({ min: 0, max: 1 }),
  stratum: fc.constantFrom(3, 1, 7.5, -2),
  column: fc.constantFrom(0, 1, 2, 300, -1.5),
});

describe('tabulateSurvivalTimes', () => {
  it('gives the same table on the dense path and the per-stratum path when the cell limit forces each', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), fc.boolean(), (rows, timefix) => {
        const input = {
          time: rows.map((r) => r.time),
          event: rows.map((r) => r.event),
          stratum: rows.map((r) => r.stratum),
          column: rows.map((r) => r.column),
          stratumName: 'strata',
          columnName: 'group',
          timefix,
        };
        const dense = tabulateSurvivalTimes({ ...input, denseCellLimit: Number.POSITIVE_INFINITY });
        const byStratum = tabulateSurvivalTimes({ ...input, denseCellLimit: 0 });
        expect(byStratum).toEqual(dense);
        const subjects = dense.strata.reduce((sum, s) => sum + s.subjects.reduce((a, b) => a + b, 0), 0);
        expect(subjects).toBe(rows.length);
        expect(dense.columnSizes.reduce((a, b) => a + b, 0)).toBe(rows.length);
      }),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('counts events and subjects per stratum, time and column in ascending order when tabulated', () => {
    const table = tabulateSurvivalTimes({
      time: [5, 1, 1, 5, 2],
      event: [1, 1, 0, 0, 1],
      stratum: [2, 1, 1, 2, 2],
      column: [1, 0, 1, 1, 0],
      stratumName: 'strata',
      columnName: 'group',
      timefix: true,
    });
    expect(Array.from(table.times)).toEqual([1, 2, 5]);
    expect(table.columnCodes).toEqual([0, 1]);
    expect(table.columnSizes).toEqual([2, 3]);
    expect(
      table.strata.map((s) => [s.code, s.n, Array.from(s.ranks), Array.from(s.events), Array.from(s.subjects)]),
    ).toEqual([
      [1, 2, [0], [1, 0], [1, 1]],
      [2, 3, [1, 2], [1, 0, 0, 1], [1, 0, 0, 2]],
    ]);
  });
});

describe('DistinctNumberIndex', () => {
  it('keeps first-seen ids through growth when many distinct values are inserted', () => {
    const index = new DistinctNumberIndex();
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5003) / 7);
    const ids = values.map((value) => index.idOf(value));
    expect(ids).toEqual(values.map((_, i) => i));
    expect(values.map((value) => index.find(value))).toEqual(ids);
    expect(index.find(-1)).toBe(-1);
    expect(Array.from(index.values())).toEqual(values);
  });
});
