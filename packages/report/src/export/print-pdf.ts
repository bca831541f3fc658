/**
 * report.pdf: Chromium prints the same self-contained report.html (A4, its print stylesheet), with
 * the study in the page header and "page N of M" in the footer. No network: the page has none.
 */
import type { Browser } from 'playwright-core';
import { escapeHtml } from '../html/escape-html.ts';

/**
 * One print-only rule added to the report's own stylesheet: on A4 the survival figures are drawn at
 * 560 px (about 15 cm) so two fit on a page, instead of one page each at full text width.
 */
const printOverrides =
  '<style>@media print { figure.chart svg, .figure-grid figure.chart svg { max-width: 560px; } }</style>';

/** The report page with `printOverrides` in its head; the content is untouched. */
export function withPrintOverrides(html: string): string {
  const end = html.indexOf('</head>');
  return end === -1 ? html : `${html.slice(0, end)}${printOverrides}\n${html.slice(end)}`;
}

const marginStyle = 'font-family: "Liberation Sans", Arial, sans-serif; font-size: 8px; color: #5b5b5b;';

export interface PrintPdfOptions {
  /** Shown in the page header, e.g. "mmreg report · musto2007". */
  readonly headerText: string;
}

export async function printReportPdf(browser: Browser, html: string, options: PrintPdfOptions): Promise<Uint8Array> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(withPrintOverrides(html), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' },
      displayHeaderFooter: true,
      headerTemplate: `<div style='${marginStyle} width: 100%; padding: 0 14mm;'>${escapeHtml(options.headerText)}</div>`,
      footerTemplate: `<div style='${marginStyle} width: 100%; padding: 0 14mm; text-align: right;'>Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`,
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}
