/** Test helper: compares a figure with its golden SVG under __golden__/, rewriting the file when UPDATE_GOLDEN=1; it must not be imported by library code. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { normaliseSvg } from './normalise-svg.ts';

/** Asserts that `svg`, normalised, equals `__golden__/<name>.svg`; with UPDATE_GOLDEN=1 it rewrites that file instead (review the git diff). */
export function expectGoldenSvg(name: string, svg: string): void {
  const path = fileURLToPath(new URL(`./__golden__/${name}.svg`, import.meta.url));
  const actual = normaliseSvg(svg);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path))
    throw new Error(`Golden file ${path} is missing: run npm run golden:update and review the diff`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
