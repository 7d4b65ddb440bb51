import { describe, expect, it } from 'vitest';
import { deliver, memoryStore, testClock } from '../../helpers/store.ts';

describe('undo and redo', () => {
  it('undoes and redoes a field edit', async () => {
    const store = await memoryStore();
    const row = await store.create('contacts', { firstName: 'Ana', city: 'Lyon' });
    await store.update('contacts', row.id, { city: 'Nice' });
    expect(await store.undo()).toBe(true);
    expect((await store.get('contacts', row.id))!.city).toBe('Lyon');
    expect(await store.redo()).toBe(true);
    expect((await store.get('contacts', row.id))!.city).toBe('Nice');
  });

  it('undoes a create by deleting and a delete by restoring', async () => {
    const store = await memoryStore();
    const row = await store.create('deals', { title: 'Big one', amount: 1000 });
    await store.undo();
    expect((await store.get('deals', row.id))!.deletedAt).not.toBeNull();
    await store.redo();
    expect((await store.get('deals', row.id))!.deletedAt).toBeNull();
    await store.delete('deals', row.id);
    await store.undo();
    expect((await store.get('deals', row.id))!.deletedAt).toBeNull();
  });

  it('undoes a bulk edit of many records as one step', async () => {
    const store = await memoryStore();
    const rows = await store.createMany('contacts', Array.from({ length: 50 }, (_, i) => ({ firstName: `P${i}`, tags: ['old'] })));
    await store.updateMany('contacts', rows.map((r) => r.id), { tags: ['new'] });
    expect((await store.query('contacts', { where: [{ field: 'tags', op: 'has', value: 'new' }] })).total).toBe(50);
    await store.undo();
    expect((await store.query('contacts', { where: [{ field: 'tags', op: 'has', value: 'old' }] })).total).toBe(50);
  });

  it("never overwrites a teammate's later change when undoing", async () => {
    const mine = await memoryStore();
    const theirs = await memoryStore();
    const row = await mine.create('contacts', { firstName: 'Ana', city: 'Lyon', title: 'CTO' });
    await deliver(mine, [theirs]);
    await mine.update('contacts', row.id, { city: 'Nice', title: 'CEO' });
    await deliver(mine, [theirs]);
    await theirs.update('contacts', row.id, { city: 'Brest' });
    await deliver(theirs, [mine]);
    await mine.undo();
    const after = (await mine.get('contacts', row.id))!;
    expect(after.city).toBe('Brest');
    expect(after.title).toBe('CTO');
  });

  it('has nothing to undo in a fresh store', async () => {
    const store = await memoryStore();
    expect(store.canUndo).toBe(false);
    expect(await store.undo()).toBe(false);
    expect(await store.redo()).toBe(false);
  });
});

describe('history', () => {
  it('lists who changed which field when, old to new, newest first', async () => {
    const clock = testClock();
    const ana = await memoryStore({ now: clock.now, userId: 'anaaaaaaaaaaaaaa' });
    const bob = await memoryStore({ now: clock.now, userId: 'bobbbbbbbbbbbbbb' });
    const row = await ana.create('deals', { title: 'Renewal', amount: 1000 });
    await deliver(ana, [bob]);
    clock.advance(1000);
    await bob.update('deals', row.id, { amount: 1500, stageId: 'proposal' });
    await deliver(bob, [ana]);
    clock.advance(1000);
    await ana.update('deals', row.id, { amount: 1200 });
    await ana.delete('deals', row.id);
    const history = await ana.history('deals', row.id);
    expect(history.map((h) => [h.kind, h.by])).toEqual([
      ['deleted', 'anaaaaaaaaaaaaaa'],
      ['edited', 'anaaaaaaaaaaaaaa'],
      ['edited', 'bobbbbbbbbbbbbbb'],
      ['created', 'anaaaaaaaaaaaaaa'],
    ]);
    expect(history[1].changes).toEqual([{ field: 'amount', before: 1500, after: 1200 }]);
    expect(history[2].changes).toContainEqual({ field: 'amount', before: 1000, after: 1500 });
    expect(history[2].changes).toContainEqual({ field: 'stageId', before: null, after: 'proposal' });
    expect(history[2].at).toBe(history[3].at! + 1000);
    expect(history[3].changes).toContainEqual({ field: 'title', before: undefined, after: 'Renewal' });
  });

  it('attributes text typed into a collaborative field', async () => {
    const store = await memoryStore({ userId: 'writerrrrrrrrrrr' });
    const row = await store.create('contacts', { firstName: 'Ana', notes: 'Met at the fair.' });
    await store.update('contacts', row.id, { notes: 'Met at the fair. Wants a demo.' });
    const [latest] = await store.history('contacts', row.id);
    expect(latest.changes).toEqual([{ field: 'notes', before: undefined, after: ' Wants a demo.', text: true }]);
    expect((await store.get('contacts', row.id))!.notes).toBe('Met at the fair. Wants a demo.');
  });
});
