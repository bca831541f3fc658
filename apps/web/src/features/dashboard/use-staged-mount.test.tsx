import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useStagedMount } from './use-staged-mount.ts';

/** A scheduler the test runs by hand: what is waiting, and how many were cancelled. */
function manualSchedule() {
  const waiting: Array<() => void> = [];
  let cancelled = 0;
  const schedule = (callback: () => void) => {
    waiting.push(callback);
    return () => {
      const index = waiting.indexOf(callback);
      if (index !== -1) waiting.splice(index, 1);
      cancelled += 1;
    };
  };
  return {
    schedule,
    waiting,
    cancelled: () => cancelled,
    runOne: () => act(() => waiting.shift()?.()),
  };
}

describe('useStagedMount', () => {
  it('mounts nothing on the first render, then one more stage per scheduled period', () => {
    const manual = manualSchedule();
    const { result } = renderHook(() => useStagedMount(3, manual.schedule));
    expect(result.current).toBe(0);
    // One stage waits at a time: the next is scheduled only once the previous one is in the page.
    expect(manual.waiting).toHaveLength(1);
    manual.runOne();
    expect(result.current).toBe(1);
    expect(manual.waiting).toHaveLength(1);
    manual.runOne();
    manual.runOne();
    expect(result.current).toBe(3);
    expect(manual.waiting).toHaveLength(0);
  });

  it('stops scheduling when unmounted before every stage is in', () => {
    const manual = manualSchedule();
    const { unmount } = renderHook(() => useStagedMount(4, manual.schedule));
    manual.runOne();
    unmount();
    expect(manual.waiting).toHaveLength(0);
    expect(manual.cancelled()).toBeGreaterThanOrEqual(1);
  });

  it('schedules nothing when there are no stages', () => {
    const manual = manualSchedule();
    const { result } = renderHook(() => useStagedMount(0, manual.schedule));
    expect(result.current).toBe(0);
    expect(manual.waiting).toHaveLength(0);
  });
});
