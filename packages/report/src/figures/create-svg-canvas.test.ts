import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { createSvgCanvas } from './create-svg-canvas.ts';
import { parseFigure } from './parse-figure.ts';

describe('createSvgCanvas', () => {
  it('labels only the root svg when Plot and the caller label inner groups', () => {
    const canvas = createSvgCanvas(200, 100, 'Survival by group');
    const panel = Plot.plot({
      document: canvas.document,
      width: 200,
      height: 100,
      marks: [Plot.dot([{ x: 1, y: 2 }], { x: 'x', y: 'y', ariaDescription: 'points' })],
    });
    canvas.embedPlot(panel, 0, 0, 'panel');
    canvas.group({ 'aria-label': 'legend', 'aria-hidden': 'true' });
    const svg = canvas.serialise();
    const figure = parseFigure(svg);
    const root = figure.documentElement;
    expect([root.getAttribute('role'), root.getAttribute('aria-label')]).toEqual(['img', 'Survival by group']);
    expect(svg.match(/\saria-[a-z]+=/g)).toEqual([' aria-label=']);
    expect(figure.querySelector('g[data-label="panel"]')).not.toBeNull();
    expect(figure.querySelector('g[data-description="points"] > circle')).not.toBeNull();
    expect(figure.querySelector('g[data-label="legend"]')?.getAttribute('aria-hidden')).toBeNull();
  });
});
