/** Estimates the rendered width of a label in Liberation Sans / Arial for layout; it must not touch a DOM or a font file. */

// Advance widths in 1/1000 em for U+0020–U+007E, from the Helvetica AFM (Liberation Sans and Arial share these metrics).
const regularWidths = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
] as const;

const boldWidths = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
] as const;

// A few non-ASCII characters that figures use; anything else is counted as a wide letter so layout errs on the roomy side.
const otherWidths: Readonly<Record<string, number>> = { '–': 556, '—': 1000, '·': 278, '×': 584, '≥': 549, '≤': 549 };
const unknownWidth = 667;

/**
 * Returns the approximate advance width in pixels of `text` set in Liberation Sans at `fontSizePx`.
 * Example: `estimateTextWidth('12/25', 12)` ≈ 28.
 */
export function estimateTextWidth(text: string, fontSizePx: number, isBold = false): number {
  const table = isBold ? boldWidths : regularWidths;
  let units = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    units += (code >= 32 && code <= 126 ? table[code - 32] : otherWidths[character]) ?? unknownWidth;
  }
  return (units * fontSizePx) / 1000;
}
