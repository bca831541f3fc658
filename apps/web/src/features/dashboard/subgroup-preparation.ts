/**
 * The page's side of the subgroup worker: sends the analysed patients as soon as the analysis has
 * arrived (before the first render, so both cores work), keeps what the worker has drawn for the
 * current data set, and tells subscribers. Without a Worker (tests, very old browsers) or when the
 * worker fails, it says so and the survival section computes on the main thread instead.
 */
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import { encodeSubgroupRows, subgroupRowsTransfer } from './subgroup-rows.ts';
import type { PreparedKey, SubgroupWorkerRequest, SubgroupWorkerResponse } from './subgroup-worker-protocol.ts';
import type { DrawnSubgroup } from './survival-figures.ts';

/** The part of `Worker` used here (a fake in tests). */
export interface SubgroupWorkerLike {
  onmessage: ((event: MessageEvent<SubgroupWorkerResponse>) => void) | null;
  onerror: ((event: Event) => void) | null;
  postMessage(message: SubgroupWorkerRequest, transfer?: Transferable[]): void;
  terminate(): void;
}

export type PreparedEvent =
  | { readonly kind: 'drawn'; readonly key: PreparedKey; readonly drawn: DrawnSubgroup; readonly durationMs: number }
  | { readonly kind: 'failed'; readonly key: PreparedKey; readonly message: string };

export interface SubgroupPreparation {
  /** Loads the worker ahead of the data (its code is then parsed while the analysis downloads). */
  warm(): void;
  /** Starts preparing `keys` for this data set; does nothing when this data set is already being prepared. */
  prepare(
    patients: readonly AnalysedPatient[],
    conventions: AnalysisResults['conventions'],
    keys: readonly PreparedKey[],
  ): void;
  /** Whether `patients` is the data set being prepared, with a worker that has not failed. */
  isPreparing(patients: readonly AnalysedPatient[]): boolean;
  /** Events of this data set: those already delivered at once, the others as they come; returns unsubscribe. */
  subscribe(patients: readonly AnalysedPatient[], listener: (event: PreparedEvent) => void): () => void;
  /** The events of this data set delivered so far (none for another data set). */
  delivered(patients: readonly AnalysedPatient[]): readonly PreparedEvent[];
  /** Asks the worker to do `key` next. */
  prioritise(patients: readonly AnalysedPatient[], key: PreparedKey): void;
  /** Stops the worker; a later `warm` or `prepare` starts a new one. */
  dispose(): void;
}

interface DataSet {
  readonly id: number;
  readonly patients: readonly AnalysedPatient[];
  readonly keys: readonly PreparedKey[];
  readonly events: PreparedEvent[];
  readonly listeners: Set<(event: PreparedEvent) => void>;
}

/** The browser's module worker, or null where there is none. */
export function createBrowserSubgroupWorker(): SubgroupWorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./subgroup-figures.worker.ts', import.meta.url), {
    type: 'module',
    name: 'mmreg-survival-subgroups',
  }) as SubgroupWorkerLike;
}

export function createSubgroupPreparation(
  createWorker: () => SubgroupWorkerLike | null = createBrowserSubgroupWorker,
): SubgroupPreparation {
  let worker: SubgroupWorkerLike | null = null;
  let hasFailed = false;
  let dataSet: DataSet | null = null;
  let nextId = 1;

  const emit = (target: DataSet, event: PreparedEvent) => {
    target.events.push(event);
    for (const listener of target.listeners) listener(event);
  };

  const failRemaining = (message: string) => {
    hasFailed = true;
    const target = dataSet;
    if (target === null) return;
    const done = new Set(target.events.map((event) => event.key));
    for (const key of target.keys) if (!done.has(key)) emit(target, { kind: 'failed', key, message });
  };

  const ensureWorker = (): SubgroupWorkerLike | null => {
    if (worker !== null || hasFailed) return worker;
    try {
      worker = createWorker();
    } catch {
      worker = null;
    }
    if (worker === null) {
      hasFailed = true;
      return null;
    }
    worker.onmessage = (event) => {
      const response = event.data;
      const target = dataSet;
      if (target === null || response.dataSetId !== target.id) return;
      emit(
        target,
        response.type === 'drawn'
          ? { kind: 'drawn', key: response.key, drawn: response.drawn, durationMs: response.durationMs }
          : { kind: 'failed', key: response.key, message: response.message },
      );
    };
    worker.onerror = () => failRemaining('the subgroup worker stopped');
    return worker;
  };

  return {
    warm: () => void ensureWorker(),
    prepare(patients, conventions, keys) {
      if (dataSet?.patients === patients) return;
      const listeners = new Set<(event: PreparedEvent) => void>();
      dataSet = { id: nextId, patients, keys, events: [], listeners };
      nextId += 1;
      const target = ensureWorker();
      if (target === null) {
        failRemaining('no worker in this browser');
        return;
      }
      const rows = encodeSubgroupRows(patients);
      target.postMessage(
        { type: 'prepare', dataSetId: dataSet.id, rows, conventions, keys },
        subgroupRowsTransfer(rows),
      );
    },
    isPreparing: (patients) => !hasFailed && worker !== null && dataSet?.patients === patients,
    subscribe(patients, listener) {
      const target = dataSet;
      if (target === null || target.patients !== patients) return () => undefined;
      for (const event of target.events) listener(event);
      target.listeners.add(listener);
      return () => target.listeners.delete(listener);
    },
    delivered: (patients) => (dataSet?.patients === patients ? [...dataSet.events] : []),
    prioritise(patients, key) {
      if (worker === null || dataSet === null || dataSet.patients !== patients) return;
      worker.postMessage({ type: 'prioritise', dataSetId: dataSet.id, key });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      hasFailed = false;
      dataSet = null;
    },
  };
}
