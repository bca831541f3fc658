/**
 * `mmreg report --study ID --format html,pdf,docx,xlsx,csv --out DIR [--db URL]`: the study report in
 * the formats journals and statisticians use (docs/exports.md). ID is a study code in the registry
 * database (analysed as the server's analysis route does for a study-wide caller), or, without
 * --db, a shipped study (`musto2007`: the published data, as `mmreg reproduce`). DIR is replaced
 * atomically; nothing is written when any format fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseStudyFile } from '@mmreg/contracts';
import { analyseStudy, type StudyAnalysis } from '@mmreg/core';
import {
  exportReport,
  parseReportFormats,
  ReportExportError,
  type ReportFormat,
  reportFormats,
} from '@mmreg/report/export';
import { openStore, resolveDatabaseUrl } from '@mmreg/storage';
import { type Command, Option } from 'commander';
import { CliError } from '../cli-error.ts';
import { readPackageVersion, writeDirectoryAtomic } from '../files.ts';
import { analyseRegistryStudy } from './registry-study-analysis.ts';
import { knownStudies } from './reproduce-command.ts';

type Write = (text: string) => void;

export interface ReportOptions {
  readonly study: string;
  readonly formats: readonly ReportFormat[];
  readonly out: string;
  /** Registry database URL; without it a shipped study id is the published study. */
  readonly db?: string;
  /** Omit the generation time (byte-identical HTML, CSV and JSON). */
  readonly deterministic: boolean;
}

interface ReportSource {
  readonly analysis: StudyAnalysis;
  readonly description: string;
  readonly notes: readonly string[];
}

function publishedStudy(code: string): ReportSource | null {
  const path = knownStudies[code];
  if (path === undefined || !existsSync(path)) return null;
  const parsed = parseStudyFile(readFileSync(path, 'utf8'), path);
  if (!parsed.ok) throw new CliError(`${path} is not a valid study file`, { issues: parsed.issues });
  return { analysis: analyseStudy(parsed.value), description: `the published data of ${code}`, notes: [] };
}

async function registryStudy(code: string, db: string | undefined): Promise<ReportSource> {
  const store = await openStore(resolveDatabaseUrl(db));
  let result: Awaited<ReturnType<typeof analyseRegistryStudy>>;
  try {
    result = await analyseRegistryStudy(store, code);
  } finally {
    await store.close();
  }
  const { analysis, notAssessed, notes } = result;
  return {
    analysis,
    description: `registry study ${code}`,
    notes: [
      ...notes,
      ...notAssessed.map((entry) => `not analysed: ${entry.code} (${entry.centerCode}): ${entry.reason}`),
    ],
  };
}

function kilobytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}

export async function runReport(options: ReportOptions): Promise<string> {
  const resolved =
    (options.db === undefined ? publishedStudy(options.study) : null) ??
    (await registryStudy(options.study, options.db));
  let exported: Awaited<ReturnType<typeof exportReport>>;
  try {
    exported = await exportReport(resolved.analysis, {
      formats: options.formats,
      software: {
        name: 'mmreg',
        version: readPackageVersion(),
        generatedAt: options.deterministic ? null : new Date().toISOString(),
      },
    });
  } catch (error) {
    if (error instanceof ReportExportError) throw new CliError(error.message);
    throw error;
  }
  const out = resolve(options.out);
  writeDirectoryAtomic(out, exported.files);
  const timing = Object.entries(exported.timingsMs)
    .map(([format, ms]) => `${format} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  return [
    `${resolved.analysis.study.title}: ${resolved.description}, ${resolved.analysis.study.patients} patients`,
    ...resolved.notes.map((note) => `  ${note}`),
    ...[...exported.files].map(([name, bytes]) => `  ${name} (${kilobytes(bytes.length)})`),
    `wrote ${exported.files.size} files to ${out}${timing === '' ? '' : ` (${timing})`}`,
    '',
  ].join('\n');
}

export function registerReportCommand(program: Command, write: Write): void {
  program
    .command('report')
    .description('the study report as HTML, PDF, DOCX, XLSX, CSV, SVG and 300-dpi PNG figures (docs/exports.md)')
    .requiredOption('--study <id>', 'a study code in the registry database, or musto2007 (the published study)')
    .addOption(
      new Option('--format <list>', `comma-separated: ${reportFormats.join(', ')} or all`).default(
        'all',
        'all formats',
      ),
    )
    .requiredOption('--out <dir>', 'output directory (replaced atomically)')
    .option('--db <url>', 'registry database (sqlite:PATH or postgres://…); default: DATABASE_URL, else ./data')
    .addOption(new Option('--deterministic', 'omit the generation time').default(false))
    .action(async (options: { study: string; format: string; out: string; db?: string; deterministic: boolean }) => {
      let formats: ReportFormat[];
      try {
        formats = parseReportFormats(options.format);
      } catch (error) {
        throw error instanceof ReportExportError ? new CliError(error.message) : error;
      }
      write(
        await runReport({
          study: options.study,
          formats,
          out: options.out,
          deterministic: options.deterministic,
          ...(options.db === undefined ? {} : { db: options.db }),
        }),
      );
    });
}
