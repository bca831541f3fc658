/**
 * The registry's administrative commands as an operator runs them (child processes on real database
 * files): the demo seed, studies/centres/users, audit verify and export (and tamper detection),
 * backup and restore across SQLite and PostgreSQL with identical content, and `mmreg serve`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStudyFile } from '@mmreg/contracts';
import { type DerivedResultsModel, demoCenters, openStore } from '@mmreg/storage';
import {
  createPostgresTestDatabase,
  postgresTestUrl,
  postgresUnavailableReason,
  type TestDatabase,
} from '@mmreg/storage/testing';
import { repositoryRoot } from '@mmreg/testkit';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultMusto2007Study } from './import-command.ts';
import { cliActor, seedReferenceStudy } from './registry-commands.ts';

// Each case starts a Node process with the TypeScript loader: allow for a loaded CI machine.
vi.setConfig({ testTimeout: 90_000 });

const bin = join(repositoryRoot, 'apps', 'cli', 'bin', 'mmreg.js');
const workspace = mkdtempSync(join(tmpdir(), 'mmreg-registry-cli-'));
const postgresDatabases: TestDatabase[] = [];
afterAll(async () => {
  rmSync(workspace, { recursive: true, force: true });
  for (const database of postgresDatabases) await database.drop();
});

function mmreg(args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const published = (() => {
  const parsed = parseStudyFile(readFileSync(defaultMusto2007Study, 'utf8'), defaultMusto2007Study);
  if (!parsed.ok) throw new Error('study file invalid');
  return parsed.value;
})();

describe('seedReferenceStudy', () => {
  it('registers the 12 published patients, three per demo centre, and derives Table 2’s best responses from their labs', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      const credentials = await seedReferenceStudy(store, cliActor());
      expect(credentials.map((credential) => credential.username)).toEqual([
        'coordinator',
        'investigator-a',
        'investigator-b',
        'investigator-c',
        'investigator-d',
      ]);
      const study = await store.findStudy('musto2007');
      if (study === null) throw new Error('no study');
      const centers = await store.listCenters(study.id);
      expect(centers.map((center) => center.code)).toEqual(demoCenters.map((center) => center.code));
      const scope = { studyId: study.id, readCenters: 'all', writeCenters: 'all' } as const;
      const patients = await store.listPatients(scope);
      expect(patients).toHaveLength(12);
      for (const center of centers) {
        expect(patients.filter((patient) => patient.centerId === center.id)).toHaveLength(3);
      }
      for (const patient of published.patients) {
        const stored = patients.find((candidate) => candidate.code === patient.code);
        if (stored === undefined) throw new Error(`missing ${patient.code}`);
        expect(stored.sex).toBe(patient.sex);
        expect(stored.pbPlasmaCellsPercent).toBe(patient.diagnosis.peripheralBloodPlasmaCellsPercent);
        const derived = (await store.getDerived(scope, stored.id)).results as DerivedResultsModel;
        if (derived.status !== 'derived') throw new Error(`${patient.code}: ${derived.reason}`);
        expect(derived.bestResponse?.category, patient.code).toBe(patient.bestResponse);
        expect(derived.endpoints.os.event, patient.code).toBe(patient.survival.kind === 'death');
      }
      expect(await store.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});

describe('mmreg studies, centers and users', () => {
  const db = `sqlite:${join(workspace, 'admin.db')}`;

  it('creates a study, a centre and users with roles, and refuses inconsistent roles', () => {
    expect(mmreg(['studies', 'add', 'PCL-2027', '--title', 'PCL survey', '--db', db]).status).toBe(0);
    expect(
      mmreg(['centers', 'add', 'c1', '--study', 'PCL-2027', '--name', 'Centre 1', '--city', 'Bari', '--db', db]).stdout,
    ).toContain('centre c1 created');
    const added = mmreg(
      [
        'users',
        'add',
        'anna',
        '--name',
        'Anna',
        '--study',
        'PCL-2027',
        '--role',
        'investigator',
        '--center',
        'c1',
        '--db',
        db,
      ],
      { MMREG_PASSWORD: 'correct horse battery' },
    );
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toContain('role investigator in PCL-2027 at c1 granted');
    expect(added.stdout).not.toContain('password:');

    const generated = mmreg(['users', 'add', 'carlo', '--name', 'Carlo', '--db', db]);
    expect(generated.stdout).toMatch(/password: \S{16}/);
    const coordinatorWithCentre = mmreg([
      'users',
      'grant',
      'carlo',
      '--study',
      'PCL-2027',
      '--role',
      'coordinator',
      '--center',
      'c1',
      '--db',
      db,
    ]);
    expect(coordinatorWithCentre.status).toBe(2);
    expect(coordinatorWithCentre.stderr).toContain('a coordinator is study-wide');
    const unknownCentre = mmreg([
      'users',
      'grant',
      'carlo',
      '--study',
      'PCL-2027',
      '--role',
      'monitor',
      '--center',
      'nope',
      '--db',
      db,
    ]);
    expect(unknownCentre.status).toBe(2);
    expect(unknownCentre.stderr).toContain('no centre with code "nope"');

    const shortPassword = mmreg(['users', 'passwd', 'anna', '--db', db], { MMREG_PASSWORD: 'short' });
    expect(shortPassword.status).toBe(2);
    expect(mmreg(['users', 'passwd', 'anna', '--db', db], { MMREG_PASSWORD: 'another long password' }).status).toBe(0);
  });
});

describe('mmreg audit', () => {
  it('verifies an intact trail, exports it, and finds an edited record', () => {
    const path = join(workspace, 'audit.db');
    const db = `sqlite:${path}`;
    mmreg(['studies', 'add', 'S1', '--title', 'Study one', '--db', db]);
    mmreg(['centers', 'add', 'a', '--study', 'S1', '--name', 'A', '--city', 'A', '--db', db]);
    mmreg(['centers', 'add', 'b', '--study', 'S1', '--name', 'B', '--city', 'B', '--db', db]);
    const verified = mmreg(['audit', 'verify', '--db', db]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/audit trail intact: 3 records/);

    const exported = mmreg(['audit', 'export', '--format', 'csv', '--db', db]);
    const lines = exported.stdout.trim().split('\n');
    expect(lines[0]).toBe('seq,at,user,action,entity,entity_id,patient_id,center_id,changes,reason,prev_hash,hash');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^1,.*,cli:[^,]+,create,study,/);

    const raw = new Database(path);
    raw.prepare("update audit_log set changes = replace(changes, 'Study one', 'Study 1') where seq = 1").run();
    raw.close();
    const broken = mmreg(['audit', 'verify', '--db', db]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('audit trail BROKEN at record 1');
  });
});

describe('mmreg backup and restore', () => {
  it('round-trips the seeded reference study through a file into a new SQLite database with the same content hash', async () => {
    const source = join(workspace, 'source.db');
    const store = await openStore(`sqlite:${source}`);
    await seedReferenceStudy(store, cliActor());
    const sourceHash = await store.contentHash();
    await store.close();

    const backup = join(workspace, 'backup.json');
    const written = mmreg(['backup', backup, '--db', `sqlite:${source}`]);
    expect(written.status, written.stderr).toBe(0);
    expect(written.stdout).toContain(`content hash ${sourceHash}`);
    const restored = mmreg(['restore', backup, '--db', `sqlite:${join(workspace, 'restored.db')}`]);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`content hash ${sourceHash}`);

    const again = mmreg(['restore', backup, '--db', `sqlite:${join(workspace, 'restored.db')}`]);
    expect(again.status).not.toBe(0);
    expect(
      mmreg(['restore', join(workspace, 'missing.json'), '--db', `sqlite:${join(workspace, 'x.db')}`]).stderr,
    ).toContain('backup file not found');
  });

  const pgReason = postgresUnavailableReason();
  it.skipIf(pgReason !== null)(
    `restores the same backup into PostgreSQL and back with identical content${pgReason === null ? '' : ` (skipped: ${pgReason})`}`,
    async () => {
      const database = await createPostgresTestDatabase(postgresTestUrl ?? '', 'mmreg_cli');
      postgresDatabases.push(database);
      const source = join(workspace, 'pg-source.db');
      const store = await openStore(`sqlite:${source}`);
      await seedReferenceStudy(store, cliActor());
      const sourceHash = await store.contentHash();
      await store.close();
      const backup = join(workspace, 'pg-backup.json');
      expect(mmreg(['backup', backup, '--db', `sqlite:${source}`]).status).toBe(0);
      const intoPostgres = mmreg(['restore', backup, '--db', database.url]);
      expect(intoPostgres.status, intoPostgres.stderr).toBe(0);
      expect(intoPostgres.stdout).toContain(`content hash ${sourceHash}`);
      const back = join(workspace, 'from-pg.json');
      expect(mmreg(['backup', back, '--db', database.url]).status).toBe(0);
      const intoSqlite = mmreg(['restore', back, '--db', `sqlite:${join(workspace, 'from-pg.db')}`]);
      expect(intoSqlite.stdout).toContain(`content hash ${sourceHash}`);
      expect(mmreg(['audit', 'verify', '--db', database.url]).status).toBe(0);
    },
  );
});

describe('mmreg serve', () => {
  function startServe(db: string): Promise<{ child: ChildProcess; output: string; baseUrl: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0'], {
        env: { ...process.env, TZ: 'UTC' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let errors = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
      });
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(output);
        if (match?.[1] !== undefined) resolve({ child, output, baseUrl: match[1] });
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${errors}`)));
    });
  }

  async function login(baseUrl: string, username: string, password: string): Promise<string> {
    const response = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(response.ok, await response.clone().text()).toBe(true);
    return response.headers.get('set-cookie')?.split(';')[0] ?? '';
  }

  async function patientCodes(baseUrl: string, cookie: string): Promise<string[]> {
    const response = await fetch(`${baseUrl}/api/patients`, { headers: { cookie } });
    const body = (await response.json()) as { patients?: { code: string }[] } | { code: string }[];
    return (Array.isArray(body) ? body : (body.patients ?? [])).map((patient) => patient.code).sort();
  }

  it('seeds an empty embedded database, prints demo credentials, and serves each centre only its patients', async () => {
    const { child, output, baseUrl } = await startServe(`sqlite:${join(workspace, 'serve.db')}`);
    const credentials = new Map(
      [...output.matchAll(/^ {2}(\S+)\s+(\S+)\s+(?:coordinator|investigator)/gm)].map((match) => [match[1], match[2]]),
    );
    try {
      expect(output).toContain('created the Musto 2007 reference study (12 patients, 4 demo centres)');
      expect([...credentials.keys()]).toEqual([
        'coordinator',
        'investigator-a',
        'investigator-b',
        'investigator-c',
        'investigator-d',
      ]);
      const coordinator = await login(baseUrl, 'coordinator', credentials.get('coordinator') ?? '');
      expect(await patientCodes(baseUrl, coordinator)).toHaveLength(12);
      const centreA = await login(baseUrl, 'investigator-a', credentials.get('investigator-a') ?? '');
      expect(await patientCodes(baseUrl, centreA)).toEqual(['MU-01', 'MU-05', 'MU-09']);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // A second start finds the data, does not seed again, and shows the demo log-ins kept beside the database.
    const second = await startServe(`sqlite:${join(workspace, 'serve.db')}`);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    expect(second.output).not.toContain('created the Musto 2007 reference study');
    expect(second.output).toContain(`credentials kept in ${join(workspace, 'serve.db')}.demo-credentials.txt`);
    expect(second.output).toContain(`coordinator      ${credentials.get('coordinator')}`);
    expect(statSync(`${join(workspace, 'serve.db')}.demo-credentials.txt`).mode & 0o777).toBe(0o600);
  });
});
