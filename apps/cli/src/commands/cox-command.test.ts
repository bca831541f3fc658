/**
 * `mmreg cox` against R's coxph + summary (golden `cox[]` entries), read from the same CSVs R read:
 * term names, na.omit, factor coding and reference level, tests and concordance (§8 tolerances).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectClose, goldenDirectory, readGolden, readGoldenText, repositoryRoot } from '@mmreg/testkit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli-error.ts';
import {
  type CoxCommandOptions,
  type CoxReport,
  coxRegressionFromCsv,
  formatCoxReport,
  parseCovariateTerms,
} from './cox-command.ts';

type Many = number | null | Array<number | null>;
interface GoldenTest {
  stat: number;
  df: number;
  p: number;
}
interface GoldenCox {
  ties: string;
  terms: string | string[];
  coef: Many;
  se: Many;
  hr: Many;
  z: Many;
  p: Many;
  hr_lower95: Many;
  hr_upper95: Many;
  loglik_null: number;
  loglik: number;
  lr_test: GoldenTest;
  wald_test: GoldenTest;
  score_test: GoldenTest;
  concordance: { C: number; se: number };
  n: number;
  nevent: number;
  n_dropped_na: number;
  warnings: string | string[];
}

/** jsonlite writes length-one vectors as scalars. */
const listOf = <TValue>(value: TValue | TValue[]): TValue[] => (Array.isArray(value) ? value : [value]);

function findModel(file: string, terms: readonly string[], ties: string): GoldenCox {
  const model = readGolden<{ cox: GoldenCox[] }>(file).cox.find(
    (candidate) => candidate.ties === ties && listOf(candidate.terms).join(',') === terms.join(','),
  );
  if (model === undefined) throw new Error(`${file}: no ${ties} model with terms ${terms.join(', ')}`);
  return model;
}

function expectSameAsR(report: CoxReport, golden: GoldenCox): void {
  expect([report.n, report.events, report.dropped]).toEqual([golden.n, golden.nevent, golden.n_dropped_na]);
  expect(report.terms.map((term) => term.term)).toEqual(listOf(golden.terms));
  const fields = [
    ['coef', 'coef'],
    ['se', 'se'],
    ['hr', 'hr'],
    ['lower', 'hr_lower95'],
    ['upper', 'hr_upper95'],
    ['z', 'z'],
    ['p', 'p'],
  ] as const;
  report.terms.forEach((term, k) => {
    for (const [ours, theirs] of fields) {
      expectClose(term[ours], listOf(golden[theirs])[k], { rel: 1e-7, label: `${term.term} ${ours}` });
    }
  });
  expectClose(report.loglik[0], golden.loglik_null, { rel: 1e-10, label: 'loglik null' });
  expectClose(report.loglik[1], golden.loglik, { rel: 1e-10, label: 'loglik' });
  const tests = [
    ['lr', golden.lr_test],
    ['wald', golden.wald_test],
    ['score', golden.score_test],
  ] as const;
  for (const [name, expected] of tests) {
    expectClose(report.tests[name].statistic, expected.stat, { rel: 1e-7, label: `${name} statistic` });
    expectClose(report.tests[name].p, expected.p, { rel: 1e-7, label: `${name} p` });
    expect(report.tests[name].df).toBe(expected.df);
  }
  expectClose(report.concordance.c, golden.concordance.C, { rel: 1e-7, label: 'concordance' });
  expectClose(report.concordance.se, golden.concordance.se, { rel: 1e-7, label: 'concordance se' });
  expect(report.warnings).toEqual([]);
}

function options(covariates: string, extra: Partial<CoxCommandOptions> = {}): CoxCommandOptions {
  return { time: 'time', event: 'status', covariates, ties: 'efron', confLevel: 0.95, levels: new Map(), ...extra };
}

const veteranLevels = new Map([['celltype', ['squamous', 'smallcell', 'adeno', 'large']]]);
const veteranTerms = [
  'trt',
  'celltypesmallcell',
  'celltypeadeno',
  'celltypelarge',
  'karno',
  'diagtime',
  'age',
  'prior',
] as const;

