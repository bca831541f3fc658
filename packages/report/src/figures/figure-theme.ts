/** Shared look of every report figure (fonts, sizes, colour-blind-safe palette); it must not hold per-figure layout. */

/** Okabe & Ito (2008) colour-universal-design palette, in the order curves take it; yellow is left out (too faint on white). */
export const okabeItoPalette = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#000000', // black
] as const;

export const figureTheme = {
  fontFamily: "'Liberation Sans', Arial, Helvetica, sans-serif",
  textColour: '#1a1a1a',
  mutedColour: '#595959',
  ruleColour: '#b3b3b3',
  highlightColour: '#D55E00',
  summaryColour: '#1a1a1a',
  titleSizePx: 15,
  labelSizePx: 13,
  tickSizePx: 12,
  tableSizePx: 12,
} as const;

/** Returns the palette colour for the curve at `index`, cycling when there are more curves than colours. */
export function paletteColour(index: number): string {
  return okabeItoPalette[index % okabeItoPalette.length] ?? '#000000';
}
