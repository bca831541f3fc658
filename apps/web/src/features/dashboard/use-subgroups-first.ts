/**
 * The dashboard's first render waits, briefly, for the subgroup worker (issue 6 item 8): a person who
 * changes the subgroup soon after the page appears should find every subgroup already in the page and
 * the worker idle, rather than a worker competing for the two cores and figures still being parsed.
 */
import { useEffect, useState } from 'react';
import type { StudyAnalysis } from '../../api/dashboard-analysis.ts';
import type { SubgroupPreparation } from './subgroup-preparation.ts';
import { preparedKeys } from './subgroup-worker-protocol.ts';
import type { SubgroupCache } from './survival-figures.ts';

/**
 * How long the first render may wait for the subgroup worker, counted from the analysis' arrival.
 * Meanwhile this thread draws "All patients" and the worker draws the subgroups; the first commit puts
 * in the page every subgroup delivered by then (hidden), so the worker is done, and nothing is left to
 * parse, when a person first changes the subgroup. The first render's target is 1 s (issue 6 item 8).
 */
export const subgroupWaitMs = 450;

/**
 * Whether the dashboard may render: at once without a worker or patients, else when the worker has
 * delivered (or failed) every subgroup or `waitMs` has passed since the analysis came. Only
 * the first analysis waits: a later one (a refetch) replaces the page at once.
 */
export function useSubgroupsFirst(
  preparation: SubgroupPreparation,
  analysis: StudyAnalysis | undefined,
  cache: SubgroupCache | undefined,
  waitMs = subgroupWaitMs,
): boolean {
  const [isReady, setReady] = useState(false);
  useEffect(() => {
    if (analysis === undefined || isReady) return;
    if (analysis.status !== 'analysed' || !preparation.isPreparing(analysis.patients)) {
      setReady(true);
      return;
    }
    const finish = () => setReady(true);
    const deadline = setTimeout(finish, waitMs);
    // This thread's share meanwhile: the figures of all patients, which the first render shows.
    const drawsAll = setTimeout(() => cache?.get('all'), 0);
    const delivered = new Set<string>();
    const unsubscribe = preparation.subscribe(analysis.patients, (event) => {
      delivered.add(event.key);
      if (delivered.size === preparedKeys.length) finish();
    });
    return () => {
      clearTimeout(deadline);
      clearTimeout(drawsAll);
      unsubscribe();
    };
  }, [analysis, preparation, cache, isReady, waitMs]);
  return isReady;
}
