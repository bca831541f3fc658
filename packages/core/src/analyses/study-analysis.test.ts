/**
 * Acceptance test of the reference study: every survival, CI, test and pooling number of the
 * analysis against R's outputs for Musto 2007 (golden/musto2007.json; statistics-reference.md §10),
 * at the tolerances of §8, and every claim's verdict as the published data give it.
 */
import { expectAllClose, expectClose, loadMusto2007Study, readGolden } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { defaultAnalysisConventions } from './analysis-conventions.ts';
import { analyseStudy } from './study-analysis.ts';
import type { EndpointAnalysis, SurvivalGroup } from './survival-types.ts';

interface GoldenStratum {
  stratum: string;
  n: number;
  events: number;
  print_median: Record<
    'log' | 'loglog' | 'plain',
    { median: number | null; lower: number | null; upper: number | null }
  >;
  table: Record<string, Array<number | null>>;
}
interface GoldenKm {
  strata: GoldenStratum[];
}
interface GoldenLogRank {
  observed: number[];
  expected: number[];
  chisq: number;
  df: number;
  p: number;
}
interface GoldenVariant {
  km_all: GoldenKm;
  km_by_type: GoldenKm;
  logrank_type: GoldenLogRank;
}
interface GoldenMeta {
  measure: string;
  method: string;
  pooled_proportion: number;
  pooled_ci_lb: number;
  pooled_ci_ub: number;
  pi_lb: number;
  pi_ub: number;
  tau2: number;
  I2: number;
  QE: number;
  QEp: number;
  weights_pct: number[];
}
interface MustoGolden {
  pfs: Record<'primary_pt12_time_0.5' | 'pt12_time_0' | 'pt12_excluded', GoldenVariant>;
  os: GoldenVariant;
  response: Record<
    'orr' | 'vgpr_or_better' | 'cr',
    { x: number; n: number; estimate: number; cp95: [number, number] }
  > & {
    'binom_test_vs_0.45': { two_sided_p: number };
  };
  literature: {
    naive_unweighted_mean_rate_pct: number;
    n_weighted_mean_rate_pct: number;
    pooled_rounded_counts: { responders: number; n: number; cp95: [number, number] };
    median_os: { unweighted_mean: number; n_weighted_mean: number; median_of_medians: number };
    meta: GoldenMeta[];
    musto_vs_pooled_literature_fisher: { p_two_sided: number; odds_ratio_cmle: number; or_ci95: [number, number] };
    data: { responders: number[] };
  };
}

const golden = readGolden<MustoGolden>('musto2007.json');
const analysis = analyseStudy(loadMusto2007Study());

function expectGroupMatches(group: SurvivalGroup, stratum: GoldenStratum, label: string): void {
  expect(group.n, `${label} n`).toBe(stratum.n);
  expect(group.events, `${label} events`).toBe(stratum.events);
  // statistics-reference.md §8: medians and CI limits are data times, so they match exactly.
  expect([group.median, group.lower, group.upper], `${label} median (log CI)`).toEqual([
    stratum.print_median.log.median,
    stratum.print_median.log.lower,
    stratum.print_median.log.upper,
  ]);
  const table = stratum.table;
  expect(
    group.steps.map((step) => step.time),
    `${label} times`,
  ).toEqual(table['time']);
  expect(
    group.steps.map((step) => step.nRisk),
    `${label} n.risk`,
  ).toEqual(table['n.risk']);
  expectAllClose(
    group.steps.map((step) => step.surv),
    table['surv'] ?? [],
    { rel: 1e-13, label: `${label} surv` },
  );
  // R's SE of S is NaN (Inf × 0) once S reaches 0; the result model reports it as null (not available).
  expectAllClose(
    group.steps.map((step) => step.stdErr),
    (table['std.err.surv'] ?? []).map((value) => (value !== null && Number.isNaN(value) ? null : value)),
    { rel: 1e-13, label: `${label} std.err` },
  );
  expectAllClose(
    group.steps.map((step) => step.lower),
    table['lower'] ?? [],
    { rel: 1e-13, label: `${label} lower` },
  );
  expectAllClose(
    group.steps.map((step) => step.upper),
    table['upper'] ?? [],
    { rel: 1e-13, label: `${label} upper` },
  );
}

