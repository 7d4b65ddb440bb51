// A turn for the browser between two slices of long work (an import's batches): input and
// painting go first. `scheduler.yield()` where the browser has it (it resumes ahead of other
// tasks), a macrotask otherwise.
interface Scheduler {
  yield(): Promise<void>;
}

export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
