/** `mmreg reproduce musto2007`: analyses the study and writes report.html, results.json, CSVs and SVGs. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseStudyFile } from '@mmreg/contracts';
import { analyseStudy } from '@mmreg/core';
import { buildStudyReport, formatMedianWithInterval, formatPercentWithInterval } from '@mmreg/report';
import { CliError } from '../cli-error.ts';
import { readPackageVersion, writeDirectoryAtomic } from '../files.ts';
import { defaultMusto2007Study } from './import-command.ts';

export interface ReproduceOptions {
  readonly study: string;
  readonly out: string;
  /** Omit the generation timestamp (byte-identical output for review). */
  readonly deterministic: boolean;
}

export const knownStudies: Readonly<Record<string, string>> = { musto2007: defaultMusto2007Study };

export function runReproduce(options: ReproduceOptions): string {
  const path = resolve(options.study);
  if (!existsSync(path)) throw new CliError(`${path}: study file not found`);
  const parsed = parseStudyFile(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new CliError(`${path} is not a valid study file`, { issues: parsed.issues });
  const analysis = analyseStudy(parsed.value);
  const report = buildStudyReport(analysis, {
    name: 'mmreg',
    version: readPackageVersion(),
    generatedAt: options.deterministic ? null : new Date().toISOString(),
  });
  const out = resolve(options.out);
  writeDirectoryAtomic(out, report.files);
  const orr = analysis.response.overallResponse;
  const verdicts = analysis.claims.reduce<Record<string, number>>((counts, claim) => {
    counts[claim.verdict] = (counts[claim.verdict] ?? 0) + 1;
    return counts;
  }, {});
  return [
    `${analysis.study.title} (${analysis.study.patients} patients)`,
    `  overall response ${orr.count}/${orr.n} = ${formatPercentWithInterval(orr.estimate, orr.lower, orr.upper)}`,
    `  median PFS ${formatMedianWithInterval(analysis.survival.pfs.all.median, analysis.survival.pfs.all.lower, analysis.survival.pfs.all.upper)} months, median OS ${formatMedianWithInterval(analysis.survival.os.all.median, analysis.survival.os.all.lower, analysis.survival.os.all.upper)} months`,
    `  claims: ${Object.entries(verdicts)
      .map(([verdict, count]) => `${count} ${verdict}`)
      .join(', ')}`,
    `wrote ${report.files.size} files to ${out}`,
    `report: ${join(out, 'report.html')}`,
    '',
  ].join('\n');
}
