// The cache of activities mentioning a user: found on the first read, then kept current by
// reading only rows written since, through a real in-memory store.
import { describe, expect, it } from 'vitest';
import { mentionedKey, readMentioned, type MentionedCache } from '../../../src/lib/activities/mentioned.ts';
import { memoryStore, testClock } from '../../helpers/store.ts';

const ME = 'me00000001';
const OTHER = 'other00002';

describe('readMentioned', () => {
  it('finds what mentions the user, then follows later changes from the saved version', async () => {
    const clock = testClock();
    const store = await memoryStore({ userId: OTHER, now: clock.now });
    const a = await store.create('activities', { type: 'note', body: 'hi @[Me](me00000001)', mentions: [ME], ownerId: OTHER });
    await store.create('activities', { type: 'note', body: 'nothing for me', mentions: [], ownerId: OTHER });
    const b = await store.create('activities', { type: 'task', subject: 'for both', mentions: [OTHER, ME], ownerId: OTHER });

    const first = await readMentioned(store, ME, clock.now());
    expect(first.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const saved = await store.persistence.getMeta<MentionedCache>(mentionedKey(ME));
    expect(saved?.ids.sort()).toEqual([a.id, b.id].sort());

    // Since then: one more mention, one mention taken back, one deleted.
    const c = await store.create('activities', { type: 'call', subject: 'new', mentions: [ME], ownerId: OTHER });
    await store.update('activities', a.id, { mentions: [] });
    await store.delete('activities', b.id);

    // Only rows newer than the saved version are read: a spy on rowsSince sees the cursor.
    const cursors: number[] = [];
    const rowsSince = store.persistence.rowsSince.bind(store.persistence);
    store.persistence.rowsSince = (collection, after, limit) => {
      cursors.push(after);
      return rowsSince(collection, after, limit);
    };
    const second = await readMentioned(store, ME, clock.now());
    expect(second.map((r) => r.id)).toEqual([c.id]);
    expect(cursors[0]).toBe(saved?.v);
  });

  it('forgets a mention once it is done and no longer shown, and finds it again if reopened', async () => {
    const clock = testClock();
    const store = await memoryStore({ userId: OTHER, now: clock.now });
    const task = await store.create('activities', { type: 'task', subject: 't', mentions: [ME], ownerId: OTHER });
    await store.update('activities', task.id, { done: true, doneAt: new Date(clock.now()).toISOString() });
    expect((await readMentioned(store, ME, clock.now())).map((r) => r.id)).toEqual([task.id]); // done today: still shown
    clock.advance(3 * 86_400_000);
    expect(await readMentioned(store, ME, clock.now())).toEqual([]);
    expect((await store.persistence.getMeta<MentionedCache>(mentionedKey(ME)))?.ids).toEqual([]);
    await store.update('activities', task.id, { done: false, doneAt: null });
    expect((await readMentioned(store, ME, clock.now())).map((r) => r.id)).toEqual([task.id]);
  });
});
