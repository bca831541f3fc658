/**
 * `mmreg reproduce musto2007 --from-labs` in-process: the committed SYNTHETIC files reproduce all 12
 * published best responses, PFS and OS of Table 2 (issue 4 item 11), and editing one laboratory value
 * changes what is derived, so the agreement comes from the rules engine, not from a lookup.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '@mmreg/testkit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli-error.ts';
import { defaultMusto2007SyntheticLabs, runReproduceFromLabs } from './reproduce-from-labs.ts';

// One case starts a Node process with the TypeScript loader: allow for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000 });

const workspace = mkdtempSync(join(tmpdir(), 'mmreg-from-labs-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

interface FromLabsJson {
  readonly source: string;
  readonly agreement: Record<string, { agreeing: number; total: number }>;
  readonly rows: ReadonlyArray<{
    patient: string;
    derived: { bestResponse: string; pfsStatus: string; pfsMonths: number; osMonths: number } | null;
    bestResponse: { agrees: boolean; published: string; derived: string };
    pfs: { agrees: boolean; published: string; derived: string };
    os: { agrees: boolean };
  }>;
  readonly patients: ReadonlyArray<{ patient: string; bestResponse: { category: string } | null }>;
}

function readJson(out: string): FromLabsJson {
  return JSON.parse(readFileSync(join(out, 'from-labs.json'), 'utf8')) as FromLabsJson;
}

/** A copy of the synthetic files with one labs.csv row replaced. */
function editedLabs(name: string, from: string, to: string): string {
  const directory = join(workspace, name);
  cpSync(defaultMusto2007SyntheticLabs, directory, { recursive: true });
  const path = join(directory, 'labs.csv');
  const text = readFileSync(path, 'utf8');
  if (!text.includes(`\n${from}\n`)) throw new Error(`row not found: ${from}`);
  writeFileSync(path, text.replace(`\n${from}\n`, `\n${to}\n`));
  return directory;
}

