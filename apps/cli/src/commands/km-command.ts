/**
 * `mmreg km FILE.csv --time COL --event COL [--group COL]`: Kaplan–Meier medians with CIs per group
 * and the log-rank test, as R's `survfit(Surv(time, event) ~ group)` and `survdiff()` give them.
 * Reads the CSV, calls core, formats; computes nothing itself.
 */
import {
  type KaplanMeierStratum,
  kaplanMeier,
  logRankTest,
  type SurvivalConfidenceType,
  survivalMedian,
} from '@mmreg/core';
import { CliError } from '../cli-error.ts';
import {
  type CohortFactor,
  type CohortTable,
  parseCohortCsv,
  pickRows,
  readCsvText,
  readEventColumn,
  readFactor,
  readTimeColumn,
  selectCompleteRows,
} from '../cohort-csv.ts';
import { formatPValue, formatSignificant, renderTable } from './format-output.ts';

export interface KmCommandOptions {
  readonly time: string;
  readonly event: string;
  readonly group?: string | undefined;
  readonly confType: SurvivalConfidenceType;
  readonly confLevel: number;
  /** Explicit factor level orders (`--levels col=a,b`). */
  readonly levels: ReadonlyMap<string, readonly string[]>;
}

/** One row of `summary(fit)` per distinct time; null is R's NA. */
export interface KmTableRow {
  readonly time: number;
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  readonly surv: number;
  /** SE of S(t), as `summary.survfit` prints it (Greenwood SE of −log S times S). */
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface KmStratumReport {
  /** `variable=level` as R names strata, or `all` without a group. */
  readonly name: string;
  readonly n: number;
  readonly events: number;
  /** Null: not reached. */
  readonly median: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly table: readonly KmTableRow[];
}

export interface KmReport {
  readonly n: number;
  readonly dropped: number;
  readonly strata: readonly KmStratumReport[];
  readonly logrank: { readonly chisq: number; readonly df: number; readonly p: number | null } | null;
}

function describeStratum(curve: KaplanMeierStratum, name: string): KmStratumReport {
  const median = survivalMedian(curve);
  const table: KmTableRow[] = curve.time.map((time, i) => ({
    time,
    nRisk: curve.nRisk[i] as number,
    nEvent: curve.nEvent[i] as number,
    nCensor: curve.nCensor[i] as number,
    surv: curve.surv[i] as number,
    stdErr: curve.stdErrSurv[i] ?? null,
    lower: curve.lower[i] ?? null,
    upper: curve.upper[i] ?? null,
  }));
  return {
    name,
    n: curve.n,
    events: curve.events,
    median: median.median,
    lower: median.lower,
    upper: median.upper,
    table,
  };
}

/** Kaplan–Meier per group and the log-rank test (≥ 2 groups) on the complete rows of `table`. */
export function analyseKaplanMeier(table: CohortTable, options: KmCommandOptions): KmReport {
  const time = readTimeColumn(table, options.time);
  const event = readEventColumn(table, options.event);
  const factor: CohortFactor | null =
    options.group === undefined ? null : readFactor(table, options.group, options.levels.get(options.group));
  const { rows, dropped } = selectCompleteRows(
    table.rowCount,
    factor === null ? [time, event] : [time, event, factor.codes],
  );
  if (rows.length === 0) {
    throw new CliError(`${table.file}: every row has a missing value in a used column; nothing to analyse`);
  }
  const data = { time: pickRows(time, rows), event: pickRows(event, rows) };
  const group = factor === null ? undefined : pickRows(factor.codes, rows);
  const fit = kaplanMeier(group === undefined ? data : { ...data, group }, {
    confLevel: options.confLevel,
    confType: options.confType,
  });
  const strata = fit.strata.map((curve) =>
    describeStratum(
      curve,
      factor === null || curve.group === null ? 'all' : `${factor.name}=${factor.levels[curve.group] ?? '?'}`,
    ),
  );
  let logrank: KmReport['logrank'] = null;
  if (group !== undefined && fit.strata.length >= 2) {
    const test = logRankTest({ ...data, group });
    logrank = { chisq: test.chisq, df: test.df, p: test.p };
  }
  return { n: rows.length, dropped, strata, logrank };
}

/** The readable summary: R's `print(survfit)` table and `survdiff` line. */
export function formatKmReport(report: KmReport, options: KmCommandOptions & { readonly file: string }): string {
  const level = formatSignificant(options.confLevel, 6);
  const formula = `Surv(${options.time}, ${options.event}) ~ ${options.group ?? '1'}`;
  const lines = [
    `Kaplan–Meier: ${formula}  (${options.file}; ${report.n} rows used, ${report.dropped} dropped for missing values)`,
    '',
    renderTable(
      ['', 'n', 'events', 'median', `${level}LCL`, `${level}UCL`],
      report.strata.map((stratum) => [
        stratum.name,
        String(stratum.n),
        String(stratum.events),
        formatSignificant(stratum.median, 6, 'NR'),
        formatSignificant(stratum.lower, 6, 'NR'),
        formatSignificant(stratum.upper, 6, 'NR'),
      ]),
    ),
    '',
    `Median survival with ${level} CI (${options.confType}), as R's print(survfit(...)); NR = not reached.`,
  ];
  if (report.logrank !== null) {
    const { chisq, df, p } = report.logrank;
    lines.push(`Log-rank test: chisq = ${formatSignificant(chisq, 5)} on ${df} df, p = ${formatPValue(p)}`);
  } else if (options.group !== undefined) {
    lines.push(`Log-rank test: not computed (${options.group} has one level among the rows used).`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parses the CSV text (only the columns used) and analyses it. */
export function kaplanMeierFromCsv(text: string, file: string, options: KmCommandOptions): KmReport {
  const table = parseCohortCsv(text, file, [
    { name: options.time, kind: 'number' },
    { name: options.event, kind: 'auto' },
    ...(options.group === undefined ? [] : [{ name: options.group, kind: 'auto' as const }]),
  ]);
  return analyseKaplanMeier(table, options);
}

/** `mmreg km`: the readable summary, or the full result with `json`. */
export function runKaplanMeier(file: string, options: KmCommandOptions & { readonly json: boolean }): string {
  const report = kaplanMeierFromCsv(readCsvText(file), file, options);
  return options.json ? `${JSON.stringify(report, null, 2)}\n` : formatKmReport(report, { ...options, file });
}
