/**
 * Messages between the dashboard and its subgroup worker (subgroup-figures.worker.ts): the page sends
 * the analysed patients once per data set (as typed arrays, moved: subgroup-rows.ts), the worker answers with each subgroup computed by core and
 * drawn by the report's figure function — exactly what `drawSubgroup` gives on the main thread.
 */
import type { AnalysisResults } from '../../api/dashboard-analysis.ts';
import type { EncodedSubgroupRows } from './subgroup-rows.ts';
import type { DrawnSubgroup } from './survival-figures.ts';
import type { SubgroupKey } from './survival-subgroups.ts';

/** The subgroups prepared ahead ("All patients" is drawn from the results with the first render). */
export type PreparedKey = Exclude<SubgroupKey, 'all'>;
export const preparedKeys: readonly PreparedKey[] = ['pclType', 'del13', 'priorAsct', 'combination'];

export type SubgroupWorkerRequest =
  | {
      readonly type: 'prepare';
      /** Identifies the data set: answers for an older one are ignored. */
      readonly dataSetId: number;
      readonly rows: EncodedSubgroupRows;
      readonly conventions: AnalysisResults['conventions'];
      readonly keys: readonly PreparedKey[];
    }
  | { readonly type: 'prioritise'; readonly dataSetId: number; readonly key: PreparedKey };

export type SubgroupWorkerResponse =
  | {
      readonly type: 'drawn';
      readonly dataSetId: number;
      readonly key: PreparedKey;
      readonly drawn: DrawnSubgroup;
      /** Time the worker spent computing and drawing this subgroup. */
      readonly durationMs: number;
    }
  | { readonly type: 'failed'; readonly dataSetId: number; readonly key: PreparedKey; readonly message: string };
