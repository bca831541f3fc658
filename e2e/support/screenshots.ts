/** Full-page screenshots for review, written to test-results/screenshots/ (gitignored) by every run. */
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const screenshotDirectory = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

// Long pages (the audit trail lists every record) are cut here: a taller image takes minutes to encode.
const maxHeightPx = 4000;

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDirectory, `${name}.png`);
  // The dashboard renders the sections below the curves only near the viewport (content-visibility:
  // auto, marked data-below-fold); a review screenshot shows the whole page.
  await page.addStyleTag({ content: '[data-below-fold] { content-visibility: visible !important; }' });
  const size = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  await page.screenshot({
    path,
    fullPage: true,
    animations: 'disabled',
    clip: { x: 0, y: 0, width: size.width, height: Math.min(size.height, maxHeightPx) },
  });
  return path;
}
