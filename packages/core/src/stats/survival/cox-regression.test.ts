import { expectAllClose, expectClose, readGolden, readGoldenText } from '@mmreg/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { treatmentContrasts } from './cox-design-matrix.ts';
import { type CoxRegressionData, type CoxRegressionResult, coxRegression } from './cox-regression.ts';

/** One `cox[]` entry of a golden file (golden/README.md). */
interface GoldenTest {
  readonly stat: number;
  readonly df: number;
  readonly p: number;
}
interface GoldenCox {
  readonly call: string;
  readonly ties: 'efron' | 'breslow' | 'exact';
  readonly n: number;
  readonly nevent: number;
  readonly iter: number;
  readonly terms: readonly string[];
  readonly coef: readonly number[];
  readonly se: readonly number[];
  readonly hr: readonly number[];
  readonly z: readonly number[];
  readonly p: readonly number[];
  readonly hr_lower95: readonly number[];
  readonly hr_upper95: readonly number[];
  readonly var: readonly (readonly number[])[];
  readonly means: readonly number[];
  readonly loglik_null: number;
  readonly loglik: number;
  readonly lr_test: GoldenTest;
  readonly wald_test: GoldenTest;
  readonly score_test: GoldenTest;
  readonly concordance: { readonly C: number; readonly se: number };
  readonly n_dropped_na: number;
  readonly warnings: readonly string[];
}

/**
 * §8 tolerances. The port replicates coxfit6's iteration (same iteration counts as R), so the
 * agreement is far tighter than the 1e-7 allowed for an independent optimiser: worst measured
 * relative errors are 6e-13 (veteran var), 1e-13 (LR), 4e-15 (p-values), 3e-16 (concordance).
 */
const estimateTolerance = { rel: 1e-11 };
const probabilityTolerance = { rel: 1e-12 };
const loglikTolerance = { rel: 1e-12 };
const statisticTolerance = { rel: 1e-12 };

/** Parses a golden CSV written by R's write.csv: quoted strings, "NA" for missing. */
function parseCsv(name: string): ReadonlyArray<Readonly<Record<string, string>>> {
  const [header, ...lines] = readGoldenText(name).trim().split('\n');
  const columns = (header ?? '').split(',').map((cell) => cell.replace(/"/g, ''));
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/"/g, ''));
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? 'NA']));
  });
}

/** A numeric CSV column with R's NA as NaN (the estimator drops such rows as na.omit). */
function numericColumn(rows: ReadonlyArray<Readonly<Record<string, string>>>, name: string): number[] {
  return rows.map((row) => {
    const cell = row[name];
    if (cell === undefined) throw new Error(`no column ${name}`);
    return cell === 'NA' ? Number.NaN : Number(cell);
  });
}

interface GoldenCase {
  readonly label: string;
  readonly golden: GoldenCox;
  readonly data: CoxRegressionData;
}

function datasetCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];

  const aml = parseCsv('aml.csv');
  const amlArm = treatmentContrasts(
    aml.map((row) => row['x'] ?? null),
    undefined,
    'x',
  );
  for (const golden of readGolden<{ cox: GoldenCox[] }>('aml.json').cox) {
    cases.push({
      label: `aml ${golden.call}`,
      golden,
      data: {
        time: numericColumn(aml, 'time'),
        event: numericColumn(aml, 'status'),
        covariates: amlArm.columns,
        names: amlArm.names,
      },
    });
  }

  const lung = parseCsv('lung.csv');
  for (const golden of readGolden<{ cox: GoldenCox[] }>('lung.json').cox) {
    cases.push({
      label: `lung ${golden.call}`,
      golden,
      data: {
        time: numericColumn(lung, 'time'),
        event: numericColumn(lung, 'status'),
        covariates: golden.terms.map((term) => numericColumn(lung, term)),
        names: golden.terms,
      },
    });
  }

  const veteran = parseCsv('veteran.csv');
  const celltype = treatmentContrasts(
    veteran.map((row) => row['celltype'] ?? null),
    ['squamous', 'smallcell', 'adeno', 'large'],
    'celltype',
  );
  for (const golden of readGolden<{ cox: GoldenCox[] }>('veteran.json').cox) {
    cases.push({
      label: `veteran ${golden.call}`,
      golden,
      data: {
        time: numericColumn(veteran, 'time'),
        event: numericColumn(veteran, 'status'),
        covariates: golden.terms.map((term) => {
          const dummy = celltype.names.indexOf(term);
          return dummy >= 0 ? (celltype.columns[dummy] as Float64Array) : numericColumn(veteran, term);
        }),
        names: golden.terms,
      },
    });
  }

  const ovarian = parseCsv('ovarian.csv');
  for (const golden of readGolden<{ cox: GoldenCox[] }>('ovarian.json').cox) {
    cases.push({
      label: `ovarian ${golden.call}`,
      golden,
      data: {
        time: numericColumn(ovarian, 'futime'),
        event: numericColumn(ovarian, 'fustat'),
        covariates: golden.terms.map((term) => numericColumn(ovarian, term)),
        names: golden.terms,
      },
    });
  }

  const heavyTies = readGolden<{
    two_group_heavy_ties: { data: { time: number[]; status: number[]; grp: number[] }; cox: GoldenCox[] };
  }>('edge_cases.json').two_group_heavy_ties;
  for (const golden of heavyTies.cox) {
    cases.push({
      label: `edge_cases two_group_heavy_ties ${golden.call}`,
      golden,
      data: {
        time: heavyTies.data.time,
        event: heavyTies.data.status,
        covariates: [heavyTies.data.grp],
        names: ['grp'],
      },
    });
  }
  return cases;
}

interface MustoGolden {
  readonly cohort: {
    readonly pfs_months: number[];
    readonly pfs_event: number[];
    readonly os_months: number[];
    readonly os_event: number[];
    readonly type: string[];
  };
  readonly pfs: Readonly<
    Record<'primary_pt12_time_0.5' | 'pt12_time_0' | 'pt12_excluded', { cox_type_efron: GoldenCox }>
  >;
  readonly os: { cox_type_efron: GoldenCox };
}

function mustoCases(): { readonly pfs: GoldenCase[]; readonly os: GoldenCase } {
  const musto = readGolden<MustoGolden>('musto2007.json');
  const { cohort } = musto;
  const type = treatmentContrasts(cohort.type, ['P', 'S'], 'type');
  const typeS = type.columns[0] as Float64Array;
  const pfsAtZero = cohort.pfs_months.map((months, i) => (i === 11 ? 0 : months));
  return {
    pfs: [
      {
        label: 'musto2007 PFS, patient 12 event at 0.5 months',
        golden: musto.pfs['primary_pt12_time_0.5'].cox_type_efron,
        data: { time: cohort.pfs_months, event: cohort.pfs_event, covariates: [typeS], names: type.names },
      },
      {
        label: 'musto2007 PFS, patient 12 event at time 0',
        golden: musto.pfs.pt12_time_0.cox_type_efron,
        data: { time: pfsAtZero, event: cohort.pfs_event, covariates: [typeS], names: type.names },
      },
      {
        label: 'musto2007 PFS, patient 12 excluded',
        golden: musto.pfs.pt12_excluded.cox_type_efron,
        data: {
          time: cohort.pfs_months.slice(0, 11),
          event: cohort.pfs_event.slice(0, 11),
          covariates: [typeS.slice(0, 11)],
          names: type.names,
        },
      },
    ],
    os: {
      label: 'musto2007 OS',
      golden: musto.os.cox_type_efron,
      data: { time: cohort.os_months, event: cohort.os_event, covariates: [typeS], names: type.names },
    },
  };
}

function expectTestClose(actual: CoxRegressionResult['tests']['wald'], expected: GoldenTest, label: string): void {
  expectClose(actual.statistic, expected.stat, { ...statisticTolerance, label: `${label} statistic` });
  expect(actual.df, `${label} df`).toBe(expected.df);
  expectClose(actual.p, expected.p, { ...probabilityTolerance, label: `${label} p` });
}

