/**
 * `mmreg import FILES… --study CODE` end to end, as an administrator runs it: a child process on a
 * SQLite file. Every refusal exits 2, names file, line and column, and leaves the database content
 * hash unchanged; --dry-run prints what would change and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@mmreg/storage';
import { repositoryRoot } from '@mmreg/testkit';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Each case starts Node processes with the TypeScript loader: allow for a loaded machine.
vi.setConfig({ testTimeout: 300_000 });

const bin = join(repositoryRoot, 'apps', 'cli', 'bin', 'mmreg.js');
const redcapDirectory = join(repositoryRoot, 'examples', 'redcap');
const workspace = mkdtempSync(join(tmpdir(), 'mmreg-registry-import-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
const actor = { userId: null, username: 'test' };

function mmreg(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let databases = 0;
/** A new SQLite file with study `reg` and centres demo-a, demo-b. */
async function createDatabase(): Promise<string> {
  databases += 1;
  const url = `sqlite:${join(workspace, `registry-${databases}.db`)}`;
  const store = await openStore(url);
  const study = await store.createStudy({ code: 'reg', title: 'Registry import test (synthetic)' }, { actor });
  await store.createCenter({ studyId: study.id, code: 'demo-a', name: 'Demo A', city: 'A' }, { actor });
  await store.createCenter({ studyId: study.id, code: 'demo-b', name: 'Demo B', city: 'B' }, { actor });
  await store.close();
  return url;
}

async function contentHash(url: string): Promise<string> {
  const store = await openStore(url);
  try {
    return await store.contentHash();
  } finally {
    await store.close();
  }
}

function writeFiles(name: string, files: Readonly<Record<string, readonly string[]>>): string[] {
  const directory = mkdtempSync(join(workspace, `${name}-`));
  return Object.entries(files).map(([file, lines]) => {
    const path = join(directory, file);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  });
}

const patients = [
  'patient,center,sex,birth_year,diagnosis_date,prior_myeloma_diagnosis_date,heavy_chain,light_chain,is_non_secretory,pb_plasma_cells_percent,wbc_per_1e9_l,hemoglobin_g_per_dl,platelets_per_1e9_l,creatinine_mg_per_dl,extramedullary_sites,karyotype,notes',
  'C1,demo-a,female,1950,2005-03-01,,IgG,kappa,no,40,12.7,10.4,70,1.1,,normal,',
  'C2,demo-b,male,1948,2006-01-10,,IgA,lambda,no,25,9,8.2,50,2.4,,del13,',
];
const therapy = ['patient,regimen,start_date,end_date', 'C1,bortezomib,2005-03-07,2005-07-01', 'C2,VTD,2006-01-15,'];
const labs = [
  'patient,date,test,value,unit',
  'C1,2005-03-01,serum_m_protein,40,g/L',
  'C1,2005-04-01,serum_m_protein,1.5,g/dL',
  'C2,2006-01-12,wbc,9000,/uL',
];

describe('mmreg import FILES --study', () => {
  it('imports the REDCap example in one go and skips it when run again', async () => {
    const url = await createDatabase();
    const files = [
      join(redcapDirectory, 'mmreg-redcap-dictionary.csv'),
      join(redcapDirectory, 'mmreg-redcap-records.csv'),
    ];
    const first = mmreg('import', ...files, '--db', url, '--study', 'reg');
    expect(first.stderr).toContain('mmreg: writing 3 patient(s)');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^imported: create 3 patient\(s\), update 0, add rows: /);
    const afterFirst = await contentHash(url);
    const second = mmreg('import', ...files, '--db', url, '--study', 'reg');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/create 0 patient\(s\)/);
    expect(await contentHash(url)).toBe(afterFirst);
  });

  it('exits 2, prints every issue as file, line, column and writes nothing when the last row of a file is bad', async () => {
    const url = await createDatabase();
    const before = await contentHash(url);
    const [patientsFile, therapyFile, labsFile] = writeFiles('bad-last-row', {
      'patients.csv': patients,
      'therapy.csv': therapy,
      'labs.csv': [...labs, 'C2,2006-02-01,wbc,many,/uL'],
    });
    const run = mmreg(
      'import',
      String(patientsFile),
      String(therapyFile),
      String(labsFile),
      '--db',
      url,
      '--study',
      'reg',
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `${labsFile}, line 5, column value: expected a number (dot as decimal separator); got "many" for wbc`,
    );
    expect(run.stderr).toContain('nothing was written');
    expect(await contentHash(url)).toBe(before);
  });

  it('exits 2 and writes nothing when the store refuses the batch (a lab row of a patient that does not exist)', async () => {
    const url = await createDatabase();
    const before = await contentHash(url);
    const files = writeFiles('unknown-patient', {
      'patients.csv': patients,
      'labs.csv': [...labs, 'C9,2006-01-12,wbc,9000,/uL'],
    });
    const run = mmreg('import', ...files, '--db', url, '--study', 'reg');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/C9/);
    expect(await contentHash(url)).toBe(before);
  });

  it('prints what would change and leaves the content hash unchanged on --dry-run', async () => {
    const url = await createDatabase();
    const before = await contentHash(url);
    const files = writeFiles('dry-run', { 'patients.csv': patients, 'therapy.csv': therapy, 'labs.csv': labs });
    const run = mmreg('import', ...files, '--db', url, '--study', 'reg', '--dry-run');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^dry run, nothing written: would create 2 patient\(s\)/);
    expect(run.stdout).toContain('patient C1');
    expect(await contentHash(url)).toBe(before);
  });

  it('refuses a patient of another centre when --center restricts the import', async () => {
    const url = await createDatabase();
    const before = await contentHash(url);
    const files = writeFiles('center', { 'patients.csv': patients });
    const run = mmreg('import', ...files, '--db', url, '--study', 'reg', '--center', 'demo-a');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `${files[0]}, line 3, column center: patient C2 belongs to centre demo-b, outside the import's centre demo-a`,
    );
    expect(await contentHash(url)).toBe(before);
  });

  it('exits 2 with a clear message when --study is missing, the study, centre or user is unknown or a file does not exist', async () => {
    const url = await createDatabase();
    const files = writeFiles('usage', { 'labs.csv': labs });
    expect(mmreg('import', ...files, '--db', url)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('needs --study CODE'),
    });
    expect(mmreg('import', ...files, '--db', url, '--study', 'nope')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no study with code "nope"'),
    });
    expect(mmreg('import', ...files, '--db', url, '--study', 'reg', '--center', 'nowhere')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no centre with code "nowhere" in study reg (centres: demo-a, demo-b)'),
    });
    expect(mmreg('import', ...files, '--db', url, '--study', 'reg', '--user', 'nobody')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no user "nobody"'),
    });
    expect(mmreg('import', join(workspace, 'missing.csv'), '--db', url, '--study', 'reg')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('missing.csv: file not found'),
    });
  });
});
