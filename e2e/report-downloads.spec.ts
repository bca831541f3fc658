/**
 * Issue 6 items 5 and 7: the coordinator downloads the study report from the dashboard's links as
 * DOCX and PDF, and both files open: the DOCX's XML parts are well-formed (checked by the browser's
 * XML parser) with real Word tables and PNG figures; the PDF parses (pdf-parse) with its pages and text.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { expect, test } from './fixtures.ts';

// Each export prints with its own Chromium on the server: slow on a loaded machine.
const exportTimeoutMs = 150_000;
test.setTimeout(2 * exportTimeoutMs);

async function downloadFrom(page: Page, linkName: string): Promise<Download> {
  const link = page.getByTestId('downloads-slot').getByRole('link', { name: linkName, exact: true });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: exportTimeoutMs }), link.click()]);
  const failure = await download.failure();
  if (failure !== null) throw new Error(`the ${linkName} download failed: ${failure}`);
  return download;
}

/** Parses XML with the page's DOMParser: null when well-formed, else the parser's message. */
async function xmlError(page: Page, xml: string): Promise<string | null> {
  return page.evaluate((text) => {
    const parsed = new DOMParser().parseFromString(text, 'application/xml');
    return parsed.getElementsByTagName('parsererror')[0]?.textContent ?? null;
  }, xml);
}

test('the coordinator downloads a DOCX and a PDF report from the dashboard and both open', async ({
  page,
  signIn,
}, testInfo) => {
  await signIn(page, 'coordinator');
  await page.goto('/dashboard');
  await expect(page.getByTestId('km-pfs').locator('svg')).toBeVisible();

  await test.step('DOCX: well-formed XML parts, Word tables, figures as images', async () => {
    const download = await downloadFrom(page, 'Word');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const path = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    const archive = await JSZip.loadAsync(await readFile(path));
    const xmlParts = Object.keys(archive.files).filter((name) => /\.(xml|rels)$/.test(name));
    expect(xmlParts).toContain('word/document.xml');
    for (const name of xmlParts) {
      const text = (await archive.file(name)?.async('string')) ?? '';
      expect(await xmlError(page, text), `${name} is well-formed XML`).toBeNull();
    }
    const document = (await archive.file('word/document.xml')?.async('string')) ?? '';
    const counts = await page.evaluate((text) => {
      const parsed = new DOMParser().parseFromString(text, 'application/xml');
      const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
      return {
        tables: parsed.getElementsByTagNameNS(w, 'tbl').length,
        rows: parsed.getElementsByTagNameNS(w, 'tr').length,
        text: parsed.documentElement.textContent ?? '',
      };
    }, document);
    expect(counts.tables).toBeGreaterThan(0);
    expect(counts.rows).toBeGreaterThan(counts.tables);
    expect(counts.text).toContain('MU-01');
    expect(Object.keys(archive.files).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
  });

  await test.step('PDF: parses, has pages and the report text', async () => {
    const download = await downloadFrom(page, 'PDF');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const path = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    try {
      const parsed = await parser.getText();
      expect(parsed.total).toBeGreaterThanOrEqual(1);
      expect(parsed.text).toContain('Progression-free');
      expect(parsed.text).toContain('MU-01');
    } finally {
      await parser.destroy();
    }
  });
});