function expectMatchesGolden(fit: CoxRegressionResult, golden: GoldenCox): void {
  expect(fit.n).toBe(golden.n);
  expect(fit.events).toBe(golden.nevent);
  expect(fit.nDroppedMissing).toBe(golden.n_dropped_na);
  expect(fit.iterations).toBe(golden.iter);
  expect(fit.isConverged).toBe(true);
  expect(fit.warnings).toEqual([]);
  expect(fit.terms.map((term) => term.term)).toEqual(golden.terms);
  expect(fit.terms.every((term) => !term.isInfinite && !term.isAliased)).toBe(true);
  expectAllClose(
    fit.terms.map((term) => term.coef),
    golden.coef,
    { ...estimateTolerance, label: 'coef' },
  );
  expectAllClose(
    fit.terms.map((term) => term.se),
    golden.se,
    { ...estimateTolerance, label: 'se' },
  );
  expectAllClose(
    fit.terms.map((term) => term.hr),
    golden.hr,
    { ...estimateTolerance, label: 'hr' },
  );
  expectAllClose(
    fit.terms.map((term) => term.lower),
    golden.hr_lower95,
    { ...estimateTolerance, label: 'lower' },
  );
  expectAllClose(
    fit.terms.map((term) => term.upper),
    golden.hr_upper95,
    { ...estimateTolerance, label: 'upper' },
  );
  expectAllClose(
    fit.terms.map((term) => term.z),
    golden.z,
    { ...estimateTolerance, label: 'z' },
  );
  expectAllClose(
    fit.terms.map((term) => term.p),
    golden.p,
    { ...probabilityTolerance, label: 'p' },
  );
  expectAllClose(fit.variance.flat(), golden.var.flat(), { ...estimateTolerance, label: 'var' });
  expectAllClose(fit.means, golden.means, { rel: 1e-14, label: 'means' });
  expectClose(fit.loglik[0], golden.loglik_null, { ...loglikTolerance, label: 'loglik null' });
  expectClose(fit.loglik[1], golden.loglik, { ...loglikTolerance, label: 'loglik final' });
  expectTestClose(fit.tests.likelihoodRatio, golden.lr_test, 'likelihood ratio');
  expectTestClose(fit.tests.wald, golden.wald_test, 'Wald');
  expectTestClose(fit.tests.score, golden.score_test, 'score');
  expectClose(fit.concordance.c, golden.concordance.C, { ...statisticTolerance, label: 'concordance' });
  expectClose(fit.concordance.se, golden.concordance.se, { ...statisticTolerance, label: 'concordance se' });
}

