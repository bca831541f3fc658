/**
 * Work that can wait for a person: it runs in an idle period once the page has had no input for a
 * while. Pointer moves count: a hand on its way to a control is about to use the page. The dashboard
 * puts its sections below the fold in this way, so their commits do not land on the clicks of someone
 * who has just started using the page (issue 6 item 8).
 */
import { whenIdle } from './when-idle.ts';

/** Input that shows someone is using the page. */
const activityEvents = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** When input last came, in ms since the time origin (−∞ before any). */
export interface Activity {
  readonly lastInputAt: () => number;
  readonly stop: () => void;
}

/** Notes the input reaching `target` (capture listeners, passive). */
export function trackActivity(target: EventTarget): Activity {
  let last = Number.NEGATIVE_INFINITY;
  const note = () => {
    last = performance.now();
  };
  for (const type of activityEvents) target.addEventListener(type, note, { capture: true, passive: true });
  return {
    lastInputAt: () => last,
    stop: () => {
      for (const type of activityEvents) target.removeEventListener(type, note, { capture: true });
    },
  };
}

let pageActivity: Activity | null = null;

/** The page's input, tracked from the first use on (never stopped). */
function activityOfPage(): Activity | null {
  if (pageActivity === null && typeof window !== 'undefined') pageActivity = trackActivity(window);
  return pageActivity;
}

export interface QuietOptions {
  /** How long the page must have had no input (default 500 ms). */
  readonly quietMs?: number;
  /** Quiet is counted from here at the earliest (ms since the time origin; default: when scheduled). */
  readonly notBefore?: number;
  /** At the latest this long after being scheduled, input or not (default 3000 ms). */
  readonly timeoutMs?: number;
  /** Whose input counts (default: the page's, on the window). */
  readonly activity?: Activity;
}

/**
 * Runs `callback` in the first idle period after the page has had no input for `quietMs`, counted from
 * `notBefore` at the earliest, or `timeoutMs` after this call whatever happens. Returns a cancel function.
 */
export function whenQuiet(callback: () => void, options: QuietOptions = {}): () => void {
  const activity = options.activity ?? activityOfPage();
  const now = () => performance.now();
  const quietMs = options.quietMs ?? 500;
  const scheduledAt = now();
  const deadline = scheduledAt + (options.timeoutMs ?? 3000);
  const notBefore = options.notBefore ?? scheduledAt;
  let cancel: () => void = () => undefined;
  const check = () => {
    const at = now();
    const quietUntil = Math.max(activity?.lastInputAt() ?? Number.NEGATIVE_INFINITY, notBefore) + quietMs;
    if (at >= quietUntil || at >= deadline) {
      cancel = whenIdle(callback, 500);
      return;
    }
    const handle = setTimeout(check, Math.max(1, Math.min(quietUntil, deadline) - at));
    cancel = () => clearTimeout(handle);
  };
  check();
  return () => cancel();
}
