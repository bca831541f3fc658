/**
 * `mmreg report`: the shipped study and a registry study (a seeded SQLite file) exported in process;
 * one end-to-end run of the command on Chromium (PDF and DOCX that parse); and the input errors
 * (unknown format, unknown study) exit 2 with nothing written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultChromiumPath, isChromiumAvailable } from '@mmreg/report/export';
import { openStore } from '@mmreg/storage';
import { repositoryRoot } from '@mmreg/testkit';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../cli-error.ts';
import { cliActor, seedReferenceStudy } from './registry-commands.ts';
import { runReport } from './report-command.ts';

vi.setConfig({ testTimeout: 120_000 });

const bin = join(repositoryRoot, 'apps', 'cli', 'bin', 'mmreg.js');
const workspace = mkdtempSync(join(tmpdir(), 'mmreg-report-'));
const database = `sqlite:${join(workspace, 'registry.db')}`;
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

beforeAll(async () => {
  const store = await openStore(database);
  try {
    await seedReferenceStudy(store, cliActor());
  } finally {
    await store.close();
  }
}, 60_000);

function listFiles(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(directory, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe('runReport', () => {
  it('exports the shipped study in the formats asked for when no --db is given', async () => {
    const out = join(workspace, 'published');
    const text = await runReport({
      study: 'musto2007',
      formats: ['html', 'csv', 'xlsx'],
      out,
      deterministic: true,
    });
    expect(text).toContain('the published data of musto2007, 12 patients');
    expect(listFiles(out).sort()).toEqual(
      [
        'report.html',
        'report.xlsx',
        ...[
          '1-patients',
          '1-summary',
          '2-treatment-outcomes',
          'response',
          'survival',
          'toxicity',
          '3-literature',
          'historical-tests',
          'claims',
        ].map((id) => `tables/table-${id}.csv`),
      ].sort(),
    );
    const workbook = await readWorkbook(join(out, 'report.xlsx'));
    expect(workbook.worksheets).toHaveLength(10);
    expect(workbook.getWorksheet('survival')?.getRow(2).getCell(3).value).toBe(12);
  });

  it('exports a registry study from the database as the server analyses it', async () => {
    const out = join(workspace, 'registry');
    const text = await runReport({
      study: 'musto2007',
      formats: ['html', 'json'],
      out,
      db: database,
      deterministic: true,
    });
    expect(text).toMatch(/DEMO registry.*registry study musto2007, \d+ patients/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.study.title).toContain('DEMO registry');
    expect(results.study.patients).toBeGreaterThan(0);
    expect(results.literature).not.toBeNull();
    expect(results.claims.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Progression-free and overall survival');
  });

  it('refuses a study code the database does not have, writing nothing', async () => {
    const out = join(workspace, 'unknown');
    await expect(
      runReport({ study: 'nope', formats: ['html'], out, db: database, deterministic: true }),
    ).rejects.toThrow(new CliError('no study with code "nope" in the registry database'));
    expect(existsSync(out)).toBe(false);
  });
});

function mmreg(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mmreg report (command line)', () => {
  it('exits 2 naming the formats it does not know, writing nothing', () => {
    const out = join(workspace, 'bad-format');
    const run = mmreg('report', '--study', 'musto2007', '--format', 'html,rtf', '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown report format rtf: choose from html, pdf, docx');
    expect(existsSync(out)).toBe(false);
  });

  const missing = isChromiumAvailable()
    ? null
    : `Chromium not found at ${process.env['MMREG_CHROMIUM'] || defaultChromiumPath}`;
  if (missing !== null && process.env['CI']) {
    it('has Chromium under CI', () => {
      throw new Error(`${missing}: CI must install Debian's chromium`);
    });
  }

  it.skipIf(missing !== null)(
    `writes a PDF and a DOCX that parse when run on Chromium${missing === null ? '' : ` (skipped: ${missing})`}`,
    async () => {
      const out = join(workspace, 'chromium');
      const run = mmreg('report', '--study', 'musto2007', '--format', 'pdf,docx,png', '--out', out);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/wrote 7 files to .*\(pdf [0-9.]+ s, png [0-9.]+ s, docx [0-9.]+ s\)/);
      const parser = new PDFParse({ data: new Uint8Array(readFileSync(join(out, 'report.pdf'))) });
      try {
        const text = await parser.getText();
        expect(text.total).toBeGreaterThanOrEqual(2);
        expect(text.text).toContain('Progression-free');
      } finally {
        await parser.destroy();
      }
      const docx = await JSZip.loadAsync(readFileSync(join(out, 'report.docx')));
      expect((await docx.file('word/document.xml')?.async('string'))?.match(/<w:tbl>/g)).toHaveLength(9);
      expect(Object.keys(docx.files).filter((name) => name.startsWith('word/media/'))).toHaveLength(5);
    },
  );
});
