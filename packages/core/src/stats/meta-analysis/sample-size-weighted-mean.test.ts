import { expectClose, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { sampleMean, sampleMedian } from '../descriptive/index.ts';
import { sampleSizeWeightedMean } from './sample-size-weighted-mean.ts';

interface Literature {
  readonly data: {
    readonly n: number[];
    readonly rate_pct: number[];
    readonly responders: number[];
    readonly median_os_months: number[];
  };
  readonly naive_unweighted_mean_rate_pct: number;
  readonly n_weighted_mean_rate_pct: number;
  readonly pooled_rounded_counts: { readonly responders: number; readonly n: number; readonly pct: number };
  readonly median_os: {
    readonly unweighted_mean: number;
    readonly n_weighted_mean: number;
    readonly median_of_medians: number;
  };
}
const literature = readGolden<{ literature: Literature }>('musto2007.json').literature;
const rates = literature.data.rate_pct.map((percent) => percent / 100);
const tolerance = { rel: 1e-14 };

describe('sampleSizeWeightedMean', () => {
  it('matches R sum(n*rate)/sum(n) when given the seven published rates and sizes (43.06 %)', () => {
    expectClose(100 * sampleSizeWeightedMean(rates, literature.data.n), literature.n_weighted_mean_rate_pct, tolerance);
  });

  it('equals the pooled count 59/136 when given the rounded responders as proportions', () => {
    const { n, responders } = literature.data;
    const proportions = responders.map((events, i) => events / (n[i] ?? Number.NaN));
    expectClose(100 * sampleSizeWeightedMean(proportions, n), literature.pooled_rounded_counts.pct, tolerance);
  });

  it('matches the n-weighted mean of the series median OS when given months (7.30)', () => {
    expectClose(
      sampleSizeWeightedMean(literature.data.median_os_months, literature.data.n),
      literature.median_os.n_weighted_mean,
      tolerance,
    );
  });

  it('rejects empty input, sizes of another length, a size ≤ 0 or a non-finite value', () => {
    expect(() => sampleSizeWeightedMean([], [])).toThrow(RangeError);
    expect(() => sampleSizeWeightedMean([0.1, 0.2], [10])).toThrow(RangeError);
    expect(() => sampleSizeWeightedMean([0.1, 0.2], [10, 0])).toThrow(RangeError);
    expect(() => sampleSizeWeightedMean([0.1, Number.NaN], [10, 5])).toThrow(RangeError);
  });
});

// The unweighted comparisons the report prints beside it come from stats/descriptive; pinned here to
// the same golden so the literature table is checked in one place.
describe('sampleMean and sampleMedian on the Musto literature', () => {
  it('give R mean(rate_pct) = 45.29 %, mean(median_os) = 7.14 and median(median_os) = 7 months', () => {
    expectClose(100 * (sampleMean(rates) ?? Number.NaN), literature.naive_unweighted_mean_rate_pct, tolerance);
    expectClose(sampleMean(literature.data.median_os_months), literature.median_os.unweighted_mean, tolerance);
    expect(sampleMedian(literature.data.median_os_months)).toBe(literature.median_os.median_of_medians);
  });
});
