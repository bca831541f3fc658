/**
 * The registry's administrative commands (issue 5 items 3, 6, 7, 10): `serve`, `studies`, `centers`,
 * `users`, `audit`, `backup` and `restore`. Each opens the store named by `--db`, else
 * `DATABASE_URL`, else the embedded `./data/mmreg.db`, and closes it when done. Writes made here are
 * attributed in the audit trail to `cli:<operating-system user>`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AuditRecord, parseAssessmentFiles, parseStudyFile, type Role, roles } from '@mmreg/contracts';
import { startServer } from '@mmreg/server';
import {
  type Actor,
  buildReferenceStudyBatch,
  demoCenters,
  openStore,
  parseDatabaseUrl,
  referenceStudyCode,
  resolveDatabaseUrl,
  type Store,
  type StoreSnapshot,
} from '@mmreg/storage';
import { type Command, Option } from 'commander';
import Papa from 'papaparse';
import { CliError } from '../cli-error.ts';
import { writeFileAtomic } from '../files.ts';
import { defaultMusto2007Study } from './import-command.ts';
import { defaultMusto2007SyntheticLabs } from './reproduce-from-labs.ts';

type Write = (text: string) => void;

export function cliActor(): Actor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { userId: null, username: `cli:${name}` };
}

/** Opens the store, runs `work`, and always closes it. */
export async function withStore<TResult>(
  db: string | undefined,
  work: (store: Store) => Promise<TResult>,
): Promise<TResult> {
  const store = await openStore(resolveDatabaseUrl(db));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function requireStudy(store: Store, code: string): Promise<number> {
  const study = await store.findStudy(code);
  if (study === null) throw new CliError(`no study with code "${code}"`);
  return study.id;
}

async function requireCenter(store: Store, studyId: number, code: string): Promise<number> {
  const center = (await store.listCenters(studyId)).find((candidate) => candidate.code === code);
  if (center === undefined) throw new CliError(`no centre with code "${code}" in this study`);
  return center.id;
}

function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/** The password from stdin (`--password-stdin`), else MMREG_PASSWORD, else a generated one (printed). */
function readPassword(options: { passwordStdin: boolean }): { password: string; isGenerated: boolean } {
  if (options.passwordStdin) {
    const text = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
    if (text.length < 10) throw new CliError('the password read from stdin must have at least 10 characters');
    return { password: text, isGenerated: false };
  }
  const fromEnvironment = process.env['MMREG_PASSWORD'];
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    if (fromEnvironment.length < 10) throw new CliError('MMREG_PASSWORD must have at least 10 characters');
    return { password: fromEnvironment, isGenerated: false };
  }
  return { password: generatePassword(), isGenerated: true };
}

export interface DemoCredential {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly center: string | null;
}

/**
 * Creates the reference study (Musto 2007, 12 patients with synthetic labs) over four demo centres,
 * a coordinator and one investigator per centre, all in an empty database. Returns the credentials.
 */
export async function seedReferenceStudy(store: Store, actor: Actor): Promise<readonly DemoCredential[]> {
  const studyFile = parseStudyFile(readFileSync(defaultMusto2007Study, 'utf8'), defaultMusto2007Study);
  if (!studyFile.ok) throw new CliError('the shipped study file is invalid', { issues: studyFile.issues });
  const read = (name: string) => ({ name, text: readFileSync(resolve(defaultMusto2007SyntheticLabs, name), 'utf8') });
  const labs = parseAssessmentFiles({
    labs: read('labs.csv'),
    therapy: read('therapy.csv'),
    followup: read('followup.csv'),
  });
  if (!labs.ok) throw new CliError('the shipped synthetic labs are invalid', { issues: labs.issues });

  const study = await store.createStudy(
    { code: referenceStudyCode, title: `${studyFile.value.title} — DEMO registry (synthetic dates and labs)` },
    { actor },
  );
  const centerIds = new Map<string, number>();
  for (const center of demoCenters) {
    const created = await store.createCenter({ studyId: study.id, ...center }, { actor });
    centerIds.set(center.code, created.id);
  }
  const batch = buildReferenceStudyBatch(studyFile.value, labs.value, centerIds);
  await store.importBatch({ studyId: study.id, readCenters: 'all', writeCenters: 'all' }, batch, {
    actor,
    dryRun: false,
  });

  const credentials: DemoCredential[] = [];
  const addUser = async (username: string, displayName: string, role: Role, center: string | null) => {
    const password = generatePassword();
    const user = await store.createUser({ username, displayName, password }, { actor });
    await store.addMembership(
      user.id,
      { studyId: study.id, centerId: center === null ? null : (centerIds.get(center) ?? null), role },
      { actor },
    );
    credentials.push({ username, password, role, center });
  };
  await addUser('coordinator', 'Demo coordinator', 'coordinator', null);
  for (const center of demoCenters) {
    await addUser(
      `investigator-${center.code.replace('demo-', '')}`,
      `Demo investigator, ${center.name}`,
      'investigator',
      center.code,
    );
  }
  return credentials;
}

