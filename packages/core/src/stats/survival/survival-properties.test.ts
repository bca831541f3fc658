/**
 * Property tests (fast-check, fixed seed) of the invariants in house-style.md "Tests": a KM curve is
 * non-increasing in [0, 1]; results do not depend on row order; relabelling groups does not change a
 * log-rank p. A failing input found here becomes a fixture in the function's own test file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.ts';
import { logRankTest } from './log-rank-test.ts';

const settings = { seed: 20240601, numRuns: 200 };

/** Rows with coarse times (many ties, as in registries) or fine times, and up to four groups. */
const rows = fc.array(
  fc.record({
    time: fc.oneof(fc.integer({ min: 0, max: 25 }), fc.double({ min: 0, max: 100, noNaN: true })),
    event: fc.integer({ min: 0, max: 1 }),
    group: fc.integer({ min: 1, max: 4 }),
  }),
  { minLength: 1, maxLength: 80 },
);

function columns(data: ReadonlyArray<{ time: number; event: number; group: number }>) {
  return { time: data.map((r) => r.time), event: data.map((r) => r.event), group: data.map((r) => r.group) };
}

/** The rows in the order given by a list of random sort keys. */
function permuted<T>(data: readonly T[], keys: readonly number[]): T[] {
  return data
    .map((value, i) => ({ value, key: keys[i % keys.length] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((entry) => entry.value);
}

describe('kaplanMeier', () => {
  it('gives non-increasing survival in [0, 1] inside its limits when fitted to any data', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom('log', 'log-log', 'plain' as const), (data, confType) => {
        for (const curve of kaplanMeier(columns(data), { confType }).strata) {
          let previous = 1;
          curve.surv.forEach((s, i) => {
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(previous);
            previous = s;
            const lower = curve.lower[i];
            const upper = curve.upper[i];
            if (lower !== null && lower !== undefined) expect(lower).toBeLessThanOrEqual(s);
            if (upper !== null && upper !== undefined) expect(upper).toBeGreaterThanOrEqual(s);
            if (upper !== null && upper !== undefined) expect(upper).toBeLessThanOrEqual(1);
          });
          const counted = curve.nEvent.reduce((a, b) => a + b, 0) + curve.nCensor.reduce((a, b) => a + b, 0);
          expect(counted).toBe(curve.n);
          expect(curve.nRisk[0]).toBe(curve.n);
        }
      }),
      settings,
    );
  });

  it('gives identical curves when the rows are reordered', () => {
    fc.assert(
      fc.property(rows, fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 80 }), (data, keys) => {
        expect(kaplanMeier(columns(permuted(data, keys)))).toEqual(kaplanMeier(columns(data)));
      }),
      settings,
    );
  });
});

describe('logRankTest', () => {
  /** Data with at least two groups; V may still be singular in degenerate draws, which R refuses too. */
  const twoGroupRows = rows.filter((data) => new Set(data.map((r) => r.group)).size >= 2);

  function testOrSkip(data: ReturnType<typeof columns>, rho: number) {
    try {
      return logRankTest(data, { rho });
    } catch (error) {
      if (error instanceof RangeError && /singular/.test(error.message)) return null;
      throw error;
    }
  }

  it('gives identical results when the rows are reordered', () => {
    fc.assert(
      fc.property(
        twoGroupRows,
        fc.array(fc.double({ noNaN: true }), { minLength: 1 }),
        fc.constantFrom(0, 0.5, 1),
        (data, keys, rho) => {
          const original = testOrSkip(columns(data), rho);
          fc.pre(original !== null);
          expect(logRankTest(columns(permuted(data, keys)), { rho })).toEqual(original);
        },
      ),
      settings,
    );
  });

  it('gives the same chi-square and p when the groups are relabelled', () => {
    fc.assert(
      fc.property(
        twoGroupRows,
        fc.shuffledSubarray([11, -3, 42, 7.5], { minLength: 4, maxLength: 4 }),
        fc.constantFrom(0, 0.5, 1),
        (data, labels, rho) => {
          const original = testOrSkip(columns(data), rho);
          fc.pre(original !== null);
          const relabelled = logRankTest(
            columns(data.map((r) => ({ ...r, group: labels[r.group - 1] ?? Number.NaN }))),
            { rho },
          );
          expect(relabelled.df).toBe(original?.df);
          // The dropped reference group changes with the labels, so the solve differs in the last bits.
          expect(Math.abs(relabelled.chisq - (original?.chisq ?? 0))).toBeLessThanOrEqual(
            1e-9 * Math.max(1, original?.chisq ?? 0),
          );
          if (original?.p === null) expect(relabelled.p).toBeNull();
          else expect(Math.abs((relabelled.p ?? Number.NaN) - (original?.p ?? 0))).toBeLessThanOrEqual(1e-9);
        },
      ),
      settings,
    );
  });
});