describe('coxRegression', () => {
  const cases = [...datasetCases(), ...mustoCases().pfs];
  const fitted = cases.filter((entry) => entry.golden.ties !== 'exact');
  const exact = cases.filter((entry) => entry.golden.ties === 'exact');

  it('covers every efron and breslow cox entry of the golden files when they are loaded', () => {
    expect(fitted.length + 1).toBe(18); // + musto2007 OS, tested below as the monotone case
    expect(exact.map((entry) => entry.label)).toEqual([
      'aml Surv(time, status) ~ x',
      'edge_cases two_group_heavy_ties Surv(time, status) ~ grp',
    ]);
  });

  for (const { label, golden, data } of fitted) {
    it(`matches R coxph (${golden.ties}) when fitting ${label}`, () => {
      const ties = golden.ties === 'breslow' ? 'breslow' : 'efron';
      expectMatchesGolden(coxRegression(data, { ties }), golden);
    });
  }

  // ties = "exact" (conditional logistic likelihood) is not implemented: it must be refused, never
  // silently fitted with another tie method.
  it('refuses ties = "exact" with a clear error when asked for it (goldens: aml, heavy ties)', () => {
    expect(exact.length).toBeGreaterThan(0);
    for (const { data } of exact) {
      expect(() => coxRegression(data, { ties: 'exact' as unknown as 'efron' })).toThrow(/"exact" is not implemented/);
    }
  });

  describe('monotone likelihood (musto2007 OS: no deaths among P while S is at risk)', () => {
    const { golden, data } = mustoCases().os;
    const fit = coxRegression(data);

    it('flags the term as infinite and reports null estimates when R says "coefficient may be infinite"', () => {
      expect(golden.warnings[0]).toContain('coefficient may be infinite');
      const [term] = fit.terms;
      expect(term).toEqual({
        term: 'typeS',
        coef: null,
        se: null,
        hr: null,
        lower: null,
        upper: null,
        z: null,
        p: null,
        isInfinite: true,
        isAliased: false,
      });
      expect(fit.variance).toEqual([[null]]);
      expect(fit.warnings).toHaveLength(1);
      expect(fit.warnings[0]).toMatch(/typeS.*coefficient may be infinite/);
    });

    it('still reports the likelihood-ratio and score tests of R when the coefficient is infinite', () => {
      expect(fit.n).toBe(golden.n);
      expect(fit.events).toBe(golden.nevent);
      expect(fit.iterations).toBe(golden.iter);
      expectClose(fit.loglik[0], golden.loglik_null, { ...loglikTolerance, label: 'loglik null' });
      expectClose(fit.loglik[1], golden.loglik, { ...loglikTolerance, label: 'loglik final' });
      expectTestClose(fit.tests.likelihoodRatio, golden.lr_test, 'likelihood ratio');
      expectTestClose(fit.tests.score, golden.score_test, 'score');
      expectAllClose(fit.means, golden.means, { rel: 1e-14, label: 'means' });
      expectClose(fit.concordance.c, golden.concordance.C, { ...statisticTolerance, label: 'concordance' });
      expectClose(fit.concordance.se, golden.concordance.se, { ...statisticTolerance, label: 'concordance se' });
    });

    it('omits the Wald test when a coefficient is infinite', () => {
      expect(golden.wald_test.p).toBeGreaterThan(0.99); // R's meaningless Wald p ≈ 1
      expect(fit.tests.wald).toEqual({ statistic: null, df: 1, p: null });
    });
  });

  it('drops rows with a missing value and counts them when a covariate is NaN', () => {
    const fit = coxRegression({
      time: [5, 6, 7, 8, 9, 10, 11],
      event: [1, 1, 0, 1, 1, 0, 1],
      covariates: [[0, Number.NaN, 1, 0, 1, 1, 0]],
      names: ['x'],
    });
    expect(fit.n).toBe(6);
    expect(fit.nDroppedMissing).toBe(1);
    expect(fit.events).toBe(4);
  });

  it('gives the same fit when times differ only by floating-point noise (timefix)', () => {
    const base = {
      event: [1, 1, 0, 1, 1, 0, 1, 1],
      covariates: [[0, 1, 1, 0, 1, 0, 1, 0]],
      names: ['x'],
    };
    const exact = coxRegression({ ...base, time: [1, 1, 3, 3, 4, 5, 6, 6] });
    const noisy = coxRegression({ ...base, time: [1, 1 + 1e-12, 3, 3 + 1e-9, 4, 5, 6, 6] });
    expect(noisy.loglik[1]).toBe(exact.loglik[1]);
    expect(noisy.terms[0]?.coef).toBe(exact.terms[0]?.coef);
  });

  it('reports an aliased column as NA with a warning when the design matrix is singular', () => {
    const x = [0.5, 1.5, 2, 3, 4.5, 1, 2.5, 3.5];
    const fit = coxRegression({
      time: [1, 2, 3, 4, 5, 6, 7, 8],
      event: [1, 0, 1, 1, 0, 1, 1, 1],
      covariates: [x, x.map((value) => 2 * value)],
      names: ['x', 'twiceX'],
    });
    expect(fit.terms[1]?.isAliased).toBe(true);
    expect(fit.terms[1]?.coef).toBeNull();
    expect(fit.terms[0]?.coef).not.toBeNull();
    expect(fit.tests.likelihoodRatio.df).toBe(1);
    expect(fit.warnings.join(' ')).toMatch(/singular/);
  });

  it('warns and reports an infinite se when the variance overflows for a covariate of scale 1e-185', () => {
    // Found by the negation property: a finite MLE whose variance (~1e370) overflows on unscaling, as in R.
    const fit = coxRegression({
      time: [1, 1, 1, 1, 1, 1, 1, 1, 1],
      event: [0, 0, 0, 0, 0, 0, 1, 1, 0],
      covariates: [[0, 0, 0, 0, 0, 0, 0, 1.0945248198786266e-185, 0]],
      names: ['x'],
    });
    expect(fit.terms[0]?.isInfinite).toBe(false);
    expect(fit.terms[0]?.se).toBe(Number.POSITIVE_INFINITY);
    expect(fit.warnings.join(' ')).toMatch(/variance of x is not finite/);
  });

  it('rejects event codes other than 0/1 or 1/2 when the status is miscoded', () => {
    expect(() => coxRegression({ time: [1, 2, 3], event: [0, 1, 3], covariates: [[1, 2, 3]], names: ['x'] })).toThrow(
      RangeError,
    );
  });

  it('matches case weights to replicated rows when weights are integers', () => {
    const time = [2, 3, 3, 5, 7, 8, 9, 12];
    const event = [1, 1, 0, 1, 0, 1, 1, 1];
    const x = [1.2, 0.3, 2.2, 0.7, 1.9, 0.1, 1.4, 0.8];
    const weights = [1, 2, 1, 3, 1, 1, 2, 1];
    // Breslow only: Efron's fractions count tied rows, so weights and replicated rows differ there (as in R).
    const weighted = coxRegression({ time, event, covariates: [x], names: ['x'] }, { weights, ties: 'breslow' });
    const replicate = <T>(values: readonly T[]): T[] =>
      values.flatMap((value, i) => Array<T>(weights[i] ?? 0).fill(value));
    const replicated = coxRegression(
      { time: replicate(time), event: replicate(event), covariates: [replicate(x)], names: ['x'] },
      { ties: 'breslow' },
    );
    expectClose(weighted.terms[0]?.coef, replicated.terms[0]?.coef ?? null, { rel: 1e-9, label: 'coef' });
    expectClose(weighted.loglik[1], replicated.loglik[1], { rel: 1e-12, label: 'loglik' });
    expectClose(weighted.concordance.c, replicated.concordance.c, { rel: 1e-12, label: 'concordance' });
  });
});

