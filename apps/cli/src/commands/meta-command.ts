/**
 * `mmreg meta FILE.csv --events COL --n COL`: random-effects pooling of single-arm proportions as
 * metafor's `rma(measure = "PLO" | "PFT", xi = events, ni = n, method = "REML" | "DL")` reports it,
 * with each study's exact (Clopper–Pearson) CI. Reads the CSV, calls core, formats.
 */
import { clopperPearsonInterval, pooledProportion } from '@mmreg/core';
import { CliError } from '../cli-error.ts';
import {
  type CohortTable,
  failAtCell,
  formatRNumber,
  getColumn,
  getNumberColumn,
  parseCohortCsv,
  readCsvText,
  selectCompleteRows,
} from '../cohort-csv.ts';
import { formatPercent, formatPValue, formatSignificant, renderTable } from './format-output.ts';

export type MetaMeasure = 'logit' | 'double-arcsine';

export interface MetaCommandOptions {
  readonly events: string;
  readonly n: string;
  readonly label?: string | undefined;
  readonly measure: MetaMeasure;
  readonly tau2: 'dl' | 'reml';
  readonly confLevel: number;
}

export interface MetaStudyReport {
  readonly label: string;
  readonly events: number;
  readonly n: number;
  /** events/n with its exact (Clopper–Pearson) CI. */
  readonly proportion: number;
  readonly lower: number;
  readonly upper: number;
  /** Transformed proportion and its sampling variance (metafor `escalc` yi, vi). */
  readonly yi: number;
  readonly vi: number;
  /** Random-effects weight, a fraction summing to 1 over studies (metafor `weights()/100`). */
  readonly weight: number;
}

export interface MetaReport {
  readonly k: number;
  readonly dropped: number;
  readonly measure: MetaMeasure;
  readonly tau2Method: 'DL' | 'REML';
  readonly confLevel: number;
  /** Back-transformed pooled proportion, CI and prediction interval (`predict(fit, transf = …)`). */
  readonly pooled: {
    readonly proportion: number;
    readonly lower: number;
    readonly upper: number;
    readonly predictionLower: number;
    readonly predictionUpper: number;
  };
  /** The same on the logit or double-arcsine scale, with the Wald z test. */
  readonly transformed: {
    readonly estimate: number;
    readonly se: number;
    readonly lower: number;
    readonly upper: number;
    readonly z: number;
    readonly p: number;
    readonly predictionLower: number;
    readonly predictionUpper: number;
  };
  /** I² is metafor's τ²-based one, as a fraction (metafor prints 100·i2). */
  readonly heterogeneity: {
    readonly tau2: number;
    readonly seTau2: number | null;
    readonly tau: number;
    readonly i2: number;
    readonly h2: number;
    readonly q: number;
    readonly df: number;
    readonly p: number;
  };
  readonly studies: readonly MetaStudyReport[];
}

/** Counts must be whole numbers with n ≥ 1 and 0 ≤ events ≤ n; the first bad cell is the error. */
function checkCounts(table: CohortTable, options: MetaCommandOptions, events: Float64Array, n: Float64Array): void {
  for (let row = 0; row < table.rowCount; row += 1) {
    const size = n[row] as number;
    const count = events[row] as number;
    if (!Number.isNaN(size) && !(Number.isInteger(size) && size >= 1)) {
      failAtCell(table, row, options.n, `expected a whole number of patients ≥ 1; got ${formatRNumber(size)}`);
    }
    if (!Number.isNaN(count) && !(Number.isInteger(count) && count >= 0)) {
      failAtCell(table, row, options.events, `expected a whole number of events ≥ 0; got ${formatRNumber(count)}`);
    }
    if (count > size) {
      failAtCell(table, row, options.events, `${count} events is more than n = ${size} (column ${options.n})`);
    }
  }
}

function labelOf(table: CohortTable, label: string | undefined, row: number): string {
  if (label === undefined) return `line ${table.lineOf(row)}`;
  const column = getColumn(table, label);
  if (column.kind === 'number') {
    const value = column.values[row] as number;
    return Number.isNaN(value) ? `line ${table.lineOf(row)}` : formatRNumber(value);
  }
  const code = column.codes[row] as number;
  return code < 0 ? `line ${table.lineOf(row)}` : (column.labels[code] as string);
}

