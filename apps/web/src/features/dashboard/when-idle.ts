/**
 * Runs `callback` in the browser's next idle period (or after `timeoutMs` at the latest, so a page that
 * is never idle still gets there); returns a cancel function. Without `requestIdleCallback` (happy-dom,
 * older Safari) after 50 ms.
 */
export function whenIdle(callback: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(callback, 50);
  return () => clearTimeout(handle);
}
