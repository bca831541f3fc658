/**
 * The dashboard's subgroup worker (a module worker, built by Vite from
 * `new Worker(new URL('./subgroup-figures.worker.ts', import.meta.url))`): computes and draws the
 * survival subgroups off the main thread right after the analysis arrives, so changing the subgroup
 * never waits for core or for the figure code. Logic in subgroup-worker-handler.ts.
 */

import { warmUpSubgroupDrawing } from './subgroup-warm-up.ts';
import { createSubgroupWorkerHandler } from './subgroup-worker-handler.ts';
import type { SubgroupWorkerRequest, SubgroupWorkerResponse } from './subgroup-worker-protocol.ts';

/** The part of a dedicated worker's global scope used here (the app's lib is DOM, not WebWorker). */
interface SubgroupWorkerScope {
  onmessage: ((event: MessageEvent<SubgroupWorkerRequest>) => void) | null;
  postMessage(message: SubgroupWorkerResponse): void;
}

const scope = self as unknown as SubgroupWorkerScope;
const handle = createSubgroupWorkerHandler({ post: (response) => scope.postMessage(response) });
scope.onmessage = (event) => handle(event.data);
// While the analysis downloads: compile the drawing code once (messages wait until this is done).
warmUpSubgroupDrawing();
