/**
 * The mmreg command end to end, as a user runs it (a child process on real files): imports are
 * all-or-nothing with file/line/column errors and exit code 2; the reproduction writes every
 * output and is byte-identical when run twice with --deterministic.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertMusto2007Source, formatStudyFile } from '@mmreg/contracts';
import { repositoryRoot } from '@mmreg/testkit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readMusto2007Sources } from './commands/import-command.ts';

// Each case starts a Node process with the TypeScript loader: allow for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });

const bin = join(repositoryRoot, 'apps', 'cli', 'bin', 'mmreg.js');
const workspace = mkdtempSync(join(tmpdir(), 'mmreg-cli-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

function mmreg(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function listFiles(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(directory, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

describe('mmreg import musto2007', () => {
  const source = join(repositoryRoot, 'examples', 'musto2007', 'source');

  it('keeps the committed study file identical to a fresh conversion of the sources', () => {
    const result = convertMusto2007Source(readMusto2007Sources(source));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(readFileSync(join(repositoryRoot, 'examples', 'musto2007', 'study.json'), 'utf8')).toBe(
      formatStudyFile(result.value),
    );
  });

  it('writes the study file when the sources are valid and reports what it wrote', () => {
    const out = join(workspace, 'import-ok', 'study.json');
    const run = mmreg('import', 'musto2007', '--from', source, '--out', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('12 patients, 7 historical series, 27 claims');
    expect(JSON.parse(readFileSync(out, 'utf8')).study.patients).toHaveLength(12);
  });

  it('writes nothing on --dry-run', () => {
    const out = join(workspace, 'dry', 'study.json');
    const run = mmreg('import', 'musto2007', '--from', source, '--out', out, '--dry-run');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('dry run: would create');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2, names file, line and column, and leaves the previous study file untouched when a row is bad', () => {
    const broken = join(workspace, 'broken-source');
    cpSync(source, broken, { recursive: true });
    const patients = readFileSync(join(broken, 'patients.csv'), 'utf8').replace(
      '5,F,55,no,primary,VAD,',
      '5,F,55,no,tertiary,VAD,',
    );
    writeFileSync(join(broken, 'patients.csv'), patients);
    const out = join(workspace, 'untouched.json');
    writeFileSync(out, 'previous content');
    const run = mmreg('import', 'musto2007', '--from', broken, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'patients.csv, line 6, column pcl_type: expected one of primary, secondary; got "tertiary"',
    );
    expect(run.stderr).toContain('nothing was written');
    expect(readFileSync(out, 'utf8')).toBe('previous content');
  });

  it('exits 2 with a clear message when a source file is missing', () => {
    const run = mmreg('import', 'musto2007', '--from', join(workspace, 'nowhere'), '--out', join(workspace, 'x.json'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/patients\.csv: file not found/);
  });
});

describe('mmreg reproduce musto2007', () => {
  it('writes the report, results, every table and figure, and prints the report path', () => {
    const out = join(workspace, 'report');
    const run = mmreg('reproduce', 'musto2007', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`report: ${join(out, 'report.html')}`);
    expect(run.stdout).toContain('overall response 11/12 = 91.7% (61.5–99.8)');
    const files = listFiles(out).sort();
    expect(files).toContain('report.html');
    expect(files).toContain('results.json');
    expect(files.filter((file) => file.startsWith('tables/') && file.endsWith('.csv'))).toHaveLength(9);
    expect(files.filter((file) => file.startsWith('figures/') && file.endsWith('.svg'))).toHaveLength(5);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).software.generatedAt).toMatch(
      /^\d{4}-\d{2}-\d{2}T/,
    );
  });

  it('writes byte-identical output when run twice with --deterministic', () => {
    const first = join(workspace, 'first');
    const second = join(workspace, 'second');
    expect(mmreg('reproduce', 'musto2007', '--out', first, '--deterministic').status).toBe(0);
    expect(mmreg('reproduce', 'musto2007', '--out', second, '--deterministic').status).toBe(0);
    for (const file of listFiles(first)) {
      expect(readFileSync(join(second, file), 'utf8'), file).toBe(readFileSync(join(first, file), 'utf8'));
    }
  });

  it('exits 2 and writes nothing when the study file is invalid', () => {
    const study = join(workspace, 'bad-study.json');
    writeFileSync(study, JSON.stringify({ format: 'mmreg-study', formatVersion: 1, study: { id: 'x' } }));
    const out = join(workspace, 'never');
    const run = mmreg('reproduce', study, '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a valid study file');
    expect(run.stderr).toMatch(/study\.title/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on an unknown command option', () => {
    expect(mmreg('reproduce', 'musto2007').status).toBe(2);
  });
});