function expectEndpointMatches(endpoint: EndpointAnalysis, variant: GoldenVariant, label: string): void {
  const [all] = variant.km_all.strata;
  const primary = variant.km_by_type.strata.find((stratum) => stratum.stratum === 'type=P');
  const secondary = variant.km_by_type.strata.find((stratum) => stratum.stratum === 'type=S');
  if (all === undefined || primary === undefined || secondary === undefined) throw new Error('golden strata missing');
  expectGroupMatches(endpoint.all, all, `${label} all`);
  expectGroupMatches(endpoint.primary, primary, `${label} primary`);
  expectGroupMatches(endpoint.secondary, secondary, `${label} secondary`);
  expectClose(endpoint.logRank.chisq, variant.logrank_type.chisq, { rel: 1e-12, label: `${label} log-rank chisq` });
  expectClose(endpoint.logRank.p, variant.logrank_type.p, { rel: 1e-12, label: `${label} log-rank p` });
  expect(endpoint.logRank.df).toBe(variant.logrank_type.df);
  expectAllClose(endpoint.logRank.expected, variant.logrank_type.expected, { rel: 1e-12, label: `${label} expected` });
}

describe('analyseStudy on Musto 2007 (statistics-reference.md §10)', () => {
  it('reproduces R survfit/survdiff for PFS when patient 12 progresses at 0.5 months (primary convention)', () => {
    expect(analysis.survival.pfs.convention).toEqual({ kind: 'event-at', months: 0.5 });
    expectEndpointMatches(analysis.survival.pfs, golden.pfs['primary_pt12_time_0.5'], 'PFS 0.5');
  });

  it('reproduces R for the PFS sensitivity analyses when patient 12 is at time 0 or excluded', () => {
    const [atZero, excluded] = analysis.survival.pfsSensitivity;
    if (atZero === undefined || excluded === undefined) throw new Error('sensitivity analyses missing');
    expectEndpointMatches(atZero, golden.pfs.pt12_time_0, 'PFS 0');
    expectEndpointMatches(excluded, golden.pfs.pt12_excluded, 'PFS excluded');
    expect(excluded.excluded).toEqual([{ code: 'MU-12', reason: 'primary refractory with no progression time' }]);
  });

  it('reproduces R survfit/survdiff for OS', () => {
    expectEndpointMatches(analysis.survival.os, golden.os, 'OS');
  });

  it('counts patients at risk at the axis times when building the number-at-risk table', () => {
    expect(analysis.survival.os.atRiskTimes).toEqual(defaultAnalysisConventions.atRiskTimes);
    // n at risk at t = patients with time ≥ t (R's n.risk, survminer's risk table).
    expect(analysis.survival.os.all.atRisk).toEqual([12, 12, 11, 7, 3, 1, 1, 1, 0]);
    expect(analysis.survival.pfs.all.atRisk).toEqual([12, 11, 9, 4, 2, 1, 1, 1, 0]);
  });

  it('matches R binom.test Clopper–Pearson intervals for ORR, VGPR or better and CR', () => {
    const { response } = analysis;
    const pairs = [
      [response.overallResponse, golden.response.orr],
      [response.vgprOrBetter, golden.response.vgpr_or_better],
      [response.completeResponseOrBetter, golden.response.cr],
    ] as const;
    for (const [actual, expected] of pairs) {
      expect([actual.count, actual.n]).toEqual([expected.x, expected.n]);
      expectClose(actual.lower, expected.cp95[0], { rel: 1e-12, label: 'CP lower' });
      expectClose(actual.upper, expected.cp95[1], { rel: 1e-12, label: 'CP upper' });
    }
  });

  it('matches metafor for the pooled historical response rate and its sensitivity fits', () => {
    const literature = analysis.literature;
    if (literature === null) throw new Error('literature missing');
    expect(literature.series.map((series) => series.responders)).toEqual(golden.literature.data.responders);
    // 47% of 25 cannot be printed from a whole count (11/25 = 44%, 12/25 = 48%); 37% of 8 can (3/8 = 37.5%).
    expect(literature.series.filter((series) => !series.isPrintedRateAttainable).map((series) => series.label)).toEqual(
      ['Noel and Kyle 1987'],
    );
    expectClose(100 * literature.unweightedMeanRate, golden.literature.naive_unweighted_mean_rate_pct, { rel: 1e-14 });
    expectClose(100 * literature.patientWeightedMeanRate, golden.literature.n_weighted_mean_rate_pct, { rel: 1e-14 });
    expectClose(literature.pooledCounts.lower, golden.literature.pooled_rounded_counts.cp95[0], { rel: 1e-12 });
    expectClose(literature.pooledCounts.upper, golden.literature.pooled_rounded_counts.cp95[1], { rel: 1e-12 });
    expectClose(literature.medianOverallSurvival.patientWeightedMean, golden.literature.median_os.n_weighted_mean, {
      rel: 1e-14,
    });
    expect(literature.medianOverallSurvival.medianOfMedians).toBe(golden.literature.median_os.median_of_medians);
    const fits = [literature.randomEffects, ...literature.sensitivity];
    for (const fit of fits) {
      const measure = fit.measure === 'logit' ? 'PLO' : 'PFT';
      const expected = golden.literature.meta.find(
        (entry) => entry.measure === measure && entry.method === fit.tau2Method,
      );
      if (expected === undefined) throw new Error(`no golden for ${measure} ${fit.tau2Method}`);
      const label = `${measure} ${fit.tau2Method}`;
      expectClose(fit.fit.proportion.estimate, expected.pooled_proportion, { rel: 1e-12, label: `${label} estimate` });
      expectClose(fit.fit.proportion.lower, expected.pooled_ci_lb, { rel: 1e-12, label: `${label} lower` });
      expectClose(fit.fit.proportion.upper, expected.pooled_ci_ub, { rel: 1e-12, label: `${label} upper` });
      expectClose(fit.fit.proportion.predictionLower, expected.pi_lb, { rel: 1e-12, label: `${label} PI lower` });
      expectClose(fit.fit.heterogeneity.tau2, expected.tau2, { rel: 1e-12, label: `${label} tau2` });
      expectClose(100 * fit.fit.heterogeneity.i2, expected.I2, { rel: 1e-12, label: `${label} I2` });
      expectClose(fit.fit.heterogeneity.qP, expected.QEp, { rel: 1e-12, label: `${label} Q p` });
    }
  });

  it('matches R binom.test and fisher.test for this study against the historical series', () => {
    const versus = analysis.literature?.studyVersusHistorical;
    if (versus === undefined) throw new Error('literature missing');
    const published = versus.binomialTests.find((test) => test.rate === 0.45);
    expectClose(published?.pValue, golden.response['binom_test_vs_0.45'].two_sided_p, {
      rel: 1e-12,
      label: 'binom p vs 0.45',
    });
    const fisher = golden.literature.musto_vs_pooled_literature_fisher;
    expectClose(versus.fisher.pValue, fisher.p_two_sided, { rel: 1e-12, label: 'fisher p' });
    // statistics-reference.md §8: R's uniroot is loose unless ported; 1e-3 (OR) and 2e-2 (CI) otherwise.
    expectClose(versus.fisher.oddsRatio, fisher.odds_ratio_cmle, { rel: 1e-3, label: 'fisher OR' });
    expectClose(versus.fisher.lower, fisher.or_ci95[0], { rel: 2e-2, label: 'fisher OR lower' });
    expectClose(versus.fisher.upper, fisher.or_ci95[1], { rel: 2e-2, label: 'fisher OR upper' });
  });
});

