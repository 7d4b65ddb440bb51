import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@carnet/store';
import { stageHistory, timeInStages } from '../../../src/lib/deals/index.ts';
import { memoryStore, testClock } from '../../helpers/store.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function entry(at: number | null, by: string, changes: HistoryEntry['changes'], kind: HistoryEntry['kind'] = 'edited'): HistoryEntry {
  return { kind, at, by, device: null, changes };
}

describe('stage history', () => {
  it('lists each stage entered, by whom and when, with the time spent in it (the current one until now)', () => {
    // Newest first, as the store returns history.
    const entries = [
      entry(T0 + 50 * H, 'bob', [{ field: 'stageId', before: 'demo', after: 'proposal' }]),
      entry(T0 + 30 * H, 'ana', [{ field: 'amount', before: 1, after: 2 }]),
      entry(T0 + 10 * H, 'bob', [{ field: 'stageId', before: 'qualified', after: 'demo' }, { field: 'probability', before: 10, after: 40 }]),
      entry(T0, 'ana', [{ field: 'title', before: undefined, after: 'Renewal' }, { field: 'stageId', before: undefined, after: 'qualified' }], 'created'),
    ];
    expect(stageHistory(entries, T0 + 60 * H)).toEqual([
      { stageId: 'qualified', enteredAt: T0, by: 'ana', leftAt: T0 + 10 * H, durationMs: 10 * H },
      { stageId: 'demo', enteredAt: T0 + 10 * H, by: 'bob', leftAt: T0 + 50 * H, durationMs: 40 * H },
      { stageId: 'proposal', enteredAt: T0 + 50 * H, by: 'bob', leftAt: null, durationMs: 10 * H },
    ]);
  });

  it('adds up the visits of a stage the deal came back to', () => {
    const spans = stageHistory(
      [
        entry(T0 + 6 * H, 'ana', [{ field: 'stageId', before: 'demo', after: 'qualified' }]),
        entry(T0 + 4 * H, 'ana', [{ field: 'stageId', before: 'qualified', after: 'demo' }]),
        entry(T0, 'ana', [{ field: 'stageId', before: undefined, after: 'qualified' }], 'created'),
      ],
      T0 + 7 * H,
    );
    expect(spans.map((s) => s.stageId)).toEqual(['qualified', 'demo', 'qualified']);
    expect(timeInStages(spans)).toEqual(new Map([['qualified', 5 * H], ['demo', 2 * H]]));
  });

  it('skips a stage-less start and leaves durations unknown when an edit has no time', () => {
    const spans = stageHistory(
      [
        entry(null, 'yjs', [{ field: 'stageId', before: 'demo', after: 'won' }]),
        entry(T0 + H, 'ana', [{ field: 'stageId', before: null, after: 'demo' }]),
        entry(T0, 'ana', [{ field: 'stageId', before: undefined, after: null }], 'created'),
      ],
      T0 + 2 * H,
    );
    expect(spans).toEqual([
      { stageId: 'demo', enteredAt: T0 + H, by: 'ana', leftAt: null, durationMs: null },
      { stageId: 'won', enteredAt: null, by: 'yjs', leftAt: null, durationMs: null },
    ]);
  });

  it("reads the moves of two people from a real store's history", async () => {
    const clock = testClock(T0);
    const store = await memoryStore({ now: clock.now, userId: 'anaaaaaaaaaaaaaa' });
    const row = await store.create('deals', { title: 'Renewal', stageId: 'qualified', pipelineId: 'sales' });
    clock.advance(2 * H);
    await store.update('deals', row.id, { stageId: 'demo' });
    clock.advance(H);
    await store.update('deals', row.id, { amount: 5 });
    clock.advance(3 * H);
    await store.update('deals', row.id, { stageId: 'won' });
    clock.advance(H);
    const spans = stageHistory(await store.history('deals', row.id), clock.now());
    expect(spans.map((s) => [s.stageId, s.by, s.durationMs])).toEqual([
      ['qualified', 'anaaaaaaaaaaaaaa', 2 * H],
      ['demo', 'anaaaaaaaaaaaaaa', 4 * H],
      ['won', 'anaaaaaaaaaaaaaa', H],
    ]);
  });
});

describe('durations', () => {
  it('uses the largest whole unit, in English and French', async () => {
    const { durationUnit, formatDuration } = await import('../../../src/lib/deals/index.ts');
    expect(durationUnit(3 * 86_400_000 + 5 * H)).toEqual({ value: 3, unit: 'day' });
    expect(durationUnit(5 * H + 59 * 60_000)).toEqual({ value: 5, unit: 'hour' });
    expect(durationUnit(59_000)).toEqual({ value: 0, unit: 'minute' });
    expect(formatDuration('en-US', 2 * 86_400_000)).toBe('2 days');
    expect(formatDuration('fr-FR', H)).toMatch(/^1\sheure$/);
  });
});
