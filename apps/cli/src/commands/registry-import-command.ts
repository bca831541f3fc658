/**
 * `mmreg import`: two commands under one name. `mmreg import musto2007` converts the published
 * tables into the typed study file (import-command.ts, unchanged). `mmreg import FILES… --study CODE`
 * imports registry data — long CSVs, an XLSX workbook, a REDCap dictionary and export — into the
 * database: every file is validated first (`parseRegistryImport`), then the store writes the batch in
 * one transaction or nothing (`Store.importBatch`); `--dry-run` shows what would change and writes
 * nothing. Any problem ends with exit code 2, each issue printed as "file, line N, column C: reason".
 *
 * The CLI is an administrative tool on the server machine: it writes with a study-wide scope, or
 * only into the centre named by `--center`. Progress goes to stderr: the line "writing …" is printed
 * just before the write transaction starts (the SIGKILL test waits for it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { formatImportIssue, parseRegistryImport, type RegistryImportFile } from '@mmreg/contracts';
import { type AccessScope, type Actor, type ImportSummary, StoreError } from '@mmreg/storage';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { defaultMusto2007Source, defaultMusto2007Study, runImportMusto2007 } from './import-command.ts';
import { cliActor, withStore } from './registry-commands.ts';

export interface RegistryImportOptions {
  readonly files: readonly string[];
  readonly db?: string | undefined;
  readonly study: string;
  readonly center?: string | undefined;
  readonly dryRun: boolean;
  /** The registered user the audit trail attributes the import to (default: the operating-system user). */
  readonly user?: string | undefined;
}

interface ImportCommandOptions {
  readonly from?: string;
  readonly out?: string;
  readonly db?: string;
  readonly study?: string;
  readonly center?: string;
  readonly user?: string;
  readonly dryRun: boolean;
}

type Write = (text: string) => void;

/** Registers `mmreg import`, dispatching on its first argument: `musto2007` or registry files. */
export function registerImportCommand(program: Command, write: Write, warn: Write): void {
  program
    .command('import')
    .description(
      'musto2007: validate the published tables and write the typed study file; FILES…: import registry data ' +
        '(labs/therapy/followup/patients/adverse_events CSV, an XLSX workbook, or a REDCap data dictionary + record export) ' +
        'into the database — all or nothing',
    )
    .argument('<source...>', '"musto2007", or the files of a registry import')
    .option('--from <dir>', 'musto2007: directory with the published tables', defaultMusto2007Source)
    .option('--out <file>', 'musto2007: study file to write', defaultMusto2007Study)
    .option(
      '--db <url>',
      'registry: database URL (sqlite:PATH or postgres://…; default DATABASE_URL or ./data/mmreg.db)',
    )
    .option('--study <code>', 'registry: the study to import into')
    .option('--center <code>', 'registry: import into this centre only (default: study-wide)')
    .option('--user <name>', 'registry: the registered user the audit trail names (default cli:<os user>)')
    .option('--dry-run', 'validate and show what would change without writing', false)
    .action(async (sources: string[], options: ImportCommandOptions) => {
      const [first, ...rest] = sources;
      if (first === 'musto2007' && rest.length === 0) {
        write(
          runImportMusto2007({
            from: options.from ?? defaultMusto2007Source,
            out: options.out ?? defaultMusto2007Study,
            dryRun: options.dryRun,
          }),
        );
        return;
      }
      if (options.study === undefined)
        throw new CliError('a registry import needs --study CODE (or give "musto2007" to import the published study)');
      write(
        await runRegistryImport(
          {
            files: sources,
            db: options.db,
            study: options.study,
            center: options.center,
            dryRun: options.dryRun,
            user: options.user,
          },
          warn,
        ),
      );
    });
}

function readImportFiles(paths: readonly string[]): RegistryImportFile[] {
  return paths.map((path) => {
    if (!existsSync(path)) throw new CliError(`${path}: file not found`);
    return { name: path, bytes: new Uint8Array(readFileSync(path)) };
  });
}

function describeSummary(summary: ImportSummary): string {
  const rows = Object.entries(summary.rowsAdded)
    .filter(([, count]) => count !== undefined && count > 0)
    .map(([kind, count]) => `${kind} ${count}`);
  const verb = summary.dryRun ? 'dry run, nothing written: would' : 'imported:';
  const lines = [
    `${verb} create ${summary.patientsCreated} patient(s), update ${summary.patientsUpdated}, add rows: ${rows.length === 0 ? 'none' : rows.join(', ')}; ${summary.rowsUnchanged} row(s) already stored, skipped`,
    ...summary.changes.map((change) => `  ${change}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Validates the files, then writes them in one transaction (or, with dryRun, only reports). */
export async function runRegistryImport(options: RegistryImportOptions, warn: Write): Promise<string> {
  const files = readImportFiles(options.files);
  return withStore(options.db, async (store) => {
    const study = await store.findStudy(options.study);
    if (study === null) throw new CliError(`no study with code "${options.study}"`);
    const centers = await store.listCenters(study.id);
    let scope: AccessScope = { studyId: study.id, readCenters: 'all', writeCenters: 'all' };
    if (options.center !== undefined) {
      const center = centers.find((candidate) => candidate.code === options.center);
      if (center === undefined) {
        throw new CliError(
          `no centre with code "${options.center}" in study ${study.code} (centres: ${centers.map((known) => known.code).join(', ') || 'none'})`,
        );
      }
      scope = { studyId: study.id, readCenters: [center.id], writeCenters: [center.id] };
    }
    const parsed = await parseRegistryImport(files, { centers, centerCode: options.center });
    if (!parsed.ok) throw new CliError('import refused', { issues: parsed.issues });
    const batch = parsed.value;
    for (const warning of batch.warnings ?? []) warn(`mmreg: warning: ${formatImportIssue(warning)}\n`);

    let actor: Actor = cliActor();
    if (options.user !== undefined) {
      const user = await store.findUser(options.user);
      if (user === null) throw new CliError(`no user "${options.user}"`);
      actor = { userId: user.id, username: user.username };
    }
    const rows = batch.patients.reduce(
      (sum, patient) => sum + Object.values(patient.children).reduce((count, list) => count + (list?.length ?? 0), 0),
      0,
    );
    warn(
      `mmreg: ${options.dryRun ? 'checking (dry run)' : 'writing'} ${batch.patients.length} patient(s), ${rows} row(s) in one transaction\n`,
    );
    try {
      return describeSummary(await store.importBatch(scope, batch, { actor, dryRun: options.dryRun }));
    } catch (error) {
      if (error instanceof StoreError)
        throw new CliError(`${error.message}${error.field === null ? '' : ` (field ${error.field})`}`);
      throw error;
    }
  });
}
