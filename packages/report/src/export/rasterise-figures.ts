/**
 * Figures as PNG: each SVG drawn by Chromium at `dotsPerInch` (device scale factor dpi/96, CSS
 * pixels being 1/96 inch) and stamped with that density, so a 860 × 426 px figure becomes a
 * 2688 × 1331 px image that prints 9.0 × 4.4 inches wide at 300 dpi.
 */
import type { Browser } from 'playwright-core';
import type { ReportFigure } from '../report-figures.ts';
import { setPngDensity } from './png-density.ts';

export interface RasterFigure {
  readonly id: string;
  readonly png: Uint8Array;
  /** The SVG's own size in CSS pixels (1/96 inch). */
  readonly widthCssPx: number;
  readonly heightCssPx: number;
}

const cssPixelsPerInch = 96;

/** The `width`/`height` of the root `<svg>` (CSS pixels), from the attributes or the viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const openingTag = svg.slice(svg.indexOf('<svg'), svg.indexOf('>', svg.indexOf('<svg')) + 1);
  const attribute = (name: string) => {
    const match = new RegExp(`\\s${name}="([0-9.]+)(px)?"`).exec(openingTag);
    return match?.[1] === undefined ? null : Number(match[1]);
  };
  const viewBox = /\sviewBox="[-0-9.]+[ ,]+[-0-9.]+[ ,]+([0-9.]+)[ ,]+([0-9.]+)"/.exec(openingTag);
  const width = attribute('width') ?? (viewBox?.[1] === undefined ? null : Number(viewBox[1]));
  const height = attribute('height') ?? (viewBox?.[2] === undefined ? null : Number(viewBox[2]));
  if (width === null || height === null || !(width > 0) || !(height > 0)) {
    throw new RangeError('svgSize: the <svg> element states no width/height or viewBox');
  }
  return { width, height };
}

function pageFor(svg: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>${svg}</body></html>`;
}

export async function rasteriseFigures(
  browser: Browser,
  figures: readonly ReportFigure[],
  dotsPerInch: number,
): Promise<RasterFigure[]> {
  const context = await browser.newContext({
    deviceScaleFactor: dotsPerInch / cssPixelsPerInch,
    viewport: { width: 1000, height: 800 },
    javaScriptEnabled: false,
    offline: true,
  });
  try {
    const page = await context.newPage();
    const rasters: RasterFigure[] = [];
    for (const figure of figures) {
      const { width, height } = svgSize(figure.svg);
      await page.setViewportSize({ width: Math.ceil(width), height: Math.ceil(height) });
      await page.setContent(pageFor(figure.svg), { waitUntil: 'load' });
      const shot = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } });
      rasters.push({
        id: figure.id,
        png: setPngDensity(new Uint8Array(shot), dotsPerInch),
        widthCssPx: width,
        heightCssPx: height,
      });
    }
    return rasters;
  } finally {
    await context.close();
  }
}