interface ExtraCase {
  readonly call: string;
  readonly ties: 'efron' | 'breslow';
  readonly weighted: boolean;
  readonly conf_int: number;
  readonly n: number;
  readonly nevent: number;
  readonly iter: number;
  readonly terms: readonly string[];
  readonly coef: readonly (number | null)[];
  readonly se: readonly number[];
  readonly hr: readonly (number | null)[];
  readonly z: readonly (number | null)[];
  readonly p: readonly (number | null)[];
  readonly hr_lower: readonly (number | null)[];
  readonly hr_upper: readonly (number | null)[];
  readonly var: readonly (readonly number[])[];
  readonly means: readonly number[];
  readonly loglik_null: number;
  readonly loglik: number;
  readonly lr_test: GoldenTest;
  readonly wald_test: GoldenTest;
  readonly score_test: GoldenTest;
  readonly concordance: { readonly C: number; readonly se: number };
  readonly warnings: readonly string[];
  readonly data: {
    readonly time: number[];
    readonly status: number[];
    readonly w?: number[];
    readonly columns: Readonly<Record<string, number[]>>;
  };
}

/** golden/cox_extra.json (r-scripts/golden_cox_extra.R): weights, aliasing, 2-covariate monotone, conf.int. */
describe('coxRegression against golden/cox_extra.json', () => {
  const extra = readGolden<{ cases: Record<string, ExtraCase> }>('cox_extra.json').cases;
  const fitCase = (golden: ExtraCase): CoxRegressionResult => {
    const names = Object.keys(golden.data.columns);
    const data = {
      time: golden.data.time,
      event: golden.data.status,
      covariates: names.map((name) => golden.data.columns[name] ?? []),
      names,
    };
    const weights = golden.weighted ? golden.data.w : undefined;
    return coxRegression(data, {
      ties: golden.ties,
      confLevel: golden.conf_int,
      ...(weights === undefined ? {} : { weights }),
    });
  };
  const expectTerms = (fit: CoxRegressionResult, golden: ExtraCase, use: readonly number[]): void => {
    const pick = <T>(values: readonly T[]) => use.map((k) => values[k] as T);
    const terms = pick(fit.terms);
    expectAllClose(
      terms.map((term) => term.coef),
      pick(golden.coef),
      { ...estimateTolerance, label: 'coef' },
    );
    expectAllClose(
      terms.map((term) => term.se),
      pick(golden.se),
      { ...estimateTolerance, label: 'se' },
    );
    expectAllClose(
      terms.map((term) => term.hr),
      pick(golden.hr),
      { ...estimateTolerance, label: 'hr' },
    );
    expectAllClose(
      terms.map((term) => term.lower),
      pick(golden.hr_lower),
      { ...estimateTolerance, label: 'lower' },
    );
    expectAllClose(
      terms.map((term) => term.upper),
      pick(golden.hr_upper),
      { ...estimateTolerance, label: 'upper' },
    );
    expectAllClose(
      terms.map((term) => term.z),
      pick(golden.z),
      { ...estimateTolerance, label: 'z' },
    );
    expectAllClose(
      terms.map((term) => term.p),
      pick(golden.p),
      { ...probabilityTolerance, label: 'p' },
    );
    for (const a of use) {
      for (const b of use) {
        expectClose(fit.variance[a]?.[b], golden.var[a]?.[b], { ...estimateTolerance, label: `var[${a}][${b}]` });
      }
    }
  };
  const expectCommon = (fit: CoxRegressionResult, golden: ExtraCase): void => {
    expect([fit.n, fit.events, fit.iterations]).toEqual([golden.n, golden.nevent, golden.iter]);
    expect(fit.terms.map((term) => term.term)).toEqual(golden.terms);
    expectAllClose(fit.means, golden.means, { rel: 1e-14, label: 'means' });
    expectClose(fit.loglik[0], golden.loglik_null, { ...loglikTolerance, label: 'loglik null' });
    expectClose(fit.loglik[1], golden.loglik, { ...loglikTolerance, label: 'loglik final' });
    expectTestClose(fit.tests.likelihoodRatio, golden.lr_test, 'likelihood ratio');
    expectTestClose(fit.tests.score, golden.score_test, 'score');
    expectClose(fit.concordance.c, golden.concordance.C, { ...statisticTolerance, label: 'concordance' });
    expectClose(fit.concordance.se, golden.concordance.se, { ...statisticTolerance, label: 'concordance se' });
  };

  for (const name of [
    'lung_weighted_efron',
    'lung_weighted_breslow',
    'heavy_ties_weighted_efron',
    'heavy_ties_weighted_breslow',
    'ovarian_conf_int_90',
  ]) {
    it(`matches R coxph when fitting ${name}`, () => {
      const golden = extra[name];
      if (golden === undefined) throw new Error(`cox_extra.json has no case ${name}`);
      const fit = fitCase(golden);
      expectCommon(fit, golden);
      expectTerms(
        fit,
        golden,
        golden.terms.map((_, k) => k),
      );
      expectTestClose(fit.tests.wald, golden.wald_test, 'Wald');
      expect(fit.warnings).toEqual(
        golden.weighted ? [expect.stringMatching(/Non-integer case weights.*robust = FALSE/)] : [],
      );
    });
  }

  it('flags only the diverging term and keeps the finite one when one of two coefficients is infinite', () => {
    const golden = extra['musto_os_type_plus_score'];
    if (golden === undefined) throw new Error('cox_extra.json has no musto_os_type_plus_score');
    expect(golden.warnings).toEqual(['Loglik converged before variable  1 ; coefficient may be infinite. ']);
    const fit = fitCase(golden);
    expectCommon(fit, golden);
    expect(fit.terms.map((term) => term.isInfinite)).toEqual([true, false]);
    expect(fit.terms[0]?.coef).toBeNull();
    expectTerms(fit, golden, [1]);
    expect(fit.variance[0]).toEqual([null, null]);
    expect(fit.tests.wald.statistic).toBeNull();
    expect(fit.warnings[0]).toMatch(/variable 1 \(typeS\)/);
  });

  it('reports an aliased column as NA and drops it from the tests when R does', () => {
    const golden = extra['lung_aliased_column'];
    if (golden === undefined) throw new Error('cox_extra.json has no lung_aliased_column');
    const fit = fitCase(golden);
    expectCommon(fit, golden);
    expect(golden.coef[2]).toBeNull();
    expect(fit.terms[2]).toMatchObject({ term: 'age2', coef: null, se: null, hr: null, p: null, isAliased: true });
    expectTerms(fit, golden, [0, 1]);
    expect(golden.var[2]).toEqual([0, 0, 0]);
    expect(fit.variance[2]).toEqual([null, null, null]);
    expectTestClose(fit.tests.wald, golden.wald_test, 'Wald');
    expect(fit.warnings).toEqual([expect.stringMatching(/singular.*age2/)]);
  });
});