describe('runReproduceFromLabs', () => {
  it('derives all 12 published best responses, PFS and OS from the synthetic labs (issue 4 item 11)', () => {
    const out = join(workspace, 'shipped');
    const summary = runReproduceFromLabs({ out });
    expect(summary).toContain('12/12 best responses, 12/12 PFS, 12/12 OS agree');
    expect(summary).toContain('haematological toxicity, informational: 12/12');
    expect(summary).not.toContain('disagrees');
    const json = readJson(out);
    expect(json.source).toMatch(/^SYNTHETIC /);
    expect(json.rows.map((row) => [row.patient, row.derived?.bestResponse])).toEqual([
      ['MU-01', 'VGPR'],
      ['MU-02', 'VGPR'],
      ['MU-03', 'PR'],
      ['MU-04', 'CR'],
      ['MU-05', 'PR'],
      ['MU-06', 'PR'],
      ['MU-07', 'CR'],
      ['MU-08', 'PR'],
      ['MU-09', 'VGPR'],
      ['MU-10', 'VGPR'],
      ['MU-11', 'PR'],
      ['MU-12', 'PD'],
    ]);
    expect(json.rows.every((row) => row.bestResponse.agrees && row.pfs.agrees && row.os.agrees)).toBe(true);
    expect(json.rows[11]?.pfs.published).toBe('NA primary refractory');
    expect(json.patients).toHaveLength(12);
    const csv = readFileSync(join(out, 'from-labs.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(
      'patient,published_best_response,derived_best_response,best_response_agrees,best_response_reason,published_pfs,derived_pfs,pfs_agrees,pfs_reason,published_os,derived_os,os_agrees,os_reason,published_hematologic_toxicity,derived_hematologic_toxicity,hematologic_toxicity_agrees',
    );
    expect(csv).toHaveLength(14);
    expect(csv[1]).toMatch(/^MU-01,VGPR,VGPR on 2005-06-06,yes,/);
  });

  it('writes byte-identical files when run twice (no clock in the output)', () => {
    const first = join(workspace, 'first');
    const second = join(workspace, 'second');
    runReproduceFromLabs({ out: first });
    runReproduceFromLabs({ out: second });
    for (const name of ['from-labs.json', 'from-labs.csv']) {
      expect(readFileSync(join(second, name), 'utf8')).toBe(readFileSync(join(first, name), 'utf8'));
    }
  });

  it.each([
    {
      name: 'MU-04 marrow at the CR visit 8 % instead of 2 % (CR needs < 5 %, §1.2)',
      from: 'MU-04,2006-01-30,bm_plasma_cells,2,%',
      to: 'MU-04,2006-01-30,bm_plasma_cells,8,%',
      patient: 'MU-04',
      column: 'bestResponse' as const,
      derived: /^VGPR on /,
    },
    {
      name: 'MU-12 first evaluation 3.2 instead of 3.9 g/dL (no longer ≥ 25 % and ≥ 0.5 g/dL above 3.0, §1.4)',
      from: 'MU-12,2006-02-06,serum_m_protein,3.9,g/dL',
      to: 'MU-12,2006-02-06,serum_m_protein,3.2,g/dL',
      patient: 'MU-12',
      column: 'bestResponse' as const,
      derived: /^SD on /,
    },
    {
      name: 'MU-01 day 238 0.5 instead of 0.95 g/dL (the PD of day 252 is unconfirmed when the next line starts: PFS censored, §8.1)',
      from: 'MU-01,2005-11-07,serum_m_protein,0.95,g/dL',
      to: 'MU-01,2005-11-07,serum_m_protein,0.5,g/dL',
      patient: 'MU-01',
      column: 'pfs' as const,
      derived: /^7\.82 \(8\) censored on 2005-11-07$/,
    },
  ])('derives a different value when one lab value is edited: $name', ({ from, to, patient, column, derived }) => {
    const name = `${patient}-${column}`;
    const out = join(workspace, `${name}-out`);
    runReproduceFromLabs({ out, labsDir: editedLabs(name, from, to) });
    const row = readJson(out).rows.find((candidate) => candidate.patient === patient);
    expect(row?.[column].derived).toMatch(derived);
  });

  it('reports the disagreement in the summary when an edit changes a published value', () => {
    const labsDir = editedLabs(
      'summary',
      'MU-04,2006-01-30,bm_plasma_cells,2,%',
      'MU-04,2006-01-30,bm_plasma_cells,8,%',
    );
    const summary = runReproduceFromLabs({ out: join(workspace, 'summary-out'), labsDir });
    expect(summary).toContain('11/12 best responses, 12/12 PFS, 12/12 OS agree');
    expect(summary).toContain('MU-04 best response disagrees: published CR, derived VGPR on ');
  });

  it('fails with exit code 2 and the file, line and column when a synthetic file is invalid', () => {
    const labsDir = editedLabs(
      'invalid',
      'MU-04,2006-01-30,bm_plasma_cells,2,%',
      'MU-04,2006-01-30,bm_plasma_cells,2,percent',
    );
    try {
      runReproduceFromLabs({ out: join(workspace, 'invalid-out'), labsDir });
      throw new Error('expected a CliError');
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      expect(error.exitCode).toBe(2);
      expect(error.issues).toMatchObject([
        { column: 'unit', message: expect.stringMatching(/^unknown unit "percent"/) },
      ]);
    }
  });

  it('ships plainly labelled synthetic files that the generator would write today (issue 4 item 11)', () => {
    const directory = join(repositoryRoot, 'examples', 'musto2007', 'synthetic-labs');
    expect(defaultMusto2007SyntheticLabs).toBe(directory);
    expect(readFileSync(join(directory, 'README.md'), 'utf8')).toMatch(/\*\*These files are synthetic\.\*\*/);
    const script = join(repositoryRoot, 'scripts', 'generate-musto2007-synthetic-labs.ts');
    const check = spawnSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
