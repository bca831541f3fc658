/**
 * The dashboard's subgroup worker (a module worker, built by Vite from
 * `new Worker(new URL('./subgroup-figures.worker.ts', import.meta.url))`): computes and draws the
 * survival subgroups off the main thread right after the analysis arrives, so changing the subgroup
 * never waits for core or for the figure code. Logic in subgroup-worker-handler.ts.
 */

import { warmUpSteps } from './subgroup-warm-up.ts';
import { createSubgroupWorkerHandler } from './subgroup-worker-handler.ts';
import type { SubgroupWorkerRequest, SubgroupWorkerResponse } from './subgroup-worker-protocol.ts';

/** The part of a dedicated worker's global scope used here (the app's lib is DOM, not WebWorker). */
interface SubgroupWorkerScope {
  onmessage: ((event: MessageEvent<SubgroupWorkerRequest>) => void) | null;
  postMessage(message: SubgroupWorkerResponse): void;
}

const scope = self as unknown as SubgroupWorkerScope;
// While the analysis downloads: compile the drawing code, one subgroup per task, so the data, when
// they come, wait for one step at most (the rest of the warm-up is then dropped).
const handle = createSubgroupWorkerHandler({ post: (response) => scope.postMessage(response), warmUp: warmUpSteps() });
scope.onmessage = (event) => handle(event.data);