/** Pools the studies with complete counts. */
export function analysePooledProportion(table: CohortTable, options: MetaCommandOptions): MetaReport {
  const events = getNumberColumn(table, options.events).values;
  const n = getNumberColumn(table, options.n).values;
  checkCounts(table, options, events, n);
  const { rows, dropped } = selectCompleteRows(table.rowCount, [events, n]);
  if (rows.length === 0) {
    throw new CliError(`${table.file}: every row has a missing count; nothing to pool`);
  }
  const studyEvents = Array.from(rows, (row) => events[row] as number);
  const studyN = Array.from(rows, (row) => n[row] as number);
  const labels = Array.from(rows, (row) => labelOf(table, options.label, row));
  const fit = pooledProportion(
    { events: studyEvents, n: studyN, labels },
    { measure: options.measure, tau2Method: options.tau2 === 'dl' ? 'DL' : 'REML', confLevel: options.confLevel },
  );
  const { heterogeneity, transformed, proportion } = fit;
  return {
    k: fit.k,
    dropped,
    measure: fit.measure,
    tau2Method: fit.tau2Method,
    confLevel: fit.confLevel,
    pooled: {
      proportion: proportion.estimate,
      lower: proportion.lower,
      upper: proportion.upper,
      predictionLower: proportion.predictionLower,
      predictionUpper: proportion.predictionUpper,
    },
    transformed: {
      estimate: transformed.estimate,
      se: transformed.se,
      lower: transformed.lower,
      upper: transformed.upper,
      z: transformed.z,
      p: transformed.p,
      predictionLower: transformed.predictionLower,
      predictionUpper: transformed.predictionUpper,
    },
    heterogeneity: {
      tau2: heterogeneity.tau2,
      seTau2: heterogeneity.seTau2,
      tau: heterogeneity.tau,
      i2: heterogeneity.i2,
      h2: heterogeneity.h2,
      q: heterogeneity.q,
      df: heterogeneity.qDf,
      p: heterogeneity.qP,
    },
    studies: labels.map((label, i) => {
      const exact = clopperPearsonInterval(studyEvents[i] as number, studyN[i] as number, {
        confLevel: options.confLevel,
      });
      return {
        label,
        events: studyEvents[i] as number,
        n: studyN[i] as number,
        proportion: exact.estimate,
        lower: exact.lower,
        upper: exact.upper,
        yi: fit.yi[i] as number,
        vi: fit.vi[i] as number,
        weight: fit.relativeWeights[i] as number,
      };
    }),
  };
}

/** The readable summary: the study table, the pooled estimate and heterogeneity. */
export function formatMetaReport(report: MetaReport, options: MetaCommandOptions & { readonly file: string }): string {
  const level = `${formatSignificant(report.confLevel * 100, 6)}%`;
  const interval = (lower: number, upper: number): string => `${formatPercent(lower)}–${formatPercent(upper)}`;
  const { pooled, heterogeneity } = report;
  const lines = [
    `Random-effects meta-analysis of proportions: ${report.measure} scale, ${report.tau2Method} τ²  ` +
      `(${options.file}; ${report.k} studies, ${report.dropped} dropped for missing counts)`,
    '',
    renderTable(
      ['study', 'events', 'n', 'proportion', `${level} CI (exact)`, 'yi', 'vi', 'weight'],
      report.studies.map((study) => [
        study.label,
        String(study.events),
        String(study.n),
        formatPercent(study.proportion),
        interval(study.lower, study.upper),
        formatSignificant(study.yi, 4),
        formatSignificant(study.vi, 4),
        formatPercent(study.weight),
      ]),
    ),
    '',
    `Pooled proportion ${formatPercent(pooled.proportion)} (${level} CI ${interval(pooled.lower, pooled.upper)}); ` +
      `${level} prediction interval ${interval(pooled.predictionLower, pooled.predictionUpper)}`,
    `Heterogeneity: tau² = ${formatSignificant(heterogeneity.tau2, 4)} (se ${formatSignificant(heterogeneity.seTau2, 4)}), ` +
      `I² = ${formatPercent(heterogeneity.i2, 2)} (metafor, τ²-based), H² = ${formatSignificant(heterogeneity.h2, 4)}`,
    `Test for heterogeneity: Q = ${formatSignificant(heterogeneity.q, 5)} on ${heterogeneity.df} df, p = ${formatPValue(heterogeneity.p)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Parses the CSV text (only the columns used) and pools the studies. */
export function pooledProportionFromCsv(text: string, file: string, options: MetaCommandOptions): MetaReport {
  const table = parseCohortCsv(text, file, [
    { name: options.events, kind: 'number' },
    { name: options.n, kind: 'number' },
    ...(options.label === undefined ? [] : [{ name: options.label, kind: 'text' as const }]),
  ]);
  return analysePooledProportion(table, options);
}

/** `mmreg meta`: the readable summary, or the full result with `json`. */
export function runPooledProportion(file: string, options: MetaCommandOptions & { readonly json: boolean }): string {
  const report = pooledProportionFromCsv(readCsvText(file), file, options);
  return options.json ? `${JSON.stringify(report, null, 2)}\n` : formatMetaReport(report, { ...options, file });
}
