/**
 * The exporters that need no browser: XLSX read back with exceljs, DOCX tables without figures,
 * the ZIP writer, PNG density stamping, sheet names, number formats, the format list and the
 * missing-Chromium error. The Chromium-rendered outputs are checked in export-report.test.ts.
 */
import { deflateSync } from 'node:zlib';
import { analyseStudy } from '@mmreg/core';
import { loadMusto2007Study } from '@mmreg/testkit';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildStudyReport } from '../build-report.ts';
import type { TableModel } from '../table-model.ts';
import { resolveChromiumPath } from './chromium.ts';
import { buildReportDocx } from './docx-report.ts';
import { ReportExportError } from './export-error.ts';
import { exportReport, parseReportFormats, reportFormats } from './export-report.ts';
import { crc32, readPngInfo, setPngDensity } from './png-density.ts';
import { svgSize } from './rasterise-figures.ts';
import { buildReportOutline } from './report-outline.ts';
import { buildReportXlsx, numberFormatFor, sheetNamesFor } from './xlsx-report.ts';
import { zipFiles } from './zip-files.ts';

const software = { name: 'mmreg', version: 'test', generatedAt: null };
const report = buildStudyReport(analyseStudy(loadMusto2007Study()), software);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A valid 2 × 1 grey PNG with no pHYs chunk. */
function tinyPng(): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 2);
  view.setUint32(4, 1);
  header.set([8, 0, 0, 0, 0], 8);
  const pixels = new Uint8Array(deflateSync(new Uint8Array([0, 128, 128])));
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', new Uint8Array()),
  ];
  return new Uint8Array(parts.flatMap((part) => [...part]));
}

describe('setPngDensity', () => {
  it('states 300 dpi in a pHYs chunk when the PNG had none', () => {
    const png = tinyPng();
    expect(readPngInfo(png)).toEqual({ widthPx: 2, heightPx: 1, dotsPerInch: null });
    const stamped = setPngDensity(png, 300);
    expect(readPngInfo(stamped)).toEqual({ widthPx: 2, heightPx: 1, dotsPerInch: 300 });
    expect(stamped.length).toBe(png.length + 21);
  });

  it('replaces an existing density rather than adding a second one', () => {
    const twice = setPngDensity(setPngDensity(tinyPng(), 72), 300);
    expect(readPngInfo(twice).dotsPerInch).toBe(300);
    expect(Buffer.from(twice).toString('latin1').split('pHYs')).toHaveLength(2);
  });

  it('rejects bytes that are not a PNG', () => {
    expect(() => setPngDensity(new Uint8Array([1, 2, 3]), 300)).toThrow(RangeError);
  });
});

describe('svgSize', () => {
  it('reads the width and height of every report figure', () => {
    for (const figure of report.figures) expect(svgSize(figure.svg).width).toBeGreaterThan(100);
    expect(svgSize('<svg viewBox="0 0 40 30"></svg>')).toEqual({ width: 40, height: 30 });
  });
});

describe('zipFiles', () => {
  it('writes an archive jszip reads back byte for byte when given UTF-8 names', async () => {
    const files = new Map([
      ['tables/a.csv', new TextEncoder().encode('\uFEFFx,≥ PR\r\n1,2\r\n')],
      ['tables/b é.csv', new Uint8Array(5000).fill(65)],
    ]);
    const zip = await JSZip.loadAsync(zipFiles(files));
    expect(Object.keys(zip.files).sort()).toEqual([...files.keys()].sort());
    for (const [name, content] of files) {
      expect(new Uint8Array((await zip.file(name)?.async('uint8array')) ?? [])).toEqual(content);
    }
  });
});

