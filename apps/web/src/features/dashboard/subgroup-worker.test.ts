import { describe, expect, it } from 'vitest';
import { analysisFromStudy, loadReferenceStudy, syntheticPatients } from './dashboard-test-fixture.ts';
import { inProcessSubgroupWorker } from './in-process-subgroup-worker.ts';
import { createSubgroupPreparation, type PreparedEvent } from './subgroup-preparation.ts';
import { encodeSubgroupRows } from './subgroup-rows.ts';
import { warmUpCohort, warmUpSubgroupDrawing } from './subgroup-warm-up.ts';
import { createSubgroupWorkerHandler } from './subgroup-worker-handler.ts';
import { preparedKeys, type SubgroupWorkerResponse } from './subgroup-worker-protocol.ts';
import { drawSubgroup } from './survival-figures.ts';

const conventions = analysisFromStudy(loadReferenceStudy()).results.conventions;
const patients = syntheticPatients(300);

describe('subgroup worker', () => {
  it('delivers every subgroup drawn exactly as the page draws it (core’s numbers, the report’s figures)', () => {
    const fake = inProcessSubgroupWorker();
    const preparation = createSubgroupPreparation(() => fake.worker);
    preparation.prepare(patients, conventions, preparedKeys);
    const events: PreparedEvent[] = [];
    preparation.subscribe(patients, (event) => events.push(event));
    fake.runAll();
    expect(events.map((event) => event.key)).toEqual([...preparedKeys]);
    for (const event of events) {
      if (event.kind !== 'drawn') throw new Error(event.message);
      expect(event.drawn).toEqual(drawSubgroup(event.key, patients, conventions));
    }
  });

  it('does a prioritised subgroup next and replays delivered ones to a late subscriber', () => {
    const fake = inProcessSubgroupWorker();
    const preparation = createSubgroupPreparation(() => fake.worker);
    preparation.prepare(patients, conventions, preparedKeys);
    fake.runOne();
    preparation.prioritise(patients, 'combination');
    fake.runOne();
    const seen: string[] = [];
    preparation.subscribe(patients, (event) => seen.push(event.key));
    expect(seen).toEqual(['pclType', 'combination']);
    expect(preparation.isPreparing(patients)).toBe(true);
    // The same data set again is not sent twice; another data set replaces it.
    preparation.prepare(patients, conventions, preparedKeys);
    fake.runAll();
    expect(seen).toEqual(['pclType', 'combination', 'del13', 'priorAsct']);
  });

  it('reports every subgroup as failed when there is no worker or the worker stops, so the page computes them', () => {
    const none = createSubgroupPreparation(() => null);
    none.prepare(patients, conventions, preparedKeys);
    const failed: string[] = [];
    none.subscribe(patients, (event) => failed.push(`${event.kind} ${event.key}`));
    expect(failed).toEqual(preparedKeys.map((key) => `failed ${key}`));
    expect(none.isPreparing(patients)).toBe(false);

    const fake = inProcessSubgroupWorker();
    const stopping = createSubgroupPreparation(() => fake.worker);
    stopping.prepare(patients, conventions, preparedKeys);
    fake.runOne();
    fake.worker.onerror?.(new Event('error'));
    const events: string[] = [];
    stopping.subscribe(patients, (event) => events.push(`${event.kind} ${event.key}`));
    expect(events).toEqual(['drawn pclType', 'failed del13', 'failed priorAsct', 'failed combination']);
    expect(stopping.isPreparing(patients)).toBe(false);
  });

  it('warms up on a fixed cohort that reaches every subgroup level', () => {
    const cohort = warmUpCohort();
    expect(new Set(cohort.map((patient) => patient.pclType)).size).toBe(2);
    expect(new Set(cohort.map((patient) => patient.karyotype)).size).toBe(3);
    expect(() => warmUpSubgroupDrawing()).not.toThrow();
  });

  it('warms up one step per task until the data arrive, then drops the rest of the warm-up', () => {
    const tasks: Array<() => void> = [];
    const steps: string[] = [];
    const posted: SubgroupWorkerResponse[] = [];
    const handle = createSubgroupWorkerHandler({
      post: (response) => posted.push(response),
      schedule: (task) => tasks.push(task),
      warmUp: ['a', 'b', 'c'].map((name) => () => steps.push(name)),
    });
    expect(tasks).toHaveLength(1);
    tasks.shift()?.();
    expect(steps).toEqual(['a']);
    // The data arrive between two warm-up steps: the next task is the first subgroup, not step b.
    handle({ type: 'prepare', dataSetId: 1, rows: encodeSubgroupRows(patients), conventions, keys: ['del13'] });
    for (let task = tasks.shift(); task !== undefined; task = tasks.shift()) task();
    expect(steps).toEqual(['a']);
    expect(posted.map((response) => `${response.type} ${response.key}`)).toEqual(['drawn del13']);
  });
});
