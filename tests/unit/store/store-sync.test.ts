import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { isStoreError, MemoryPersistence, Store, StoreErrorCode } from '@carnet/store';
import { deliver, memoryStore } from '../../helpers/store.ts';

describe('remote updates', () => {
  it('applies a teammate\'s edits to rows for docs that are not in memory', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore({ maxCachedDocs: 1 });
    const rows = await ana.createMany('contacts', Array.from({ length: 30 }, (_, i) => ({ firstName: `P${i}` })));
    await deliver(ana, [bob]);
    await ana.updateMany('contacts', rows.map((r) => r.id), { city: 'Rennes' });
    await deliver(ana, [bob]);
    expect((await bob.query('contacts', { where: [{ field: 'city', op: 'eq', value: 'Rennes' }] })).total).toBe(30);
    expect(await bob.outboxCount()).toBe(0);
  });

  it('merges concurrent edits of different fields of one record', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    const row = await ana.create('deals', { title: 'Renewal', amount: 100 });
    await deliver(ana, [bob]);
    await ana.update('deals', row.id, { amount: 900 });
    await bob.update('deals', row.id, { stageId: 'proposal', title: 'Renewal 2027' });
    await deliver(ana, [bob]);
    await deliver(bob, [ana]);
    const [a, b] = [await ana.get('deals', row.id), await bob.get('deals', row.id)];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ amount: 900, stageId: 'proposal', title: 'Renewal 2027' });
  });

  it('keeps an update that arrives before the one it depends on, and applies both once complete', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    const row = await ana.create('contacts', { firstName: 'Ana' });
    await ana.update('contacts', row.id, { city: 'Caen' });
    const [create, edit] = await ana.outbox();
    await bob.applyRemote(edit.docId, edit.update);
    expect(await bob.get('contacts', row.id)).toBeUndefined();
    await bob.applyRemote(create.docId, create.update);
    expect(await bob.get('contacts', row.id)).toMatchObject({ firstName: 'Ana', city: 'Caen' });
  });

  it('converges when every update of a record arrives in reverse, each through a reload from storage', async () => {
    const writers = [await memoryStore(), await memoryStore(), await memoryStore()];
    const row = await writers[0].create('activities', { type: 'task', subject: 'S0' });
    const updates: { docId: string; update: Uint8Array }[] = [];
    const collect = async (from: (typeof writers)[number]) => {
      const entries = await from.outbox(1000);
      updates.push(...entries.map((e) => ({ docId: e.docId, update: e.update })));
      await from.ack(entries.map((e) => e.id));
      return entries;
    };
    await collect(writers[0]);
    for (const w of writers.slice(1)) await w.applyRemoteBatch(updates);
    for (let round = 0; round < 6; round++) {
      for (const [i, w] of writers.entries()) {
        await w.update('activities', row.id, { subject: `S${round}-${i}`, done: round % 2 === 0, durationMin: round * 10 + i });
        const sent = await collect(w);
        // Partial gossip: the next writer hears about it, the third does not yet.
        await writers[(i + 1) % 3].applyRemoteBatch(sent.map((e) => ({ docId: e.docId, update: e.update })));
      }
    }
    const inOrder = await memoryStore();
    await inOrder.applyRemoteBatch(updates);
    const reversed = await memoryStore({ maxCachedDocs: 0 });
    for (const u of [...updates].reverse()) await reversed.applyRemote(u.docId, u.update);
    expect(await reversed.get('activities', row.id)).toEqual(await inOrder.get('activities', row.id));
    expect((await inOrder.get('activities', row.id))!.subject).toMatch(/^S5-/);
  });

  it('stores the sync cursor in the same commit as the updates it stands for', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    await ana.createMany('contacts', [{ firstName: 'A' }, { firstName: 'B' }]);
    const entries = await ana.outbox();
    const full = new Error('disk full');
    full.name = 'QuotaExceededError';
    bob.mem.failNextCommit = full;
    await expect(bob.applyRemoteBatch(entries, { meta: [{ key: 'sync.lastSeq', value: 2 }] })).rejects.toMatchObject({ code: 'storage_full' });
    expect(await bob.getMeta('sync.lastSeq')).toBeUndefined();
    expect(await bob.count('contacts')).toBe(0);
    await bob.applyRemoteBatch(entries, { meta: [{ key: 'sync.lastSeq', value: 2 }] });
    expect(await bob.getMeta('sync.lastSeq')).toBe(2);
    expect(await bob.count('contacts')).toBe(2);
    await bob.applyRemoteBatch([], { meta: [{ key: 'sync.lastSeq', value: 3 }] });
    expect(await bob.getMeta('sync.lastSeq')).toBe(3);
  });

  it('stores the slices of a big batch before a failed commit, and nothing of the slices after it, in memory or in storage', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    const rows = await ana.createMany('contacts', Array.from({ length: 2_500 }, (_, i) => ({ firstName: `P${i}` })));
    await deliver(ana, [bob]);
    // Bob has docs of the second (failing) and third slices in memory, with changes of his own.
    const held = [rows[1_500].id, rows[2_200].id];
    for (const id of held) await bob.update('contacts', id, { title: 'Buyer' });
    await ana.updateMany('contacts', rows.map((r) => r.id), { city: 'Rennes' });
    const entries = await ana.outbox(10_000);
    const commit = bob.mem.commit.bind(bob.mem);
    let calls = 0;
    bob.mem.commit = (c) => {
      if (++calls === 2) bob.mem.failNextCommit = new Error('disk gone');
      return commit(c);
    };
    await expect(bob.applyRemoteBatch(entries, { meta: [{ key: 'sync.lastSeq', value: 9 }] })).rejects.toMatchObject({ code: 'storage_failed' });
    expect(calls).toBe(2);
    const rennes = () => bob.query('contacts', { where: [{ field: 'city', op: 'eq', value: 'Rennes' }], total: true });
    expect((await rennes()).total).toBe(1_000);
    expect(await bob.getMeta('sync.lastSeq')).toBeUndefined();
    // The held docs were changed in memory by the failed slice or prepared on top of it: their
    // next write must not carry the change.
    for (const id of held) {
      await bob.update('contacts', id, { lastName: 'Kept' });
      expect(await bob.get('contacts', id)).toMatchObject({ title: 'Buyer', lastName: 'Kept', city: null });
    }
    bob.mem.commit = commit;
    expect(await bob.applyRemoteBatch(entries, { meta: [{ key: 'sync.lastSeq', value: 9 }] })).toEqual({ applied: 2_500, rejected: [] });
    expect((await rennes()).total).toBe(2_500);
    for (const id of held) expect(await bob.get('contacts', id)).toMatchObject({ title: 'Buyer', lastName: 'Kept', city: 'Rennes' });
    expect(await bob.getMeta('sync.lastSeq')).toBe(9);
  });

  it('gives the page turns while it checks a big batch, before it reads any stored doc', async () => {
    const ana = await memoryStore();
    const rows = await ana.createMany('contacts', Array.from({ length: 300 }, (_, i) => ({ firstName: `P${i}` })));
    const entries = await ana.outbox(1_000);
    const persistence = new MemoryPersistence();
    const events: string[] = [];
    const getDocStates = persistence.getDocStates.bind(persistence);
    persistence.getDocStates = (ids) => {
      events.push('read');
      return getDocStates(ids);
    };
    const bob = await Store.open({ persistence, actor: { userId: 'bob000001', deviceId: 'd' }, yieldToHost: async () => void events.push('turn') });
    events.length = 0;
    // Each check of an update is made to take a millisecond: a slice holds a few of them.
    let clock = 0;
    const nowSpy = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      expect(await bob.applyRemoteBatch(entries.map((e) => ({ docId: e.docId, update: e.update })))).toEqual({ applied: 300, rejected: [] });
    } finally {
      nowSpy.mockRestore();
    }
    const firstRead = events.indexOf('read');
    expect(firstRead).toBeGreaterThan(0);
    expect(events.slice(0, firstRead).filter((e) => e === 'turn').length).toBeGreaterThanOrEqual(300 / 10);
    expect((await bob.query('contacts', { total: true })).total).toBe(rows.length);
  });

  it('refuses malformed update bytes with a typed error and writes nothing', async () => {
    const store = await memoryStore();
    const row = await store.create('contacts', { firstName: 'Ana' });
    const before = await store.docState(`contacts/${row.id}`);
    for (const bytes of [new Uint8Array([1, 2, 3, 250, 255, 7]), new Uint8Array(0), new Uint8Array([0])]) {
      const error = await store.applyRemote(`contacts/${row.id}`, bytes).catch((e) => e);
      expect(isStoreError(error, StoreErrorCode.BadUpdate)).toBe(true);
    }
    const valid = Y.encodeStateAsUpdate(new Y.Doc());
    const error = await store.applyRemote('contacts/../../etc', valid).catch((e) => e);
    expect(isStoreError(error, StoreErrorCode.BadDocId)).toBe(true);
    expect(await store.docState(`contacts/${row.id}`)).toEqual(before);
    expect(await store.get('contacts', row.id)).toMatchObject({ firstName: 'Ana' });
    // The store keeps working.
    expect((await store.update('contacts', row.id, { city: 'Metz' })).city).toBe('Metz');
  });

  it('refuses a truncated update but applies the good ones of the same batch', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    await ana.createMany('contacts', [{ firstName: 'A' }, { firstName: 'B' }]);
    const [first, second] = await ana.outbox();
    const result = await bob.applyRemoteBatch([
      { docId: first.docId, update: first.update.slice(0, first.update.length - 5) },
      { docId: second.docId, update: second.update },
    ]);
    expect(result.applied).toBe(1);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ docId: first.docId, code: 'bad_update' });
    expect(await bob.count('contacts')).toBe(1);
  });

  it('applying the same update twice changes nothing the second time', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    const row = await ana.create('contacts', { firstName: 'Ana' });
    const [entry] = await ana.outbox();
    await bob.applyRemote(entry.docId, entry.update);
    const events: unknown[] = [];
    bob.subscribe((e) => events.push(e));
    await bob.applyRemote(entry.docId, entry.update);
    expect(events).toEqual([]);
    expect(await bob.get('contacts', row.id)).toEqual(await ana.get('contacts', row.id));
  });

  it('syncs the workspace doc: a custom field defined by one peer validates on the other', async () => {
    const admin = await memoryStore();
    const rep = await memoryStore();
    await admin.updateWorkspace({
      type: 'putCustomField',
      def: { key: 'arr', collection: 'deals', label: 'ARR', kind: 'currency', required: false, order: 0 },
    });
    await deliver(admin, [rep]);
    expect(rep.customFields('deals').map((d) => d.key)).toEqual(['arr']);
    await expect(rep.create('deals', { title: 'X', cf_arr: 'lots' })).rejects.toMatchObject({ issues: [{ field: 'cf_arr', code: 'type' }] });
    expect((await rep.create('deals', { title: 'X', cf_arr: 12000 })).cf_arr).toBe(12000);
  });

  it('shares a saved view through the workspace doc, removes it, and refuses a nameless one', async () => {
    const admin = await memoryStore();
    const rep = await memoryStore();
    const view = {
      id: 'hot1', collection: 'contacts' as const, name: '  Hot leads ', ownerId: 'u1', updatedAt: 5,
      setup: { filters: [{ field: 'leadScore', op: 'gte', value: 80 }], sort: [], q: '', columns: [] },
    };
    await admin.updateWorkspace({ type: 'putView', view });
    await admin.updateWorkspace({ type: 'putView', view: { ...view, id: 'deals1', collection: 'deals', name: 'Big deals' } });
    await deliver(admin, [rep]);
    expect(rep.savedViews('contacts')).toEqual([{ ...view, name: 'Hot leads' }]);
    expect(rep.savedViews().map((v) => v.name)).toEqual(['Big deals', 'Hot leads']);
    const refused = await admin.updateWorkspace({ type: 'putView', view: { ...view, id: 'x2', name: ' ' } }).catch((e) => e);
    expect(refused).toMatchObject({ issues: [{ field: 'name', code: 'required' }] });
    await admin.updateWorkspace({ type: 'removeView', id: 'hot1' });
    await deliver(admin, [rep]);
    expect(rep.savedViews('contacts')).toEqual([]);
  });

  it('shares dashboards and goals through the workspace doc, each kind in its own map', async () => {
    const admin = await memoryStore();
    const rep = await memoryStore();
    const dashboard = { id: 'team', ownerId: 'u1', updatedAt: 1, setup: { version: 1, widgets: [] } };
    const goal = { id: 'g1', ownerId: 'u1', updatedAt: 2, setup: { metric: 'amount', target: 50000 } };
    await admin.updateWorkspace({ type: 'putShared', kind: 'dashboards', item: dashboard }, { type: 'putShared', kind: 'goals', item: goal });
    await deliver(admin, [rep]);
    expect(rep.sharedReportItems('dashboards')).toEqual([dashboard]);
    expect(rep.sharedReportItems('goals')).toEqual([goal]);
    const refused = await admin.updateWorkspace({ type: 'putShared', kind: 'goals', item: { ...goal, id: 'bad id!' } }).catch((e) => e);
    expect(refused).toMatchObject({ issues: [{ field: 'id', code: 'invalid_id' }] });
    await admin.updateWorkspace({ type: 'removeShared', kind: 'goals', id: 'g1' });
    await deliver(admin, [rep]);
    expect(rep.sharedReportItems('goals')).toEqual([]);
    expect(rep.sharedReportItems('dashboards')).toEqual([dashboard]);
  });

  it('refuses an invalid pipeline and leaves the workspace unchanged', async () => {
    const store = await memoryStore();
    const error = await store
      .updateWorkspace({ type: 'putPipeline', pipeline: { id: 'p', name: 'P', order: 0, stages: [{ id: 'a', name: 'A', probability: 150, kind: 'open' }] } })
      .catch((e) => e);
    expect(isStoreError(error, StoreErrorCode.Invalid)).toBe(true);
    expect(store.pipelines()).toEqual([]);
    expect(await store.outboxCount()).toBe(0);
  });
});

