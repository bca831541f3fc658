/**
 * For tests: the subgroup worker's handler behind a `Worker`-like object, in this process. Messages are
 * cloned both ways as `postMessage` clones them; the handler's tasks wait until the test runs them.
 */
import type { SubgroupWorkerLike } from './subgroup-preparation.ts';
import { createSubgroupWorkerHandler } from './subgroup-worker-handler.ts';

export function inProcessSubgroupWorker(): {
  readonly worker: SubgroupWorkerLike;
  /** Runs every waiting task, and those they schedule. */
  readonly runAll: () => void;
  /** Runs the first waiting task. */
  readonly runOne: () => void;
} {
  const tasks: Array<() => void> = [];
  const worker: SubgroupWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message, transfer = []) => handle(structuredClone(message, { transfer })),
    terminate: () => undefined,
  };
  const handle = createSubgroupWorkerHandler({
    post: (response) => worker.onmessage?.({ data: structuredClone(response) } as MessageEvent),
    schedule: (task) => tasks.push(task),
  });
  return {
    worker,
    runAll: () => {
      for (let task = tasks.shift(); task !== undefined; task = tasks.shift()) task();
    },
    runOne: () => tasks.shift()?.(),
  };
}
