/**
 * `GET /api/studies/{id}/report` on the reference study (12 patients with synthetic labs over four
 * demo centres): each format's media type, attachment name and content; a centre investigator's
 * report holds only that centre's patients (HTML, XLSX, CSV and DOCX checked); no analysable
 * patient is 409. PDF and DOCX need Chromium: skipped with the reason without it, failing under CI.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAssessmentFiles, parseStudyFile } from '@mmreg/contracts';
import { defaultChromiumPath, isChromiumAvailable } from '@mmreg/report/export';
import { buildReferenceStudyBatch, demoCenters, openStore, type Store } from '@mmreg/storage';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.ts';
import { type Credentials, signIn } from '../test-support/api-client.ts';
import { systemWrite, testPassword } from '../test-support/registry-fixture.ts';

vi.setConfig({ testTimeout: 120_000 });

const examples = fileURLToPath(new URL('../../../../examples/musto2007/', import.meta.url));

let store: Store;
let app: ReturnType<typeof createApp>;
let studyId: number;
let emptyStudyId: number;
let coordinator: Credentials;
let investigator: Credentials;
const codesByCenter = new Map<string, string[]>();

async function addUser(username: string, studyIdOf: number, centerId: number | null) {
  const user = await store.createUser({ username, displayName: username, password: testPassword }, systemWrite);
  await store.addMembership(
    user.id,
    { studyId: studyIdOf, centerId, role: centerId === null ? 'coordinator' : 'investigator' },
    systemWrite,
  );
  return user;
}

beforeAll(async () => {
  store = await openStore('sqlite::memory:');
  const studyPath = `${examples}study.json`;
  const published = parseStudyFile(readFileSync(studyPath, 'utf8'), studyPath);
  const read = (name: string) => ({ name, text: readFileSync(`${examples}synthetic-labs/${name}`, 'utf8') });
  const labs = parseAssessmentFiles({
    labs: read('labs.csv'),
    therapy: read('therapy.csv'),
    followup: read('followup.csv'),
  });
  if (!published.ok || !labs.ok) throw new Error('the shipped reference study is invalid');
  studyId = (await store.createStudy({ code: 'musto2007', title: 'Musto 2007 (synthetic labs)' }, systemWrite)).id;
  const centerIds = new Map<string, number>();
  for (const center of demoCenters) {
    centerIds.set(center.code, (await store.createCenter({ studyId, ...center }, systemWrite)).id);
  }
  const scope = { studyId, readCenters: 'all', writeCenters: 'all' } as const;
  await store.importBatch(scope, buildReferenceStudyBatch(published.value, labs.value, centerIds), {
    ...systemWrite,
    dryRun: false,
  });
  for (const patient of await store.listPatients(scope)) {
    const code = demoCenters.find((center) => centerIds.get(center.code) === patient.centerId)?.code ?? '?';
    codesByCenter.set(code, [...(codesByCenter.get(code) ?? []), patient.code]);
  }
  const coordinatorUser = await addUser('coordinator', studyId, null);
  await addUser('investigator-a', studyId, centerIds.get('demo-a') ?? null);
  emptyStudyId = (await store.createStudy({ code: 'empty', title: 'No patients yet' }, systemWrite)).id;
  await store.createCenter({ studyId: emptyStudyId, code: 'e1', name: 'Empty', city: 'Nowhere' }, systemWrite);
  await store.addMembership(
    coordinatorUser.id,
    { studyId: emptyStudyId, centerId: null, role: 'coordinator' },
    systemWrite,
  );
  app = createApp({ store });
  coordinator = await signIn(app, 'coordinator');
  investigator = await signIn(app, 'investigator-a');
}, 60_000);

afterAll(async () => {
  await store?.close();
});

async function download(credentials: Credentials, path: string) {
  const headers = new Headers();
  if (credentials.kind === 'session') headers.set('Cookie', `mmreg_session=${credentials.cookie}`);
  const response = await app.request(path, { headers });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const ownCodes = () => codesByCenter.get('demo-a') ?? [];
const otherCodes = () => [...codesByCenter].filter(([center]) => center !== 'demo-a').flatMap(([, codes]) => codes);
const report = (format: string, study = studyId) => `/api/studies/${study}/report?format=${format}`;

describe('GET /api/studies/{id}/report', () => {
  it('seeds patients in every demo centre', () => {
    expect(ownCodes().length).toBeGreaterThan(0);
    expect(otherCodes().length).toBeGreaterThan(0);
  });

  it('sends the coordinator the whole study’s HTML report as an attachment', async () => {
    const { response, bytes } = await download(coordinator, report('html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="musto2007-report.html"');
    const html = new TextDecoder().decode(bytes);
    for (const code of [...ownCodes(), ...otherCodes()]) expect(html).toContain(code);
    expect(html).toContain('Published claims checked against the data');
  });

  it('gives a centre investigator a report of their centre only, in HTML, XLSX and CSV', async () => {
    const html = new TextDecoder().decode((await download(investigator, report('html'))).bytes);
    for (const code of ownCodes()) expect(html).toContain(code);
    for (const code of otherCodes()) expect(html).not.toContain(code);
    expect(html).toContain('0 claims: 0 reproduced'); // claims are checked study-wide only

    const xlsx = await download(investigator, report('xlsx'));
    expect(xlsx.response.headers.get('Content-Type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.response.headers.get('Content-Disposition')).toBe(
      'attachment; filename="musto2007-demo-a-report.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes.buffer as ArrayBuffer);
    const patients = workbook.getWorksheet('1-patients');
    const listed = (patients?.getColumn(1).values ?? []).slice(2).map(String);
    expect(listed.sort()).toEqual([...ownCodes()].sort());

    const zip = await download(investigator, report('csv-zip'));
    expect(zip.response.headers.get('Content-Type')).toBe('application/zip');
    expect(zip.response.headers.get('Content-Disposition')).toBe('attachment; filename="musto2007-demo-a-tables.zip"');
    const archive = await JSZip.loadAsync(zip.bytes);
    const csv = (await archive.file('tables/table-1-patients.csv')?.async('string')) ?? '';
    for (const code of ownCodes()) expect(csv).toContain(code);
    for (const code of otherCodes()) expect(csv).not.toContain(code);
  });

  it('answers 400 naming format when it is missing or unknown, and 401 without a session', async () => {
    const missing = await download(coordinator, `/api/studies/${studyId}/report`);
    expect(missing.response.status).toBe(400);
    const unknown = await download(coordinator, report('rtf'));
    expect(unknown.response.status).toBe(400);
    expect(new TextDecoder().decode(unknown.bytes)).toContain('"path":["format"]');
    expect((await download({ kind: 'none' }, report('html'))).response.status).toBe(401);
  });

  it('answers 409 when no patient in scope can be analysed, and 404 for a study the caller is not in', async () => {
    const empty = await download(coordinator, report('html', emptyStudyId));
    expect(empty.response.status).toBe(409);
    expect((await download(investigator, report('html', emptyStudyId))).response.status).toBe(404);
  });

  const chromiumMissing = isChromiumAvailable()
    ? null
    : `Chromium not found at ${process.env['MMREG_CHROMIUM'] || defaultChromiumPath}`;
  if (chromiumMissing !== null && process.env['CI']) {
    it('has Chromium under CI', () => {
      throw new Error(`${chromiumMissing}: CI must install Debian's chromium`);
    });
  }

  it.skipIf(chromiumMissing !== null)(
    `prints the coordinator a PDF and the investigator a DOCX of their centre${chromiumMissing === null ? '' : ` (skipped: ${chromiumMissing})`}`,
    async () => {
      const pdf = await download(coordinator, report('pdf'));
      expect(pdf.response.status).toBe(200);
      expect(pdf.response.headers.get('Content-Type')).toBe('application/pdf');
      const parser = new PDFParse({ data: pdf.bytes });
      try {
        const text = await parser.getText();
        expect(text.total).toBeGreaterThanOrEqual(2);
        expect(text.text).toContain('Progression-free');
      } finally {
        await parser.destroy();
      }
      const docx = await download(investigator, report('docx'));
      expect(docx.response.headers.get('Content-Disposition')).toBe(
        'attachment; filename="musto2007-demo-a-report.docx"',
      );
      const document = (await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')?.async('string')) ?? '';
      expect(document.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(6);
      for (const code of ownCodes()) expect(document).toContain(code);
      for (const code of otherCodes()) expect(document).not.toContain(code);
    },
  );
});
