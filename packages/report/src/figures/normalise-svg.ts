/** Normalises figure SVG for golden-file comparison (stable ids, rounded coordinates, one element per line); it must not change what the figure shows. */

const longDecimalPattern = /-?\d+\.\d{3,}/g;

/**
 * Returns `svg` with Plot's generated class names and clip/pattern ids replaced by stable ones, coordinates in
 * attribute values rounded to 0.01, and a line break between tags so a golden file reviews as a readable diff.
 */
export function normaliseSvg(svg: string): string {
  return svg
    .replace(/\bplot-(clip|pattern)-\d+/g, 'plot-$1')
    .replace(/\bplot-[0-9a-f]{6}\b/g, 'plot')
    .replace(/(\s[A-Za-z_:][\w:.-]*=")([^"]*)"/g, (_match, head: string, value: string) => {
      const rounded = value.replace(longDecimalPattern, (numberText) =>
        String(Math.round(Number(numberText) * 100) / 100),
      );
      return `${head}${rounded}"`;
    })
    .replace(/>\s*</g, '>\n<')
    .trim()
    .concat('\n');
}
