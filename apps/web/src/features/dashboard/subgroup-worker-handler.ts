/**
 * The subgroup worker's logic, apart from the worker global so it can be tested in Node: one subgroup
 * per task, in the order asked, a `prioritise` message moving a subgroup to the front (the page asks
 * for the one the user just chose). It computes with core and draws with the report, nothing else.
 * Until the data arrive it warms up, one step per task, so a `prepare` waits for one step at most.
 */

import { decodeSubgroupRows, type SubgroupPatient } from './subgroup-rows.ts';
import type { PreparedKey, SubgroupWorkerRequest, SubgroupWorkerResponse } from './subgroup-worker-protocol.ts';
import { drawSubgroup } from './survival-figures.ts';

export interface SubgroupWorkerHandlerOptions {
  readonly post: (response: SubgroupWorkerResponse) => void;
  /** Runs `task` in a later task, so messages arriving meanwhile are handled first (default setTimeout 0). */
  readonly schedule?: (task: () => void) => void;
  readonly now?: () => number;
  /** Warm-up steps run while there is no data set yet (subgroup-warm-up.ts); dropped when one arrives. */
  readonly warmUp?: ReadonlyArray<() => void>;
}

interface Job {
  readonly dataSetId: number;
  readonly patients: readonly SubgroupPatient[];
  readonly conventions: Extract<SubgroupWorkerRequest, { type: 'prepare' }>['conventions'];
}

export function createSubgroupWorkerHandler(options: SubgroupWorkerHandlerOptions) {
  const schedule = options.schedule ?? ((task: () => void) => void setTimeout(task, 0));
  const now = options.now ?? (() => performance.now());
  let job: Job | null = null;
  let queue: PreparedKey[] = [];
  let isScheduled = false;
  const warmUp = [...(options.warmUp ?? [])];

  const runNext = () => {
    isScheduled = false;
    if (job === null) {
      warmUp.shift()?.();
      scheduleNext();
      return;
    }
    const key = queue.shift();
    if (job === null || key === undefined) return;
    const { dataSetId, patients, conventions } = job;
    const started = now();
    try {
      const drawn = drawSubgroup(key, patients, conventions);
      options.post({ type: 'drawn', dataSetId, key, drawn, durationMs: now() - started });
    } catch (error) {
      options.post({ type: 'failed', dataSetId, key, message: error instanceof Error ? error.message : String(error) });
    }
    scheduleNext();
  };
  const scheduleNext = () => {
    if (isScheduled || (job === null ? warmUp.length === 0 : queue.length === 0)) return;
    isScheduled = true;
    schedule(runNext);
  };

  const handle = (request: SubgroupWorkerRequest): void => {
    if (request.type === 'prepare') {
      job = {
        dataSetId: request.dataSetId,
        patients: decodeSubgroupRows(request.rows),
        conventions: request.conventions,
      };
      queue = [...request.keys];
      warmUp.length = 0;
    } else if (job !== null && request.dataSetId === job.dataSetId && queue.includes(request.key)) {
      queue = [request.key, ...queue.filter((key) => key !== request.key)];
    }
    scheduleNext();
  };
  scheduleNext();
  return handle;
}
