/**
 * The Chromium-rendered downloads of the Musto 2007 report, parsed back: the PDF with pdf-parse,
 * the DOCX with jszip (a Word table per report table, PNG media, every XML part well-formed by
 * Chromium's strict XML parser), the PNG figures' 300-dpi size. One Chromium for the whole file.
 * Without Chromium the suite is skipped with the reason — except under CI, where that fails.
 */
import { analyseStudy } from '@mmreg/core';
import { loadMusto2007Study } from '@mmreg/testkit';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChromiumPath, isChromiumAvailable, launchChromium } from './chromium.ts';
import { exportReport, type ReportExport, reportFormats } from './export-report.ts';
import { readPngInfo } from './png-density.ts';
import { svgSize } from './rasterise-figures.ts';

const missing = isChromiumAvailable()
  ? null
  : `Chromium not found at ${process.env['MMREG_CHROMIUM'] || defaultChromiumPath}`;
const isCi = Boolean(process.env['CI']);

if (missing !== null && isCi) {
  describe('Chromium under CI', () => {
    it('is installed, so the PDF and PNG exports are tested', () => {
      throw new Error(`${missing}: CI must install Debian's chromium (npm test does)`);
    });
  });
}

describe.skipIf(missing !== null)(
  `exportReport with Chromium${missing === null ? '' : ` (skipped: ${missing})`}`,
  () => {
    let browser: Browser;
    let result: ReportExport;

    beforeAll(async () => {
      browser = await launchChromium();
      result = await exportReport(analyseStudy(loadMusto2007Study()), {
        formats: reportFormats,
        software: { name: 'mmreg', version: 'test', generatedAt: null },
        browser,
      });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    const file = (name: string): Uint8Array => {
      const bytes = result.files.get(name);
      if (bytes === undefined) throw new Error(`${name} was not exported`);
      return bytes;
    };

    it('returns every format’s files', () => {
      const { tables, figures } = result.report;
      expect([...result.files.keys()].sort()).toEqual(
        [
          'report.html',
          'report.pdf',
          'report.docx',
          'report.xlsx',
          'results.json',
          ...tables.map((table) => `tables/${table.id}.csv`),
          ...figures.flatMap((figure) => [`figures/${figure.id}.svg`, `figures/${figure.id}.png`]),
        ].sort(),
      );
      expect(Object.keys(result.timingsMs).sort()).toEqual(['docx', 'pdf', 'png', 'xlsx']);
    });

    it('prints a multi-page PDF with the table titles and the survival section', async () => {
      const parser = new PDFParse({ data: file('report.pdf') });
      try {
        const text = await parser.getText();
        expect(text.total).toBeGreaterThanOrEqual(2);
        const flat = text.text.replace(/\s+/g, ' ');
        expect(flat).toContain('Progression-free survival');
        for (const table of result.report.tables) expect(flat, table.id).toContain(table.title.replace(/\s+/g, ' '));
        expect(flat).toContain(`Page 2 of ${text.total}`);
      } finally {
        await parser.destroy();
      }
    });

    it('writes a DOCX with a Word table per report table, the figures as PNG and well-formed XML', async () => {
      const zip = await JSZip.loadAsync(file('report.docx'));
      const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(document.match(/<w:tbl>/g)).toHaveLength(result.report.tables.length);
      expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(result.report.tables.length);
      expect(document).toContain('w:jc w:val="right"');
      for (const figure of result.report.figures) expect(document).toContain(figure.title);
      const media = Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name));
      expect(media).toHaveLength(result.report.figures.length);
      const parts = Object.keys(zip.files).filter((name) => /\.(xml|rels)$/.test(name));
      const xml = await Promise.all(parts.map(async (name) => [name, (await zip.file(name)?.async('string')) ?? '']));
      const page = await browser.newPage();
      try {
        const malformed = await page.evaluate(
          (entries) =>
            entries
              .filter(([, text]) =>
                new DOMParser().parseFromString(text ?? '', 'application/xml').querySelector('parsererror'),
              )
              .map(([name]) => name),
          xml,
        );
        expect(malformed).toEqual([]);
      } finally {
        await page.close();
      }
      expect(parts.length).toBeGreaterThan(8);
    });

    it('rasterises each figure at 300 dpi: pHYs states it and the pixels are 300/96 of the SVG size', () => {
      for (const figure of result.report.figures) {
        const info = readPngInfo(file(`figures/${figure.id}.png`));
        const size = svgSize(figure.svg);
        expect(info.dotsPerInch).toBe(300);
        expect(Math.abs(info.widthPx - (size.width * 300) / 96)).toBeLessThanOrEqual(1);
        expect(Math.abs(info.heightPx - (size.height * 300) / 96)).toBeLessThanOrEqual(1);
      }
    });
  },
);