describe('claims check of Musto 2007 (docs/adr/0004-claim-verdicts.md)', () => {
  const verdicts = Object.fromEntries(analysis.claims.map((claim) => [claim.id, claim.verdict]));

  it('covers all 27 published claims with a computed value and an explanation', () => {
    expect(analysis.claims).toHaveLength(27);
    for (const claim of analysis.claims) {
      expect(claim.computed, claim.id).not.toBe('');
      expect(claim.explanation.length, claim.id).toBeGreaterThan(20);
    }
  });

  it('finds the "median" age is the mean and the median cycles is 4.5 when recomputed', () => {
    expect(verdicts['C03']).toBe('discrepant');
    expect(analysis.claims.find((claim) => claim.id === 'C03')?.explanation).toContain('is the mean (61.25)');
    expect(verdicts['C12']).toBe('discrepant');
    expect(analysis.claims.find((claim) => claim.id === 'C12')?.computed).toBe('4.5 (1–6)');
  });

  it('finds the historical 45% is an unweighted mean of percentages, not a pooled rate', () => {
    const claim = analysis.claims.find((entry) => entry.id === 'C26');
    expect(claim?.verdict).toBe('discrepant');
    expect(claim?.explanation).toContain('is the unweighted mean of the seven percentages');
    expect(claim?.explanation).toContain('43.8%');
  });

  it('marks the longest-response claim not verifiable because no response durations are published', () => {
    expect(verdicts['C25']).toBe('not-verifiable');
  });

  it('reproduces every other claim from the published rows', () => {
    const others = Object.entries(verdicts).filter(([id]) => !['C03', 'C12', 'C25', 'C26'].includes(id));
    expect(others.filter(([, verdict]) => verdict !== 'reproduced')).toEqual([]);
    expect(others).toHaveLength(23);
  });

  it('turns a claim discrepant when the data change, so verdicts are computed and not typed in', () => {
    const study = loadMusto2007Study();
    const changed = analyseStudy({
      ...study,
      patients: study.patients.map((patient) =>
        patient.code === 'MU-01' ? { ...patient, toxicity: { ...patient.toxicity, neurologic: 3 as const } } : patient,
      ),
    });
    expect(changed.claims.find((claim) => claim.id === 'C20')?.verdict).toBe('discrepant');
    expect(changed.claims.find((claim) => claim.id === 'C20')?.computed).toBe('2');
  });
});
