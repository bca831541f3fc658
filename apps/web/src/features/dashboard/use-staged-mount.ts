/**
 * Mounts a page's later parts one stage at a time, each in a transition, one per period of `schedule`
 * (an idle period by default; the dashboard's waits for quiet too: when-quiet.ts).
 * React can yield while it renders, but a commit is one task: putting every section below the survival
 * curves in the page at once made one commit of 50–100 ms right after the first paint, and a subgroup
 * click arriving then waited for it (issue 6 item 8). One stage per idle period keeps each commit
 * small, lets the browser paint and take input between stages, and still mounts everything without any
 * scrolling (find-in-page, screen readers and the end-to-end checks need every section).
 */
import { startTransition, useEffect, useState } from 'react';
import { whenIdle } from './when-idle.ts';

/** Passed to `schedule`: with `whenIdle`, at the latest this long after the previous stage, even on a page that is never idle. */
export const stageTimeoutMs = 500;

/** How many of `stageCount` stages are mounted: 0 on the first render, then one more per period of `schedule`. */
export function useStagedMount(stageCount: number, schedule: typeof whenIdle = whenIdle): number {
  const [mounted, setMounted] = useState(0);
  useEffect(() => {
    if (mounted >= stageCount) return;
    return schedule(
      () => startTransition(() => setMounted((current) => Math.min(stageCount, current + 1))),
      stageTimeoutMs,
    );
  }, [mounted, stageCount, schedule]);
  return mounted;
}
