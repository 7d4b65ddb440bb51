import { describe, expect, it } from 'bun:test';
import { startCompactionSchedule, type CompactionTimers } from '../src/storage/compaction-schedule.ts';
import { createMemoryStorage } from '../src/storage/memory-storage.ts';
import { interleavedUpdates } from './storage-contract.ts';

describe('compaction schedule', () => {
  it('compacts every workspace down to its tail on each tick, one run at a time', async () => {
    const storage = createMemoryStorage();
    await storage.append('ws-a', interleavedUpdates(50, 5));
    await storage.append('ws-b', interleavedUpdates(8, 2));
    let tick: (() => void) | null = null;
    let cleared = false;
    const timers: CompactionTimers = {
      setInterval: (callback) => ((tick = callback), 1),
      clearInterval: () => void (cleared = true),
    };
    const compacted: [string, number][] = [];
    const schedule = startCompactionSchedule({
      storage, intervalMs: 1000, keepTail: 10, chunkSize: 7, timers,
      onCompacted: (workspaceId, merged) => compacted.push([workspaceId, merged]),
    });
    tick!();
    await schedule.runNow(); // joins the run the tick started
    expect(compacted).toEqual([['ws-a', 40]]);
    expect(await storage.oldestSeq('ws-a')).toBe(41);
    expect(await storage.oldestSeq('ws-b')).toBe(1);
    schedule.stop();
    expect(cleared).toBe(true);
  });

  it('reports a failing workspace and goes on with the others', async () => {
    const storage = createMemoryStorage();
    await storage.append('ws-a', interleavedUpdates(5, 1));
    const errors: unknown[] = [];
    const failing = { ...storage, compact: () => Promise.reject(new Error('disk full')) };
    const schedule = startCompactionSchedule({
      storage: failing, intervalMs: 1000, keepTail: 0,
      timers: { setInterval: () => 1, clearInterval: () => {} },
      onError: (error) => errors.push(error),
    });
    await schedule.runNow();
    expect(errors).toEqual([new Error('disk full')]);
    schedule.stop();
  });
});
