/**
 * What the dashboard's Kaplan–Meier figures leave out when DRAWING a large registry, so a figure stays
 * cheap to build, parse and paint: censor marks that would overlap, and curve vertices whose change
 * is below half a pixel. Only the drawing is thinned: curves, numbers at risk and every statistic come
 * from core unchanged, and at the report's size (Musto 2007, 12 patients) no mark and no vertex that
 * changes the drawing is left out (tested).
 */

/** Plot area of the dashboard's KM figure (720 px wide, 380 px panel) less its margins, in px. */
export const plotAreaPx = { width: 620, height: 320 } as const;
/** Censor marks ("+", 8 px wide) whose centres fall in the same cell of this many px (half a mark) are drawn once. */
const censorCellPx = 4;
/** A curve or band vertex is drawn when it moves at least this many px from the last one drawn. */
const vertexTolerancePx = 0.5;

/**
 * Censor marks thinned for drawing only: of the marks whose centres fall in the same 4×4-px cell of the
 * plot area (half the width of a "+" mark), the first is kept. Overlapping marks look the same, but a
 * large registry draws hundreds rather than thousands of them.
 */
export function thinCensorMarks(
  censored: ReadonlyArray<{ readonly time: number; readonly surv: number }>,
  maxTime: number,
): Array<{ readonly time: number; readonly surv: number }> {
  if (!(maxTime > 0)) return [...censored];
  const seen = new Set<number>();
  const kept: Array<{ readonly time: number; readonly surv: number }> = [];
  const columns = Math.ceil(plotAreaPx.width / censorCellPx) + 1;
  for (const mark of censored) {
    const column = Math.round((mark.time / maxTime) * (plotAreaPx.width / censorCellPx));
    const row = Math.round((mark.surv * plotAreaPx.height) / censorCellPx);
    const cell = row * columns + column;
    if (seen.has(cell)) continue;
    seen.add(cell);
    kept.push(mark);
  }
  return kept;
}

export interface DrawnStep {
  readonly time: number;
  readonly surv: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

function movesFrom(previous: number | null, next: number | null, tolerance: number): boolean {
  if (previous === null || next === null) return previous !== next;
  return Math.abs(next - previous) >= tolerance;
}

/**
 * A step curve's vertices thinned for drawing only. A step is drawn when its survival or a confidence
 * limit moves at least half a pixel (0.5 / 320 of the probability axis) from the last step drawn, or a
 * limit appears or disappears; the first and last steps are always drawn. A left-out step's drop is drawn
 * at the next drawn step, so the drawn curve and band are never more than half a pixel from the exact
 * ones. At 10,000 patients this draws a few hundred instead of about a thousand vertices per curve.
 */
export function thinStepsForDrawing<TStep extends DrawnStep>(steps: readonly TStep[]): TStep[] {
  const tolerance = vertexTolerancePx / plotAreaPx.height;
  const kept: TStep[] = [];
  let last: TStep | undefined;
  steps.forEach((step, index) => {
    const isEnd = index === 0 || index === steps.length - 1;
    if (
      isEnd ||
      last === undefined ||
      movesFrom(last.surv, step.surv, tolerance) ||
      movesFrom(last.lower, step.lower, tolerance) ||
      movesFrom(last.upper, step.upper, tolerance)
    ) {
      kept.push(step);
      last = step;
    }
  });
  return kept;
}
