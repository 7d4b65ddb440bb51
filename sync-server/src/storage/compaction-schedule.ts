// Runs compaction of every workspace on a timer (interval and timers passed in). One run at a
// time: a tick that arrives while the previous run is still going is skipped.
import type { RelayStorage } from './relay-storage.ts';

export interface CompactionTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface CompactionScheduleOptions {
  storage: RelayStorage;
  intervalMs: number;
  /** Newest log entries kept per workspace for catch-up. */
  keepTail: number;
  chunkSize?: number;
  timers?: CompactionTimers;
  onCompacted?: (workspaceId: string, mergedEntries: number) => void;
  onError?: (error: unknown) => void;
}

export interface CompactionSchedule {
  /** Compacts every workspace now; resolves when done (at once if a run is in progress). */
  runNow(): Promise<void>;
  stop(): void;
}

/** Keep this many entries by default: a day of a busy 20-rep team, a few MB. */
export const DEFAULT_KEEP_TAIL = 10_000;

const defaultTimers: CompactionTimers = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function startCompactionSchedule(options: CompactionScheduleOptions): CompactionSchedule {
  const timers = options.timers ?? defaultTimers;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function compactAll(): Promise<void> {
    for (const workspaceId of await options.storage.workspaceIds()) {
      if (stopped) return;
      try {
        const result = await options.storage.compact(workspaceId, { keepTail: options.keepTail, chunkSize: options.chunkSize });
        if (result.mergedEntries > 0) options.onCompacted?.(workspaceId, result.mergedEntries);
      } catch (error) {
        options.onError?.(error);
      }
    }
  }

  function runNow(): Promise<void> {
    if (stopped || running) return running ?? Promise.resolve();
    running = compactAll()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
    return running;
  }

  const handle = timers.setInterval(() => void runNow(), options.intervalMs);
  return {
    runNow,
    stop() {
      stopped = true;
      timers.clearInterval(handle);
    },
  };
}
