/**
 * `mmreg cox FILE.csv --time COL --event COL --covariates a,b,factor(c)`: a Cox model as R's
 * `coxph(Surv(time, event) ~ a + b + factor(c))` + `summary()` report it. Builds the design matrix
 * (numbers as numbers, factors by treatment contrasts named as R names them) and calls core.
 */
import { coxRegression, treatmentContrasts } from '@mmreg/core';
import { CliError } from '../cli-error.ts';
import {
  type CohortTable,
  getColumn,
  parseCohortCsv,
  pickRows,
  readCsvText,
  readEventColumn,
  readFactor,
  readTimeColumn,
  selectCompleteRows,
} from '../cohort-csv.ts';
import { formatPValue, formatSignificant, renderTable } from './format-output.ts';

export interface CoxCommandOptions {
  readonly time: string;
  readonly event: string;
  /** As written: `age,sex,factor(ph.ecog)`. */
  readonly covariates: string;
  readonly ties: 'efron' | 'breslow';
  readonly confLevel: number;
  readonly levels: ReadonlyMap<string, readonly string[]>;
}

/** One model term as written on the command line. */
export interface CovariateTerm {
  readonly column: string;
  /** Written as `factor(column)`: always treatment contrasts, named `factor(column)level`. */
  readonly isFactor: boolean;
}

export interface CoxTermReport {
  readonly term: string;
  readonly coef: number | null;
  readonly se: number | null;
  readonly hr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly z: number | null;
  readonly p: number | null;
}

export interface CoxTestReport {
  readonly statistic: number | null;
  readonly df: number;
  readonly p: number | null;
}

export interface CoxReport {
  readonly n: number;
  readonly events: number;
  readonly dropped: number;
  readonly terms: readonly CoxTermReport[];
  /** Log partial likelihood [null model, fitted model]. */
  readonly loglik: readonly [number, number];
  readonly tests: { readonly lr: CoxTestReport; readonly wald: CoxTestReport; readonly score: CoxTestReport };
  readonly concordance: { readonly c: number | null; readonly se: number | null };
  readonly warnings: readonly string[];
}

/** Splits `age, sex,factor(ph.ecog)` into terms (commas inside parentheses do not split). */
export function parseCovariateTerms(spec: string): CovariateTerm[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of spec) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current.trim());
  const terms = parts.map((part): CovariateTerm => {
    const factor = /^factor\(\s*([^()]+?)\s*\)$/.exec(part);
    if (factor?.[1] !== undefined) return { column: factor[1], isFactor: true };
    if (part === '' || /[()]/.test(part)) {
      throw new CliError(`--covariates: cannot read the term "${part}" in "${spec}"; write column or factor(column)`);
    }
    return { column: part, isFactor: false };
  });
  const labels = terms.map(termLabel);
  const repeated = labels.find((label, index) => labels.indexOf(label) !== index);
  if (repeated !== undefined) throw new CliError(`--covariates: the term ${repeated} is given twice`);
  return terms;
}

function termLabel(term: CovariateTerm): string {
  return term.isFactor ? `factor(${term.column})` : term.column;
}

interface DesignTerm {
  readonly label: string;
  /** Numeric covariate values, or factor level codes (−1: missing). */
  readonly values: Float64Array | Int32Array;
  readonly levels: readonly string[] | null;
}

