/**
 * The reference study's report as a whole: a golden HTML file (so any change to a table or figure
 * is a reviewable diff; rewrite with UPDATE_GOLDEN=1), plus checks that the page is self-contained
 * and that results.json carries what docs/results-json.md promises.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseStudy } from '@mmreg/core';
import { loadMusto2007Study } from '@mmreg/testkit';
import { describe, expect, it } from 'vitest';
import { buildStudyReport } from './build-report.ts';

const report = buildStudyReport(analyseStudy(loadMusto2007Study()), {
  name: 'mmreg',
  version: 'test',
  generatedAt: null,
});
const goldenPath = join(dirname(fileURLToPath(import.meta.url)), '__golden__', 'musto2007-report.html');

describe('buildStudyReport on Musto 2007', () => {
  it('renders the same HTML as the reviewed golden file', () => {
    if (process.env['UPDATE_GOLDEN'] === '1') {
      mkdirSync(dirname(goldenPath), { recursive: true });
      writeFileSync(goldenPath, report.html);
    }
    expect(existsSync(goldenPath), `${goldenPath} is missing: run UPDATE_GOLDEN=1 npx vitest run packages/report`).toBe(
      true,
    );
    expect(report.html).toBe(readFileSync(goldenPath, 'utf8'));
  });

  it('writes a self-contained page with no scripts, stylesheets or network references', () => {
    expect(report.html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(report.html).not.toMatch(/(src|href)="https?:/i);
    expect(report.html.match(/<svg[\s>]/g)?.length).toBe(5);
  });

  it('includes every table, figure and section the issue lists', () => {
    for (const id of [
      'table-1-patients',
      'table-1-summary',
      'table-2-treatment-outcomes',
      'table-response',
      'table-survival',
      'table-toxicity',
      'table-3-literature',
      'table-historical-tests',
      'table-claims',
      'figure-1a-all-patients',
      'figure-1b-primary-pcl',
      'figure-2a-pfs-by-type',
      'figure-2b-os-by-type',
      'figure-3-forest',
      'methods',
    ]) {
      expect(report.html, id).toContain(`id="${id}"`);
    }
    expect(report.html).toContain('primary-refractory progression counted as a PFS event at 0.5 months');
  });

  it('writes one CSV per table and one SVG per figure beside report.html and results.json', () => {
    const names = [...report.files.keys()].sort();
    expect(names).toEqual(
      [
        'report.html',
        'results.json',
        ...report.tables.map((table) => `tables/${table.id}.csv`),
        ...report.figures.map((figure) => `figures/${figure.id}.svg`),
      ].sort(),
    );
    const csv = report.files.get('tables/table-1-patients.csv') ?? '';
    expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(13);
    expect(report.files.get('figures/figure-3-forest.svg')).toMatch(/^<\?xml/);
  });
});

describe('results.json (docs/results-json.md)', () => {
  const results = JSON.parse(report.files.get('results.json') ?? '{}');

  it('has the response, survival, literature and claims fields the issue requires', () => {
    expect(results.response).toMatchObject({ n: 12, responders: 11, orr: { estimate: 11 / 12 } });
    for (const endpoint of ['pfs', 'os']) {
      for (const group of ['all', 'primary', 'secondary']) {
        expect(Object.keys(results.survival[endpoint][group]).sort()).toEqual([
          'events',
          'lower',
          'median',
          'n',
          'upper',
        ]);
      }
      expect(Object.keys(results.survival[endpoint].logrank).sort()).toEqual(['chisq', 'df', 'p']);
    }
    expect(results.survival.pfs.primary.median).toBeNull();
    expect(Object.keys(results.literature.pooled).sort()).toEqual(['estimate', 'i2', 'lower', 'tau2', 'upper']);
    expect(results.claims).toHaveLength(27);
    for (const claim of results.claims) {
      expect(Object.keys(claim).sort()).toEqual(['claim', 'computed', 'explanation', 'id', 'reported', 'verdict']);
      expect(['reproduced', 'discrepant', 'not-verifiable']).toContain(claim.verdict);
    }
  });

  it('keeps every proportion in [0, 1] when written', () => {
    const proportions = [
      results.response.orr.estimate,
      results.response.orr.lower,
      results.response.orr.upper,
      results.literature.pooled.estimate,
      results.literature.pooled.lower,
      results.literature.pooled.upper,
      results.literature.pooled.i2,
      results.literature.unweightedMean,
      results.literature.weightedMean,
    ];
    for (const value of proportions) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(results.literature.unweightedMean).toBeCloseTo(0.45285714285714285, 14);
  });
});
