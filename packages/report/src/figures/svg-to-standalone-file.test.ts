import { describe, expect, it } from 'vitest';
import { svgToStandaloneFile } from './svg-to-standalone-file.ts';

describe('svgToStandaloneFile', () => {
  it('prefixes the XML declaration when given inline svg markup', () => {
    const file = svgToStandaloneFile('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>');
    expect(file).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n',
    );
  });

  it('adds the SVG namespace when the markup lacks it', () => {
    expect(svgToStandaloneFile('<svg width="10"><g></g></svg>')).toContain(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10"><g></g></svg>',
    );
  });

  it('returns a standalone file unchanged when applied twice', () => {
    const once = svgToStandaloneFile('<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    expect(svgToStandaloneFile(once)).toBe(once);
  });

  it('throws when the input is not svg markup', () => {
    expect(() => svgToStandaloneFile('<div></div>')).toThrowError(RangeError);
  });
});
