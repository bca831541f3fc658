/**
 * `mmreg meta` against metafor 3.8-1 (golden musto2007.json → literature.meta), read from the
 * literature CSV R read: every measure × τ² method at 1e-12 (§8).
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { clopperPearsonInterval } from '@mmreg/core';
import {
  expectAllClose,
  expectClose,
  goldenDirectory,
  readGolden,
  readGoldenText,
  repositoryRoot,
} from '@mmreg/testkit';
import { describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli-error.ts';
import { formatMetaReport, type MetaCommandOptions, type MetaReport, pooledProportionFromCsv } from './meta-command.ts';

interface GoldenMeta {
  measure: 'PLO' | 'PFT';
  method: 'DL' | 'REML';
  yi: number[];
  vi: number[];
  estimate_transformed_scale: number;
  se: number;
  ci_lb: number;
  ci_ub: number;
  z: number;
  p: number;
  tau2: number;
  se_tau2: number;
  tau: number;
  I2: number;
  H2: number;
  QE: number;
  QEp: number;
  QE_df: number;
  pooled_proportion: number;
  pooled_ci_lb: number;
  pooled_ci_ub: number;
  pi_lb: number;
  pi_ub: number;
  weights_pct: number[];
}

const literature = readGolden<{ literature: { meta: GoldenMeta[]; data: { series: string[] } } }>(
  'musto2007.json',
).literature;

function options(measure: MetaCommandOptions['measure'], tau2: MetaCommandOptions['tau2']): MetaCommandOptions {
  return { events: 'responders', n: 'n', label: 'series', measure, tau2, confLevel: 0.95 };
}

describe('pooledProportionFromCsv', () => {
  it.each(literature.meta.map((golden) => [golden.measure, golden.method, golden] as const))(
    'reproduces rma(measure = "%s", method = "%s") on the Musto 2007 literature series',
    (_measure, _method, golden) => {
      const measure = golden.measure === 'PLO' ? 'logit' : 'double-arcsine';
      const tau2 = golden.method === 'DL' ? 'dl' : 'reml';
      const report = pooledProportionFromCsv(
        readGoldenText('musto2007_literature.csv'),
        'musto2007_literature.csv',
        options(measure, tau2),
      );
      const rel = { rel: 1e-12 };
      expect([report.k, report.dropped, report.measure, report.tau2Method]).toEqual([7, 0, measure, golden.method]);
      expect(report.studies.map((study) => study.label)).toEqual(literature.data.series);
      expectAllClose(
        report.studies.map((study) => study.yi),
        golden.yi,
        { ...rel, label: 'yi' },
      );
      expectAllClose(
        report.studies.map((study) => study.vi),
        golden.vi,
        { ...rel, label: 'vi' },
      );
      expectAllClose(
        report.studies.map((study) => study.weight * 100),
        golden.weights_pct,
        { ...rel, label: 'weights' },
      );
      const { transformed, pooled, heterogeneity } = report;
      const pairs: Array<[string, number | null, number]> = [
        ['estimate', transformed.estimate, golden.estimate_transformed_scale],
        ['se', transformed.se, golden.se],
        ['ci lower', transformed.lower, golden.ci_lb],
        ['ci upper', transformed.upper, golden.ci_ub],
        ['z', transformed.z, golden.z],
        ['p', transformed.p, golden.p],
        ['tau2', heterogeneity.tau2, golden.tau2],
        ['se tau2', heterogeneity.seTau2, golden.se_tau2],
        ['tau', heterogeneity.tau, golden.tau],
        ['I2', heterogeneity.i2 * 100, golden.I2],
        ['H2', heterogeneity.h2, golden.H2],
        ['Q', heterogeneity.q, golden.QE],
        ['Q p', heterogeneity.p, golden.QEp],
        ['pooled proportion', pooled.proportion, golden.pooled_proportion],
        ['pooled lower', pooled.lower, golden.pooled_ci_lb],
        ['pooled upper', pooled.upper, golden.pooled_ci_ub],
        ['prediction lower', pooled.predictionLower, golden.pi_lb],
        ['prediction upper', pooled.predictionUpper, golden.pi_ub],
      ];
      for (const [label, actual, expected] of pairs) expectClose(actual, expected, { ...rel, label });
      expect(heterogeneity.df).toBe(golden.QE_df);
    },
  );

  it('gives each study its exact Clopper–Pearson CI', () => {
    const report = pooledProportionFromCsv(
      readGoldenText('musto2007_literature.csv'),
      'musto2007_literature.csv',
      options('logit', 'reml'),
    );
    for (const study of report.studies) {
      const exact = clopperPearsonInterval(study.events, study.n);
      expect([study.proportion, study.lower, study.upper]).toEqual([exact.estimate, exact.lower, exact.upper]);
    }
  });

  it('drops a study with a missing count and labels studies by line without --label', () => {
    const text = 'responders,n\n3,10\nNA,12\n5,20\n';
    const report = pooledProportionFromCsv(text, 's.csv', { ...options('logit', 'dl'), label: undefined });
    expect([report.k, report.dropped]).toEqual([2, 1]);
    expect(report.studies.map((study) => study.label)).toEqual(['line 2', 'line 4']);
  });

  it('names the line and column of an impossible count', () => {
    const settings = { ...options('logit', 'dl'), label: undefined };
    expect(() => pooledProportionFromCsv('responders,n\n3,10\n12,10\n', 's.csv', settings)).toThrow(
      new CliError('s.csv, line 3, column responders: 12 events is more than n = 10 (column n)'),
    );
    expect(() => pooledProportionFromCsv('responders,n\n3,10\n2,0\n', 's.csv', settings)).toThrow(
      new CliError('s.csv, line 3, column n: expected a whole number of patients ≥ 1; got 0'),
    );
    expect(() => pooledProportionFromCsv('responders,n\n2.5,10\n', 's.csv', settings)).toThrow(
      new CliError('s.csv, line 2, column responders: expected a whole number of events ≥ 0; got 2.5'),
    );
  });
});

describe('formatMetaReport', () => {
  it('prints the pooled proportion with CI and prediction interval, τ², I² and Q', () => {
    const settings = options('logit', 'dl');
    const report = pooledProportionFromCsv(readGoldenText('musto2007_literature.csv'), 'lit.csv', settings);
    const text = formatMetaReport(report, { ...settings, file: 'lit.csv' });
    expect(text).toContain('Pooled proportion 43.8% (95% CI 34.2%–53.9%); 95% prediction interval 28.9%–59.8%');
    expect(text).toContain('I² = 22.59% (metafor, τ²-based)');
    expect(text).toContain('Test for heterogeneity: Q = 7.7505 on 6 df, p = 0.257');
  });
});

// The command-line case starts a Node process with the TypeScript loader: allow for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });

describe('mmreg meta', () => {
  it('prints the JSON result with metafor’s numbers for the double arcsine with DL', () => {
    const bin = join(repositoryRoot, 'apps', 'cli', 'bin', 'mmreg.js');
    const file = join(goldenDirectory, 'musto2007_literature.csv');
    const args = ['meta', file, '--events', 'responders', '--n', 'n', '--label', 'series'];
    const run = spawnSync(process.execPath, [bin, ...args, '--measure', 'double-arcsine', '--tau2', 'dl', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as MetaReport;
    const golden = literature.meta.find((fit) => fit.measure === 'PFT' && fit.method === 'DL');
    expectClose(report.pooled.proportion, golden?.pooled_proportion, { rel: 1e-12, label: 'pooled' });
    expectClose(report.pooled.predictionUpper, golden?.pi_ub, { rel: 1e-12, label: 'PI upper' });
    expect(report.studies[0]).toMatchObject({ label: 'Noel & Kyle 1987', events: 12, n: 25 });
  });
});
