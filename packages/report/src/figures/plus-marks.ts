/**
 * "+" marks (a survival curve's censored observations) as ONE `<path>` per mark group instead of one
 * element per mark: a registry of thousands of patients draws its censor marks as a single node, which
 * is what keeps a figure cheap to serialise, parse and paint. Same look as Plot's `dot` with the `plus`
 * symbol (d3's stroked plus, arm length from the symbol area π·r²). It must not estimate anything.
 */
import * as Plot from '@observablehq/plot';

export interface PlusMarksOptions {
  readonly stroke: string;
  readonly strokeWidth: number;
  /** Plot's dot radius: the symbol's area is π·r². */
  readonly radiusPx: number;
  /** `data-description` of the group (a hook for tests). */
  readonly description: string;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** Half the length of one bar of d3's `symbolPlus` for a symbol of area `size` (d3-shape's formula). */
export function plusArmLength(radiusPx: number): number {
  const size = radiusPx * radiusPx * Math.PI;
  return Math.sqrt(size - Math.min(size / 7, 2)) * 0.87559;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The path data of "+" marks centred on (x[i], y[i]) for each i of `index`. */
export function plusMarksPath(
  index: readonly number[],
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  armPx: number,
): string {
  const arm = round(armPx);
  const parts: string[] = [];
  for (const i of index) {
    const cx = x[i];
    const cy = y[i];
    if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) continue;
    parts.push(`M${round(cx - arm)},${round(cy)}h${round(2 * arm)}M${round(cx)},${round(cy + arm)}v${round(-2 * arm)}`);
  }
  return parts.join('');
}

/** A Plot mark drawing `data`'s (time, surv) points as "+" marks in one path. */
export function plusMarks(
  data: ReadonlyArray<{ readonly time: number; readonly surv: number }>,
  options: PlusMarksOptions,
): Plot.Dot {
  const armPx = plusArmLength(options.radiusPx);
  return Plot.dot(data, {
    x: 'time',
    y: 'surv',
    render: (index, _scales, values, _dimensions, context) => {
      const x = values['x'] as ArrayLike<number> | undefined;
      const y = values['y'] as ArrayLike<number> | undefined;
      if (index.length === 0 || x === undefined || y === undefined) return null;
      const group = context.document.createElementNS(svgNamespace, 'g');
      group.setAttribute('fill', 'none');
      group.setAttribute('stroke', options.stroke);
      group.setAttribute('stroke-width', String(options.strokeWidth));
      group.setAttribute('data-description', options.description);
      const path = context.document.createElementNS(svgNamespace, 'path');
      path.setAttribute('d', plusMarksPath(index, x, y, armPx));
      group.appendChild(path);
      return group;
    },
  });
}

/** The number of "+" marks in a path made by `plusMarksPath` (one horizontal bar each). */
export function countPlusMarks(pathData: string): number {
  return pathData.match(/h/g)?.length ?? 0;
}
