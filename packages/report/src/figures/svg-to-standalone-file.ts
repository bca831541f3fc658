/** Turns an inline figure `<svg>` string into the content of a standalone `.svg` file; it must not write the file itself. */

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';
const svgNamespace = 'http://www.w3.org/2000/svg';

/**
 * Prefixes the XML declaration (and adds the SVG namespace if it is missing) so the markup opens on its own in a
 * browser or vector editor; already-standalone input is returned unchanged.
 * Example: `writeFileSync('km.svg', svgToStandaloneFile(kaplanMeierFigure(options)))`.
 */
export function svgToStandaloneFile(svg: string): string {
  const markup = svg.trim();
  if (markup.startsWith('<?xml')) return markup.endsWith('\n') ? markup : `${markup}\n`;
  if (!markup.startsWith('<svg')) throw new RangeError('svgToStandaloneFile: expected markup starting with <svg');
  const openingTag = markup.slice(0, markup.indexOf('>') + 1);
  const withNamespace = openingTag.includes('xmlns=')
    ? markup
    : markup.replace(/^<svg\b/, `<svg xmlns="${svgNamespace}"`);
  return `${xmlDeclaration}\n${withNamespace}\n`;
}