/** Small survival data sets with ties, for the properties. */
const survivalSample = fc
  .integer({ min: 6, max: 30 })
  .chain((n) =>
    fc.record({
      time: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }),
      event: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      x: fc.oneof(
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
        fc.array(
          fc.integer({ min: -300, max: 300 }).map((hundredths) => hundredths / 100),
          { minLength: n, maxLength: n },
        ),
      ),
    }),
  )
  .filter((sample) => sample.event.filter((value) => value === 1).length >= 2);

const propertyOptions = { seed: 20240601, numRuns: 100 };

describe('coxRegression properties', () => {
  it('inverts the HR and keeps the tests when the covariate is negated', () => {
    fc.assert(
      fc.property(survivalSample, ({ time, event, x }) => {
        const fit = coxRegression({ time, event, covariates: [x], names: ['x'] });
        const negated = coxRegression({ time, event, covariates: [x.map((value) => -value)], names: ['x'] });
        const [term] = fit.terms;
        const [mirror] = negated.terms;
        expect(mirror?.isInfinite).toBe(term?.isInfinite);
        expect(mirror?.isAliased).toBe(term?.isAliased);
        if (term?.hr != null && mirror?.hr != null) {
          expectClose(term.hr * mirror.hr, 1, { rel: 1e-9, label: 'HR × HR(−x)' });
          expectClose(mirror.se, term.se, { rel: 1e-9, label: 'se' });
          expectClose(mirror.p, term.p, { rel: 1e-7, abs: 1e-15, label: 'p' });
        }
        expectClose(negated.loglik[1], fit.loglik[1], { rel: 1e-12, label: 'loglik' });
        expectClose(negated.tests.score.statistic, fit.tests.score.statistic, {
          rel: 1e-9,
          abs: 1e-14,
          label: 'score',
        });
        expectClose(negated.concordance.c, fit.concordance.c, { rel: 1e-12, label: 'concordance' });
      }),
      propertyOptions,
    );
  });

  it('does not depend on row order when the rows are permuted', () => {
    const sampleWithPermutation = survivalSample.chain((sample) =>
      fc
        .array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: sample.time.length,
          maxLength: sample.time.length,
        })
        .map((keys) => ({
          sample,
          order: keys
            .map((key, i) => ({ key, i }))
            .sort((a, b) => a.key - b.key || a.i - b.i)
            .map(({ i }) => i),
        })),
    );
    fc.assert(
      fc.property(sampleWithPermutation, ({ sample, order }) => {
        const fit = coxRegression({ time: sample.time, event: sample.event, covariates: [sample.x], names: ['x'] });
        const pick = (values: readonly number[]) => order.map((i) => values[i] as number);
        const permuted = coxRegression({
          time: pick(sample.time),
          event: pick(sample.event),
          covariates: [pick(sample.x)],
          names: ['x'],
        });
        expect(permuted.terms[0]?.isInfinite).toBe(fit.terms[0]?.isInfinite);
        // Summation order inside tied times changes, so allow last-digit and convergence-step differences.
        expectClose(permuted.terms[0]?.coef, fit.terms[0]?.coef ?? null, { rel: 1e-6, abs: 1e-9, label: 'coef' });
        expectClose(permuted.loglik[1], fit.loglik[1], { rel: 1e-9, label: 'loglik' });
        expectClose(permuted.tests.likelihoodRatio.statistic, fit.tests.likelihoodRatio.statistic, {
          rel: 1e-6,
          abs: 1e-9,
          label: 'LR',
        });
        expectClose(permuted.concordance.c, fit.concordance.c, { rel: 1e-12, label: 'concordance' });
        expectClose(permuted.concordance.se, fit.concordance.se, { rel: 1e-9, label: 'concordance se' });
      }),
      propertyOptions,
    );
  });
});
