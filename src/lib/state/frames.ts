// The next frame, for work that should happen at most once a frame or after a paint. In a
// hidden tab frames do not run, so a short timer stands in for them.

/** Calls `callback` before the next frame (or soon, in a hidden tab). */
export function nextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
}

/** Resolves once the next frame is painted (or soon, in a hidden tab). */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => nextFrame(() => setTimeout(resolve, 0)));
}