describe('collaborative text editors', () => {
  it('saves, stamps and queues what an editor binding types', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    const row = await ana.create('deals', { title: 'Deal', description: 'Scope: CRM' });
    await deliver(ana, [bob]);
    const { doc, release } = await ana.openDoc('deals', row.id);
    const text = doc.getMap('fields').get('description') as Y.Text;
    text.insert(text.length, ' and email');
    await ana.flush();
    expect((await ana.get('deals', row.id))!.description).toBe('Scope: CRM and email');
    await deliver(ana, [bob]);
    expect((await bob.get('deals', row.id))!.description).toBe('Scope: CRM and email');
    release();
  });

  it('keeps an editor\'s doc open even when the store keeps no other doc in memory', async () => {
    const store = await memoryStore({ maxCachedDocs: 0 });
    const row = await store.create('contacts', { firstName: 'X', notes: 'abc' });
    const { doc, release } = await store.openDoc('contacts', row.id);
    await store.createMany('contacts', [{ firstName: 'Y' }, { firstName: 'Z' }]);
    (doc.getMap('fields').get('notes') as Y.Text).insert(3, 'd');
    await store.flush();
    expect((await store.get('contacts', row.id))!.notes).toBe('abcd');
    release();
    await expect(store.openDoc('contacts', 'zzzzzzzzzzzzzzzz')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('merges text typed concurrently by two editors', async () => {
    const ana = await memoryStore();
    const bob = await memoryStore();
    const row = await ana.create('contacts', { firstName: 'X', notes: 'hello world' });
    await deliver(ana, [bob]);
    const a = await ana.openDoc('contacts', row.id);
    const b = await bob.openDoc('contacts', row.id);
    (a.doc.getMap('fields').get('notes') as Y.Text).insert(0, 'Ana: ');
    (b.doc.getMap('fields').get('notes') as Y.Text).insert(11, '!');
    await ana.flush();
    await bob.flush();
    await deliver(ana, [bob]);
    await deliver(bob, [ana]);
    expect((await ana.get('contacts', row.id))!.notes).toBe('Ana: hello world!');
    expect((await bob.get('contacts', row.id))!.notes).toBe('Ana: hello world!');
    a.release();
    b.release();
  });
});
