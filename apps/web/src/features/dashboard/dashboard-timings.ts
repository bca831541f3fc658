/**
 * Performance marks of the dashboard (issue 6 item 8), read by scripts/bench/bench-dashboard.ts:
 * `performance.measure` entries named `dashboard:*`, also collected in `window.__mmregTimings`
 * (name → durations in ms, in order). Costs one mark per event; never logs.
 */
declare global {
  interface Window {
    __mmregTimings?: Record<string, number[]>;
  }
}

export const timingMarks = {
  dataLoaded: 'dashboard:data-loaded',
  subgroupSelected: 'dashboard:subgroup-selected',
} as const;

/** Marks `name` now, or at `startTime` (e.g. an input event's `timeStamp`, so input delay counts). */
export function markTiming(name: string, startTime?: number): void {
  if (typeof performance === 'undefined') return;
  performance.mark(name, startTime === undefined ? undefined : { startTime });
}

/** Records `name` from the latest `startMark` to now; does nothing when the start mark is missing. */
export function measureSince(name: string, startMark: string): number | null {
  if (typeof performance === 'undefined' || performance.getEntriesByName(startMark, 'mark').length === 0) return null;
  const measure = performance.measure(name, startMark);
  recordTiming(name, measure.duration);
  return measure.duration;
}

export function recordTiming(name: string, durationMs: number): void {
  if (typeof window === 'undefined') return;
  const timings = window.__mmregTimings ?? {};
  window.__mmregTimings = timings;
  timings[name] = [...(timings[name] ?? []), durationMs];
}

/** Runs `callback` after the browser has painted the current frame (two frames, as paint follows rAF). */
export function afterNextPaint(callback: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') return;
  requestAnimationFrame(() => setTimeout(callback, 0));
}
