import { expectClose, readGolden } from '@mmreg/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Alternative } from './alternative.ts';
import { fisherExactTest } from './fisher-exact-test.ts';

type Table = number[][];

interface FisherGolden {
  readonly table_rows: Table;
  readonly conf_level?: number;
  readonly tests: ReadonlyArray<{
    readonly alternative: Alternative;
    readonly p_value: number;
    readonly estimate_or: number;
    readonly conf_int: [number, number];
  }>;
}

interface RxcGolden {
  readonly table_rows: Table;
  readonly p_value: number;
}

interface Goldens {
  readonly fisher_test_2x2: FisherGolden[];
  readonly fisher_test_rxc: RxcGolden[];
}

// §8: fisher p ≤ 1e−12 relative; OR and CI "exact only with an R zeroin port", which this is.
const rel = 1e-12;
const stats = readGolden<Goldens>('stats_tests.json');
const extra = readGolden<Goldens>('proportions_extra.json');
const musto = readGolden<{
  literature: {
    musto_vs_pooled_literature_fisher: {
      table_rows: Table;
      p_two_sided: number;
      odds_ratio_cmle: number;
      or_ci95: number[];
    };
  };
}>('musto2007.json').literature.musto_vs_pooled_literature_fisher;

function checkTwoByTwo(cases: readonly FisherGolden[]): void {
  for (const c of cases) {
    for (const t of c.tests) {
      const result = fisherExactTest(c.table_rows, { alternative: t.alternative, confLevel: c.conf_level ?? 0.95 });
      const label = `${JSON.stringify(c.table_rows)} ${t.alternative}`;
      expectClose(result.pValue, t.p_value, { rel, label: `${label} p` });
      expectClose(result.oddsRatio, t.estimate_or, { rel, label: `${label} OR` });
      expectClose(result.lower, t.conf_int[0], { rel, label: `${label} lower` });
      expectClose(result.upper, t.conf_int[1], { rel, label: `${label} upper` });
    }
  }
}

function transpose(table: Table): Table {
  return (table[0] ?? []).map((_, j) => table.map((row) => row[j] ?? 0));
}

describe('fisherExactTest', () => {
  it('matches R fisher.test p, conditional MLE and CI for the 8 stats_tests.json 2×2 tables × 3 alternatives', () => {
    expect(stats.fisher_test_2x2.length).toBe(8);
    checkTwoByTwo(stats.fisher_test_2x2);
  });

  it('matches R for larger 2×2 tables and other confidence levels (proportions_extra.json)', () => {
    checkTwoByTwo(extra.fisher_test_2x2);
  });

  it('reproduces R uniroot digits: CI limits that differ from the exact roots by up to 1.2 %', () => {
    // fisher_uniroot_check.txt: R's lower limit for [[1,9],[11,3]] is 0.00064383, the exact root 0.00063600.
    const result = fisherExactTest([
      [1, 9],
      [11, 3],
    ]);
    expectClose(result.lower, 0.0006438283883652947, { rel, label: 'lower' });
  });

  it('gives the Musto 11/12 versus pooled literature 59/136 comparison', () => {
    const result = fisherExactTest(musto.table_rows);
    expectClose(result.pValue, musto.p_two_sided, { rel, label: 'p' });
    expectClose(result.oddsRatio, musto.odds_ratio_cmle, { rel, label: 'OR' });
    expectClose(result.lower, musto.or_ci95[0], { rel, label: 'lower' });
    expectClose(result.upper, musto.or_ci95[1], { rel, label: 'upper' });
  });

  it('matches the FEXACT p-value for the r×c tables (job satisfaction 4×4, 3×3 and the extra tables)', () => {
    const cases = [...stats.fisher_test_rxc, ...extra.fisher_test_rxc];
    expect(cases.length).toBe(9);
    for (const c of cases) {
      const result = fisherExactTest(c.table_rows);
      expectClose(result.pValue, c.p_value, { rel, label: JSON.stringify(c.table_rows) });
      expect(result.oddsRatio).toBeNull();
      expect(result.lower).toBeNull();
      expect(result.upper).toBeNull();
    }
  });

  it('gives the same two-sided p for a table and its transpose (property)', () => {
    const table = fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 4 })).chain(([rows, columns]) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
    );
    fc.assert(
      fc.property(table, (t) => {
        const p = fisherExactTest(t).pValue;
        const pTransposed = fisherExactTest(transpose(t)).pValue;
        return p >= 0 && p <= 1 && Math.abs(p - pTransposed) <= 1e-12 * Math.max(p, 1e-300);
      }),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it('throws RangeError for tables smaller than 2×2, ragged rows or negative counts', () => {
    expect(() => fisherExactTest([[1, 2]])).toThrow(RangeError);
    expect(() => fisherExactTest([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      fisherExactTest([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});