function formatCredentials(credentials: readonly DemoCredential[]): string {
  const lines = ['Demo credentials (shown once; change with `mmreg users passwd NAME`):'];
  for (const credential of credentials) {
    lines.push(
      `  ${credential.username.padEnd(16)} ${credential.password}  ${credential.role}${credential.center === null ? ' (all centres)' : ` at ${credential.center}`}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function auditToCsv(records: readonly AuditRecord[]): string {
  return `${Papa.unparse(
    records.map((record) => ({
      seq: record.seq,
      at: record.at,
      user: record.username ?? '',
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId ?? '',
      patient_id: record.patientId ?? '',
      center_id: record.centerId ?? '',
      changes: JSON.stringify(record.changes),
      reason: record.reason ?? '',
      prev_hash: record.prevHash,
      hash: record.hash,
    })),
    { newline: '\n' },
  )}\n`;
}

function readSnapshot(file: string): StoreSnapshot {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(`${file}: backup file not found`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`${file}: not a JSON backup (${error instanceof Error ? error.message : String(error)})`);
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    !('format' in parsed) ||
    parsed.format !== 'mmreg-backup' ||
    !('tables' in parsed)
  ) {
    throw new CliError(`${file}: not an mmreg backup (field "format" must be "mmreg-backup")`);
  }
  return parsed as StoreSnapshot;
}

/** The built web app (`npm run build:web` writes apps/web/dist), found next to this source tree. */
export const webDistDirectory = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** The web app's directory when it has been built, else null. */
export function locateWebApp(directory = webDistDirectory): string | null {
  return existsSync(join(directory, 'index.html')) ? directory : null;
}

const dbOption = () =>
  new Option(
    '--db <url>',
    'database: sqlite:PATH or postgres://… (default: $DATABASE_URL, else sqlite:./data/mmreg.db)',
  );

export function registerRegistryCommands(program: Command, write: Write): void {
  program
    .command('serve')
    .description('start the registry API on 127.0.0.1; an empty embedded database gets the demo reference study')
    .addOption(dbOption())
    .option('--port <n>', 'TCP port (0 = any free port)', (value) => parsePort(value), 8080)
    .action(async (options: { db?: string; port: number }) => {
      const url = resolveDatabaseUrl(options.db);
      const store = await openStore(url, { isPoolWarmedUp: true });
      try {
        const location = parseDatabaseUrl(url);
        const credentialsFile =
          location.dialect === 'sqlite' && !location.isMemory ? `${resolve(location.path)}.demo-credentials.txt` : null;
        if ((await store.listStudies()).length === 0) {
          if (store.dialect === 'sqlite') {
            const credentials = await seedReferenceStudy(store, cliActor());
            write('Empty database: created the Musto 2007 reference study (12 patients, 4 demo centres).\n');
            write(formatCredentials(credentials));
            // Demo only: kept beside the demo database (owner-readable) so the next start can show them again.
            if (credentialsFile !== null) writeFileAtomic(credentialsFile, formatCredentials(credentials), 0o600);
          } else {
            write('Empty database: create a study, centres and users with `mmreg studies|centers|users add`.\n');
          }
        } else if (credentialsFile !== null && existsSync(credentialsFile)) {
          write(`Demo database (credentials kept in ${credentialsFile}; delete it once passwords are changed):\n`);
          write(readFileSync(credentialsFile, 'utf8'));
        }
        const webRoot = locateWebApp();
        const server = await startServer({
          store,
          port: options.port,
          hostname: '127.0.0.1',
          ...(webRoot === null ? {} : { webRoot }),
        });
        write(`mmreg API listening on http://127.0.0.1:${server.port}/api (database ${describeUrl(url)})\n`);
        write(
          webRoot === null
            ? `The web app is not built (no ${webDistDirectory}): run \`npm run build:web\`, then restart to open it at http://127.0.0.1:${server.port}/\n`
            : `Web app: http://127.0.0.1:${server.port}/\n`,
        );
        await new Promise<void>((resolveStop) => {
          const stop = () => resolveStop();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
      } finally {
        await store.close();
      }
    });

  const studies = program.command('studies').description('create and list studies');
  studies
    .command('add')
    .argument('<code>', 'study code (letters, digits, dot, dash, underscore)')
    .requiredOption('--title <title>', 'study title')
    .addOption(dbOption())
    .action(async (code: string, options: { title: string; db?: string }) => {
      await withStore(options.db, async (store) => {
        const study = await store.createStudy({ code, title: options.title }, { actor: cliActor() });
        write(`study ${study.code} created (id ${study.id})\n`);
      });
    });
  studies
    .command('list')
    .addOption(dbOption())
    .action(async (options: { db?: string }) => {
      await withStore(options.db, async (store) => {
        for (const study of await store.listStudies()) write(`${study.code}\t${study.title}\n`);
      });
    });

  const centers = program.command('centers').description('create and list the centres of a study');
  centers
    .command('add')
    .argument('<code>', 'centre code')
    .requiredOption('--study <code>', 'study code')
    .requiredOption('--name <name>', 'centre name')
    .requiredOption('--city <city>', 'city')
    .addOption(dbOption())
    .action(async (code: string, options: { study: string; name: string; city: string; db?: string }) => {
      await withStore(options.db, async (store) => {
        const studyId = await requireStudy(store, options.study);
        const center = await store.createCenter(
          { studyId, code, name: options.name, city: options.city },
          { actor: cliActor() },
        );
        write(`centre ${center.code} created in ${options.study} (id ${center.id})\n`);
      });
    });
  centers
    .command('list')
    .requiredOption('--study <code>', 'study code')
    .addOption(dbOption())
    .action(async (options: { study: string; db?: string }) => {
      await withStore(options.db, async (store) => {
        const studyId = await requireStudy(store, options.study);
        for (const center of await store.listCenters(studyId))
          write(`${center.code}\t${center.name}\t${center.city}\n`);
      });
    });

  const users = program.command('users').description('create users, set passwords, grant roles');
  const grantOptions = (command: Command) =>
    command
      .option('--study <code>', 'study the role is for')
      .addOption(new Option('--role <role>', 'role in the study').choices([...roles]))
      .option('--center <code>', 'centre of the role (omit for study-wide coordinator or monitor)');
  grantOptions(
    users
      .command('add')
      .argument('<username>', 'login name (lower case)')
      .requiredOption('--name <name>', 'display name')
      .option('--password-stdin', 'read the password from standard input', false)
      .addOption(dbOption()),
  ).action(
    async (
      username: string,
      options: { name: string; passwordStdin: boolean; study?: string; role?: Role; center?: string; db?: string },
    ) => {
      const { password, isGenerated } = readPassword(options);
      await withStore(options.db, async (store) => {
        const actor = cliActor();
        const user = await store.createUser({ username, displayName: options.name, password }, { actor });
        write(`user ${user.username} created (id ${user.id})\n`);
        if (options.study !== undefined || options.role !== undefined)
          await grant(store, user.id, options, actor, write);
        if (isGenerated) write(`password: ${password}\n`);
      });
    },
  );
  grantOptions(users.command('grant').argument('<username>', 'login name').addOption(dbOption())).action(
    async (username: string, options: { study?: string; role?: Role; center?: string; db?: string }) => {
      await withStore(options.db, async (store) => {
        const user = await store.findUser(username);
        if (user === null) throw new CliError(`no user "${username}"`);
        await grant(store, user.id, options, cliActor(), write);
      });
    },
  );
  users
    .command('passwd')
    .argument('<username>', 'login name')
    .option('--password-stdin', 'read the password from standard input', false)
    .addOption(dbOption())
    .action(async (username: string, options: { passwordStdin: boolean; db?: string }) => {
      const { password, isGenerated } = readPassword(options);
      await withStore(options.db, async (store) => {
        await store.setPassword(username, password, { actor: cliActor() });
        write(`password of ${username} changed\n`);
        if (isGenerated) write(`password: ${password}\n`);
      });
    });

  const audit = program.command('audit').description('verify or export the hash-chained audit trail');
  audit
    .command('verify')
    .addOption(dbOption())
    .action(async (options: { db?: string }) => {
      await withStore(options.db, async (store) => {
        const result = await store.verifyAudit();
        if (!result.ok) {
          throw new CliError(`audit trail BROKEN at record ${result.seq} of ${result.records}: ${result.problem}`, {
            exitCode: 1,
          });
        }
        write(`audit trail intact: ${result.records} records, last hash ${result.lastHash}\n`);
      });
    });
  audit
    .command('export')
    .addOption(dbOption())
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(new Option('--format <format>', 'file format').choices(['json', 'csv']).default('json'))
    .action(async (options: { db?: string; out?: string; format: 'json' | 'csv' }) => {
      await withStore(options.db, async (store) => {
        const records: AuditRecord[] = [];
        let afterSeq = 0;
        for (;;) {
          const page = await store.listAllAudit({ afterSeq, limit: 5000 });
          if (page.length === 0) break;
          records.push(...page);
          afterSeq = page[page.length - 1]?.seq ?? afterSeq;
        }
        const text = options.format === 'csv' ? auditToCsv(records) : `${JSON.stringify(records, null, 2)}\n`;
        if (options.out === undefined) write(text);
        else {
          writeFileAtomic(resolve(options.out), text);
          write(`${records.length} audit records written to ${options.out}\n`);
        }
      });
    });

  program
    .command('backup')
    .description('write the whole database to a JSON file (restorable into SQLite or PostgreSQL)')
    .argument('<file>', 'backup file to write')
    .addOption(dbOption())
    .action(async (file: string, options: { db?: string }) => {
      await withStore(options.db, async (store) => {
        const snapshot = await store.exportSnapshot();
        writeFileAtomic(resolve(file), `${JSON.stringify(snapshot)}\n`);
        const rows = Object.values(snapshot.tables).reduce((sum, table) => sum + table.length, 0);
        write(`backup written to ${file}: ${rows} rows, content hash ${await store.contentHash()}\n`);
      });
    });

  program
    .command('restore')
    .description('restore a backup into an empty database')
    .argument('<file>', 'backup file')
    .addOption(dbOption())
    .action(async (file: string, options: { db?: string }) => {
      const snapshot = readSnapshot(file);
      await withStore(options.db, async (store) => {
        await store.restoreSnapshot(snapshot);
        write(`restored ${file}: content hash ${await store.contentHash()}\n`);
      });
    });
}

async function grant(
  store: Store,
  userId: number,
  options: { study?: string; role?: Role; center?: string },
  actor: Actor,
  write: Write,
): Promise<void> {
  if (options.study === undefined || options.role === undefined)
    throw new CliError('a role needs both --study and --role');
  const studyId = await requireStudy(store, options.study);
  if (options.role === 'coordinator' && options.center !== undefined) {
    throw new CliError('a coordinator is study-wide: omit --center');
  }
  if ((options.role === 'investigator' || options.role === 'data_manager') && options.center === undefined) {
    throw new CliError(`an ${options.role} belongs to a centre: give --center`);
  }
  const centerId = options.center === undefined ? null : await requireCenter(store, studyId, options.center);
  await store.addMembership(userId, { studyId, centerId, role: options.role }, { actor });
  write(
    `role ${options.role} in ${options.study}${options.center === undefined ? ' (all centres)' : ` at ${options.center}`} granted\n`,
  );
}

function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0–65535; got "${value}"`);
  return port;
}

function describeUrl(url: string): string {
  // Never print a password that may be in a PostgreSQL URL.
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