/** Fits the Cox model on the complete rows of `table`. */
export function analyseCoxRegression(table: CohortTable, options: CoxCommandOptions): CoxReport {
  const terms = parseCovariateTerms(options.covariates);
  const time = readTimeColumn(table, options.time);
  const event = readEventColumn(table, options.event);
  const design: DesignTerm[] = terms.map((term) => {
    const column = getColumn(table, term.column);
    const explicitLevels = options.levels.get(term.column);
    if (column.kind === 'number' && !term.isFactor && explicitLevels === undefined) {
      return { label: term.column, values: column.values, levels: null };
    }
    const factor = readFactor(table, term.column, explicitLevels);
    return { label: termLabel(term), values: factor.codes, levels: factor.levels };
  });
  const { rows, dropped } = selectCompleteRows(table.rowCount, [time, event, ...design.map((term) => term.values)]);
  if (rows.length === 0) {
    throw new CliError(`${table.file}: every row has a missing value in a used column; nothing to analyse`);
  }

  const warnings: string[] = [];
  const covariates: Float64Array[] = [];
  const names: string[] = [];
  for (const term of design) {
    if (term.levels === null) {
      covariates.push(pickRows(term.values as Float64Array, rows));
      names.push(term.label);
      continue;
    }
    const codes = pickRows(term.values as Int32Array, rows);
    const used = new Uint8Array(term.levels.length);
    for (const code of codes) used[code] = 1;
    const present = term.levels.filter((_, index) => used[index] === 1);
    const absent = term.levels.filter((_, index) => used[index] === 0);
    if (present.length < 2) {
      throw new CliError(
        `${table.file}: column ${term.label} has ${present.length === 1 ? `one level ("${present[0]}")` : 'no level'} ` +
          `among the ${rows.length} rows used; a factor needs at least two`,
      );
    }
    if (absent.length > 0) {
      warnings.push(`${term.label}: level(s) ${absent.join(', ')} do not occur in the rows used and were dropped.`);
    }
    const contrasts = treatmentContrasts(
      Array.from(codes, (code) => term.levels?.[code] ?? null),
      present,
      term.label,
    );
    covariates.push(...contrasts.columns);
    names.push(...contrasts.names);
  }

  const fit = coxRegression(
    { time: pickRows(time, rows), event: pickRows(event, rows), covariates, names },
    { ties: options.ties, confLevel: options.confLevel },
  );
  const test = (result: { statistic: number | null; df: number; p: number | null }): CoxTestReport => ({
    statistic: result.statistic,
    df: result.df,
    p: result.p,
  });
  return {
    n: fit.n,
    events: fit.events,
    dropped: dropped + fit.nDroppedMissing,
    terms: fit.terms.map((term) => ({
      term: term.term,
      coef: term.coef,
      se: term.se,
      hr: term.hr,
      lower: term.lower,
      upper: term.upper,
      z: term.z,
      p: term.p,
    })),
    loglik: fit.loglik,
    tests: { lr: test(fit.tests.likelihoodRatio), wald: test(fit.tests.wald), score: test(fit.tests.score) },
    concordance: { c: fit.concordance.c, se: fit.concordance.se },
    warnings: [...warnings, ...fit.warnings],
  };
}

/** The readable summary, laid out as R's `summary(coxph(...))`. */
export function formatCoxReport(report: CoxReport, options: CoxCommandOptions & { readonly file: string }): string {
  const formula = `Surv(${options.time}, ${options.event}) ~ ${parseCovariateTerms(options.covariates).map(termLabel).join(' + ')}`;
  const level = formatSignificant(options.confLevel, 6);
  const testLine = (name: string, result: CoxTestReport): string =>
    `${name} = ${formatSignificant(result.statistic, 5)} on ${result.df} df, p = ${formatPValue(result.p)}`;
  const lines = [
    `Cox proportional hazards (${options.ties} ties): ${formula}  (${options.file})`,
    `n = ${report.n} (${report.dropped} dropped for missing values), events = ${report.events}`,
    '',
    renderTable(
      ['', 'coef', 'HR', 'se(coef)', 'z', 'p', `lower ${level}`, `upper ${level}`],
      report.terms.map((term) => [
        term.term,
        term.coef === null ? 'infinite' : formatSignificant(term.coef, 5),
        formatSignificant(term.hr, 5),
        formatSignificant(term.se, 5),
        formatSignificant(term.z, 4),
        formatPValue(term.p),
        formatSignificant(term.lower, 5),
        formatSignificant(term.upper, 5),
      ]),
    ),
    '',
    `Concordance = ${formatSignificant(report.concordance.c, 4)} (se = ${formatSignificant(report.concordance.se, 4)})`,
    testLine('Likelihood ratio test', report.tests.lr),
    testLine('Wald test            ', report.tests.wald),
    testLine('Score (logrank) test ', report.tests.score),
  ];
  if (report.warnings.length > 0) lines.push('', 'Warnings:', ...report.warnings.map((warning) => `  ${warning}`));
  return `${lines.join('\n')}\n`;
}

/** Parses the CSV text (only the columns used) and fits the model. */
export function coxRegressionFromCsv(text: string, file: string, options: CoxCommandOptions): CoxReport {
  const terms = parseCovariateTerms(options.covariates);
  const table = parseCohortCsv(text, file, [
    { name: options.time, kind: 'number' },
    { name: options.event, kind: 'auto' },
    ...terms.map((term) => ({ name: term.column, kind: 'auto' as const })),
  ]);
  return analyseCoxRegression(table, options);
}

/** `mmreg cox`: the readable summary, or the full result with `json`. */
export function runCoxRegression(file: string, options: CoxCommandOptions & { readonly json: boolean }): string {
  const report = coxRegressionFromCsv(readCsvText(file), file, options);
  return options.json ? `${JSON.stringify(report, null, 2)}\n` : formatCoxReport(report, { ...options, file });
}