describe('coxRegressionFromCsv', () => {
  it('reproduces lung ~ age + sex + ph.ecog on 227 of 228 rows (status 1/2)', () => {
    const report = coxRegressionFromCsv(readGoldenText('lung.csv'), 'lung.csv', options('age,sex,ph.ecog'));
    expectSameAsR(report, findModel('lung.json', ['age', 'sex', 'ph.ecog'], 'efron'));
  });

  it.each(['efron', 'breslow'] as const)('reproduces the full veteran model with celltype (%s ties)', (ties) => {
    const report = coxRegressionFromCsv(
      readGoldenText('veteran.csv'),
      'veteran.csv',
      options('trt,celltype,karno,diagtime,age,prior', { ties, levels: veteranLevels }),
    );
    expectSameAsR(report, findModel('veteran.json', veteranTerms, ties));
  });

  it('names factor(celltype) terms as R, with the first sorted level (adeno) as reference by default', () => {
    const golden = findModel('veteran.json', veteranTerms, 'efron');
    const report = coxRegressionFromCsv(
      readGoldenText('veteran.csv'),
      'veteran.csv',
      options('trt,factor(celltype),karno,diagtime,age,prior'),
    );
    expect(report.terms.map((term) => term.term)).toEqual([
      'trt',
      'factor(celltype)large',
      'factor(celltype)smallcell',
      'factor(celltype)squamous',
      'karno',
      'diagtime',
      'age',
      'prior',
    ]);
    // Another reference level reparametrises the model: the fit and every other term are unchanged.
    expectClose(report.loglik[1], golden.loglik, { rel: 1e-10, label: 'loglik' });
    expectClose(report.terms[0]?.coef, listOf(golden.coef)[0], { rel: 1e-7, label: 'trt' });
    // smallcell vs adeno = (smallcell vs squamous) − (adeno vs squamous).
    const [, smallcell, adeno] = listOf(golden.coef) as number[];
    expectClose(report.terms[2]?.coef, (smallcell as number) - (adeno as number), { rel: 1e-7, label: 'smallcell' });
  });

  it('reproduces aml ~ x with the factor coded from a text column', () => {
    const report = coxRegressionFromCsv(readGoldenText('aml.csv'), 'aml.csv', options('x'));
    expectSameAsR(report, findModel('aml.json', ['xNonmaintained'], 'efron'));
  });

  it('reports an infinite coefficient (Musto 2007 OS) as nulls with a warning, keeping the LR and score tests', () => {
    const golden = readGolden<{ os: { cox_type_efron: GoldenCox } }>('musto2007.json').os.cox_type_efron;
    const report = coxRegressionFromCsv(
      readGoldenText('musto2007.csv'),
      'musto2007.csv',
      options('type', { time: 'os_months', event: 'os_event' }),
    );
    expect(report.terms).toEqual([
      { term: 'typeS', coef: null, se: null, hr: null, lower: null, upper: null, z: null, p: null },
    ]);
    expect(report.warnings.join(' ')).toContain('coefficient may be infinite');
    expect(report.tests.wald).toEqual({ statistic: null, df: 1, p: null });
    expectClose(report.tests.lr.statistic, golden.lr_test.stat, { rel: 1e-7, label: 'LR' });
    expectClose(report.tests.score.statistic, golden.score_test.stat, { rel: 1e-7, label: 'score' });
    expect(
      formatCoxReport(report, { ...options('type', { time: 'os_months', event: 'os_event' }), file: 'm.csv' }),
    ).toContain('typeS  infinite');
  });

  it('rejects a factor with one level among the rows used', () => {
    const text = 'time,status,arm\n1,1,A\n2,0,A\n3,1,A\n';
    expect(() => coxRegressionFromCsv(text, 'one.csv', options('arm'))).toThrow(
      new CliError('one.csv: column arm has one level ("A") among the 3 rows used; a factor needs at least two'),
    );
  });
});

// The command-line cases start a Node process with the TypeScript loader: allow for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });

const bin = join(repositoryRoot, 'apps', 'cli', 'bin', 'mmreg.js');
const workspace = mkdtempSync(join(tmpdir(), 'mmreg-cox-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function mmreg(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mmreg cox', () => {
  it('prints the JSON result with R’s numbers for lung ~ age + sex + ph.ecog', () => {
    const lung = join(goldenDirectory, 'lung.csv');
    const run = mmreg('cox', lung, '--time', 'time', '--event', 'status', '--covariates', 'age,sex,ph.ecog', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as CoxReport;
    expect(Object.keys(report)).toEqual([
      'n',
      'events',
      'dropped',
      'terms',
      'loglik',
      'tests',
      'concordance',
      'warnings',
    ]);
    expectSameAsR(report, findModel('lung.json', ['age', 'sex', 'ph.ecog'], 'efron'));
  });

  it('prints the readable summary with Breslow ties and --levels', () => {
    const veteran = join(goldenDirectory, 'veteran.csv');
    const run = mmreg(
      'cox',
      veteran,
      '--time',
      'time',
      '--event',
      'status',
      '--covariates',
      'factor(celltype)',
      '--levels',
      'celltype=squamous,smallcell,adeno,large',
      '--ties',
      'breslow',
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Cox proportional hazards (breslow ties): Surv(time, status) ~ factor(celltype)');
    expect(run.stdout).toMatch(/^factor\(celltype\)smallcell /m);
  });

  it('exits 2 with one error and nothing on stdout for a factor with one level', () => {
    const file = join(workspace, 'one-level.csv');
    writeFileSync(file, 'time,status,arm\n1,1,A\n2,0,A\nNA,1,B\n');
    const run = mmreg('cox', file, '--time', 'time', '--event', 'status', '--covariates', 'factor(arm)');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `mmreg: ${file}: column factor(arm) has one level ("A") among the 2 rows used; a factor needs at least two\n`,
    );
  });
});

describe('parseCovariateTerms', () => {
  it('splits on commas outside parentheses and recognises factor()', () => {
    expect(parseCovariateTerms(' age, factor(ph.ecog) ,sex')).toEqual([
      { column: 'age', isFactor: false },
      { column: 'ph.ecog', isFactor: true },
      { column: 'sex', isFactor: false },
    ]);
  });

  it('rejects an empty, malformed or repeated term', () => {
    expect(() => parseCovariateTerms('age,,sex')).toThrow(CliError);
    expect(() => parseCovariateTerms('log(age)')).toThrow(/cannot read the term "log\(age\)"/);
    expect(() => parseCovariateTerms('age,age')).toThrow(/the term age is given twice/);
  });
});