describe('sheetNamesFor', () => {
  it('makes names of at most 31 characters, unique without regard to case, without []:*?/\\', () => {
    const table = (id: string): TableModel => ({ id, title: id, columns: [], rows: [], notes: [] });
    const names = sheetNamesFor([
      ...report.tables,
      table('table-a-very-long-identifier-that-goes-on-and-on'),
      table('table-a-very-long-identifier-that-goes-on-and-on'),
      table('table-Response'),
      table('table-x[1]:y*?/z'),
      table('README'),
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
    expect(names.slice(0, 3)).toEqual(['1-patients', '1-summary', '2-treatment-outcomes']);
    expect(names.at(-1)).toBe('README (2)');
  });
});

describe('numberFormatFor', () => {
  it('keeps the decimals and the percent sign of the printed text', () => {
    expect(numberFormatFor('12')).toBe('0');
    expect(numberFormatFor('6.5')).toBe('0.0');
    expect(numberFormatFor('0.0021')).toBe('0.0000');
    expect(numberFormatFor('91.7%')).toBe('0.0%');
    expect(numberFormatFor('18%')).toBe('0%');
    expect(numberFormatFor('< 0.0001')).toBe('General');
  });
});

describe('parseReportFormats', () => {
  it('accepts a comma-separated list in any case and order, and all', () => {
    expect(parseReportFormats('PDF, html,csv')).toEqual(['html', 'pdf', 'csv']);
    expect(parseReportFormats('all')).toEqual([...reportFormats]);
  });

  it('names every unknown format when the list has some', () => {
    expect(() => parseReportFormats('html,rtf,odt')).toThrow(/unknown report formats rtf, odt: choose from html/);
    expect(() => parseReportFormats('')).toThrow(ReportExportError);
  });
});

describe('resolveChromiumPath', () => {
  it('says to install Debian’s chromium or set MMREG_CHROMIUM when the binary is missing', () => {
    let error: unknown = null;
    try {
      resolveChromiumPath({ MMREG_CHROMIUM: '/nonexistent/chromium' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReportExportError);
    expect((error as ReportExportError).code).toBe('chromium-missing');
    expect((error as Error).message).toMatch(/\/nonexistent\/chromium.*Install Debian's chromium.*MMREG_CHROMIUM/);
  });
});

describe('buildReportOutline', () => {
  it('places every table and figure of the Musto report in a numbered section', () => {
    const outline = buildReportOutline(report.tables, report.figures);
    const placed = outline.flatMap((section) =>
      section.items.map((item) => (item.kind === 'table' ? item.table.id : item.figure.id)),
    );
    expect(placed.sort()).toEqual([...report.tables.map((t) => t.id), ...report.figures.map((f) => f.id)].sort());
    expect(outline.map((section) => section.title)).not.toContain('Other tables and figures');
  });

  it('appends what it does not know under "Other tables and figures"', () => {
    const extra: TableModel = { id: 'table-new', title: 'New', columns: [], rows: [], notes: [] };
    expect(buildReportOutline([extra], []).at(-1)).toMatchObject({ title: 'Other tables and figures' });
  });
});

describe('buildReportXlsx', () => {
  it('writes a README and one sheet per table with a bold frozen header and numbers as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await buildReportXlsx({ ...report, software });
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(['README', ...sheetNamesFor(report.tables)]);
    report.tables.forEach((table, index) => {
      const sheet = workbook.getWorksheet(sheetNamesFor(report.tables)[index] ?? '');
      if (sheet === undefined) throw new Error(`no sheet for ${table.id}`);
      expect(sheet.getRow(1).values).toEqual([undefined, ...table.columns.map((column) => column.label)]);
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.rowCount).toBe(table.rows.length + 1);
      table.rows.forEach((row, rowIndex) => {
        table.columns.forEach((column, columnIndex) => {
          const value = sheet.getRow(rowIndex + 2).getCell(columnIndex + 1).value;
          const number = row.values?.[column.key];
          if (number !== undefined && row.isSection !== true) expect(value).toBe(number);
          else if (row.isSection !== true) expect(value ?? '').toBe(row.cells[column.key] ?? '');
        });
      });
    });
    const survival = workbook.getWorksheet('survival');
    expect(survival?.getRow(2).getCell(3).value).toBe(12);
    const patients = workbook.getWorksheet('1-patients');
    expect(typeof patients?.getRow(2).getCell(6).value).toBe('number');
    expect(patients?.getRow(2).getCell(6).numFmt).toMatch(/^0/);
    const readme = workbook.getWorksheet('README');
    expect(readme?.getCell('B1').value).toContain('musto2007');
  });
});

describe('buildReportDocx without figures', () => {
  it('writes every table as a Word table with a repeated header row', async () => {
    const docx = await buildReportDocx({ ...report, software, rasters: [] });
    const zip = await JSZip.loadAsync(docx);
    const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(document.match(/<w:tbl>/g)).toHaveLength(report.tables.length);
    expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(report.tables.length);
    expect(document).toContain('Progression-free and overall survival');
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toEqual([]);
  });
});

describe('exportReport without Chromium formats', () => {
  it('returns the HTML, CSV, SVG, JSON and XLSX files of the report', async () => {
    const result = await exportReport(report, { formats: ['html', 'csv', 'svg', 'json', 'xlsx'] });
    expect([...result.files.keys()].sort()).toEqual(
      [
        'report.html',
        'report.xlsx',
        'results.json',
        ...report.tables.map((table) => `tables/${table.id}.csv`),
        ...report.figures.map((figure) => `figures/${figure.id}.svg`),
      ].sort(),
    );
    expect(new TextDecoder().decode(result.files.get('report.html'))).toBe(report.html);
    expect(Object.keys(result.timingsMs)).toEqual(['xlsx']);
  });

  it('needs the software when given an analysis rather than a report', async () => {
    await expect(exportReport(report.analysis, { formats: ['html'] })).rejects.toThrow(/software is required/);
  });
});
