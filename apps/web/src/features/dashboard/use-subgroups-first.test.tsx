import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StudyAnalysis } from '../../api/dashboard-analysis.ts';
import { analysisFromStudy, loadReferenceStudy } from './dashboard-test-fixture.ts';
import { inProcessSubgroupWorker } from './in-process-subgroup-worker.ts';
import { createSubgroupPreparation } from './subgroup-preparation.ts';
import { preparedKeys } from './subgroup-worker-protocol.ts';
import { createSubgroupCache } from './survival-figures.ts';
import { useSubgroupsFirst } from './use-subgroups-first.ts';

const analysis = analysisFromStudy(loadReferenceStudy());

function preparing() {
  const inProcess = inProcessSubgroupWorker();
  const preparation = createSubgroupPreparation(() => inProcess.worker);
  preparation.prepare(analysis.patients, analysis.results.conventions, preparedKeys);
  return { preparation, runOne: () => act(inProcess.runOne), runAll: () => act(inProcess.runAll) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('useSubgroupsFirst (the first render waits briefly for the subgroup worker)', () => {
  it('lets the page render at once without a worker', () => {
    const preparation = createSubgroupPreparation(() => null);
    preparation.prepare(analysis.patients, analysis.results.conventions, preparedKeys);
    const { result } = renderHook(() => useSubgroupsFirst(preparation, analysis, undefined));
    expect(result.current).toBe(true);
  });

  it('waits until the worker has delivered every subgroup, drawing all patients meanwhile', async () => {
    const { preparation, runOne, runAll } = preparing();
    const cache = createSubgroupCache(analysis.results, analysis.patients);
    const { result } = renderHook(() => useSubgroupsFirst(preparation, analysis, cache, 60_000));
    expect(result.current).toBe(false);
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(cache.has('all')).toBe(true);
    runOne();
    expect(preparation.delivered(analysis.patients)).toHaveLength(1);
    expect(result.current).toBe(false);
    runAll();
    expect(preparation.delivered(analysis.patients)).toHaveLength(preparedKeys.length);
    expect(result.current).toBe(true);
  });

  it('stops waiting after the wait time, whatever the worker has done', () => {
    vi.useFakeTimers();
    const { preparation } = preparing();
    const { result } = renderHook(() => useSubgroupsFirst(preparation, analysis, undefined, 450));
    act(() => vi.advanceTimersByTime(449));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);
  });

  it('does not hold back a later analysis (a refetch replaces the page at once)', () => {
    vi.useFakeTimers();
    const { preparation } = preparing();
    const { result, rerender } = renderHook(
      ({ current }: { current: StudyAnalysis }) => useSubgroupsFirst(preparation, current, undefined, 450),
      { initialProps: { current: analysis } },
    );
    act(() => vi.advanceTimersByTime(450));
    expect(result.current).toBe(true);
    const refetched = analysisFromStudy(loadReferenceStudy());
    preparation.prepare(refetched.patients, refetched.results.conventions, preparedKeys);
    rerender({ current: refetched });
    expect(result.current).toBe(true);
  });
});
