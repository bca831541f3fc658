import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Activity, trackActivity, whenQuiet } from './when-quiet.ts';

/** A page of its own per test: its input is what the scheduler watches. */
let page: EventTarget;
let activity: Activity;

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'requestIdleCallback', 'cancelIdleCallback', 'performance'],
  });
  page = new EventTarget();
  activity = trackActivity(page);
});

afterEach(() => {
  activity.stop();
  vi.useRealTimers();
});

function moveThePointer(): void {
  page.dispatchEvent(new Event('pointermove'));
}

describe('whenQuiet (work that waits until nobody is using the page)', () => {
  it('runs in an idle period once the page has had no input for the quiet time', () => {
    const callback = vi.fn();
    whenQuiet(callback, { quietMs: 500, activity });
    vi.advanceTimersByTime(499);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    vi.runOnlyPendingTimers();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('waits for the quiet time again after each input, pointer moves included', () => {
    const callback = vi.fn();
    whenQuiet(callback, { quietMs: 500, activity });
    vi.advanceTimersByTime(400);
    moveThePointer();
    vi.advanceTimersByTime(450);
    expect(callback).not.toHaveBeenCalled();
    page.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(499);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    vi.runOnlyPendingTimers();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('counts the quiet time from notBefore at the earliest', () => {
    const callback = vi.fn();
    const shownAt = performance.now();
    vi.advanceTimersByTime(300);
    whenQuiet(callback, { quietMs: 500, notBefore: shownAt, activity });
    vi.advanceTimersByTime(199);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    vi.runOnlyPendingTimers();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs at the latest after the timeout, even on a page in constant use', () => {
    const callback = vi.fn();
    whenQuiet(callback, { quietMs: 500, timeoutMs: 3000, activity });
    for (let elapsed = 0; elapsed < 2900; elapsed += 100) {
      moveThePointer();
      vi.advanceTimersByTime(100);
    }
    expect(callback).not.toHaveBeenCalled();
    moveThePointer();
    vi.advanceTimersByTime(100);
    vi.runOnlyPendingTimers();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('stops counting input once the tracker is stopped', () => {
    const callback = vi.fn();
    activity.stop();
    whenQuiet(callback, { quietMs: 500, activity });
    vi.advanceTimersByTime(400);
    moveThePointer();
    vi.advanceTimersByTime(100);
    vi.runOnlyPendingTimers();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', () => {
    const callback = vi.fn();
    const cancel = whenQuiet(callback, { quietMs: 500, activity });
    vi.advanceTimersByTime(100);
    cancel();
    vi.advanceTimersByTime(5000);
    vi.runOnlyPendingTimers();
    expect(callback).not.toHaveBeenCalled();
  });
});
