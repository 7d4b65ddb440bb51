import { describe, expect, it, vi } from 'vitest';
import { MemoryPersistence, Store } from '@carnet/store';
import { DEFAULT_SNAPSHOT_KEY, SearchIndex, loadSnapshot, openSearch, type SearchSync } from '@carnet/search';

const actor = { userId: 'u000000000000000000001', deviceId: 'device1' };

async function openStore(persistence = new MemoryPersistence()): Promise<Store> {
  return Store.open({ persistence, actor, yieldToHost: async () => {} });
}

function follow(store: Store, options: { saveEvery?: number; onError?: (error: unknown) => void } = {}): Promise<SearchSync> {
  return openSearch({ persistence: store.persistence, subscribe: (listener) => store.subscribe(listener), ...options });
}

/** Every result of a query, as comparable lines. */
function answers(search: { search: SearchIndex['search'] }, query: string): string[] {
  return search.search(query, { limit: 1_000 }).map((r) => `${r.collection}/${r.id} ${r.title} ${r.score.toFixed(9)}`);
}

const QUERIES = ['ada', 'lovelace', 'grace', 'hopper', 'acme', 'renewal', 'call', 'pa', 'g', 'lovelase'];

async function seed(store: Store): Promise<void> {
  await store.createMany('contacts', [
    { firstName: 'Ada', lastName: 'Lovelace', city: 'London', emails: ['ada@acme.com'] },
    { firstName: 'Grace', lastName: 'Hopper', city: 'Paris' },
    { firstName: 'Alan', lastName: 'Turing', phones: ['+33 6 12 34 56 78'] },
  ]);
  await store.create('companies', { name: 'Acme', city: 'Paris' });
  await store.create('deals', { title: 'Acme renewal' });
  await store.create('activities', { type: 'call', subject: 'Call Grace about the renewal' });
}

describe('openSearch', () => {
  it('rebuilds from rows when there is no snapshot, then follows the store', async () => {
    const store = await openStore();
    await seed(store);
    const sync = await follow(store);
    expect(sync.report).toMatchObject({ source: 'rebuild', rebuildReason: 'missing' });
    expect(sync.search('lovelace').map((r) => r.title)).toEqual(['Ada Lovelace']);
    const row = await store.create('contacts', { firstName: 'Katherine', lastName: 'Johnson' });
    expect(sync.search('johnson').map((r) => r.id)).toEqual([row.id]);
    await sync.close();
  });

  it('gives the same answers from a reloaded snapshot as from a rebuild', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    await seed(store);
    const first = await follow(store);
    await first.save();
    await first.close();
    const loaded = await follow(store);
    expect(loaded.report).toEqual({ source: 'snapshot', caughtUp: 0 });
    const rebuilt = SearchIndex.build([]);
    for (const collection of ['contacts', 'companies', 'deals', 'activities'] as const) {
      rebuilt.applyChanges((await store.query(collection, {})).rows.map((row) => ({ collection, id: row.id, row })));
    }
    for (const query of QUERIES) expect(answers(loaded, query), query).toEqual(answers(rebuilt, query));
    await loaded.close();
  });

  it('catches up with changes made in another session after the snapshot', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    await seed(store);
    const first = await follow(store);
    await first.save();
    await first.close();
    // Another session writes while no index is listening.
    const [ada] = (await store.query('contacts', {})).rows.filter((r) => r.firstName === 'Ada');
    await store.update('contacts', ada.id, { lastName: 'Byron' });
    const added = await store.create('companies', { name: 'Analytical Engines' });
    const later = await follow(store);
    expect(later.report.source).toBe('snapshot');
    expect(later.report.caughtUp).toBe(2);
    expect(later.search('lovelace')).toEqual([]);
    expect(later.search('byron').map((r) => r.id)).toEqual([ada.id]);
    expect(later.search('analytical').map((r) => r.id)).toEqual([added.id]);
    await later.close();
  });

  it('saves again after catching up with many rows, so the next open does not repeat it', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    await seed(store);
    const first = await follow(store, { saveEvery: 5 });
    await first.save();
    await first.close();
    await store.createMany('contacts', Array.from({ length: 6 }, (_, i) => ({ firstName: `Late${i}` })));
    const behind = await follow(store, { saveEvery: 5 });
    expect(behind.report).toEqual({ source: 'snapshot', caughtUp: 6 });
    await behind.close(); // waits for the background save
    const next = await follow(store, { saveEvery: 5 });
    expect(next.report).toEqual({ source: 'snapshot', caughtUp: 0 });
    expect(next.search('late3')[0].title).toBe('Late3');
    await next.close();
    // Below the threshold nothing is saved: the few rows are caught up again next time.
    await store.create('contacts', { firstName: 'One more' });
    await (await follow(store, { saveEvery: 5 })).close();
    expect((await follow(store, { saveEvery: 5 })).report.caughtUp).toBe(1);
  });

  it('rebuilds when the snapshot is corrupt or from another format', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    await seed(store);
    await persistence.commit({ meta: [{ key: DEFAULT_SNAPSHOT_KEY, value: '{"format":1,"version":3,"ind' }] });
    const sync = await follow(store);
    expect(sync.report).toMatchObject({ source: 'rebuild', rebuildReason: 'corrupt_snapshot' });
    expect(sync.search('hopper').map((r) => r.title)).toEqual(['Grace Hopper']);
    await sync.close();
    // The rebuild saved a good snapshot in the background.
    const again = await follow(store);
    expect(again.report.source).toBe('snapshot');
    await again.close();
    await persistence.commit({ meta: [{ key: DEFAULT_SNAPSHOT_KEY, value: JSON.stringify({ format: 999, version: 0 }) }] });
    const other = await follow(store);
    expect(other.report).toMatchObject({ source: 'rebuild', rebuildReason: 'incompatible_snapshot' });
    await other.close();
  });

  it('stores the snapshot in parts, loads it back, still reads a whole one, and rebuilds when a part is lost', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    await seed(store);
    const first = await follow(store);
    await first.save();
    const expected = QUERIES.map((q) => answers(first, q));
    const whole = JSON.stringify(first.index);
    await first.close();
    const header = JSON.parse((await persistence.getMeta<string>(DEFAULT_SNAPSHOT_KEY))!);
    expect(header).toMatchObject({ format: 2, parts: 48 });
    for (let i = 0; i < 48; i++) expect(typeof (await persistence.getMeta(`${DEFAULT_SNAPSHOT_KEY}:${i}`))).toBe('string');
    const parted = await follow(store);
    expect(parted.report).toEqual({ source: 'snapshot', caughtUp: 0 });
    expect(QUERIES.map((q) => answers(parted, q))).toEqual(expected);
    await parted.close();
    // A snapshot saved whole (before parts) is still read, and saved again in parts.
    const parts = Array.from({ length: 48 }, (_, i) => ({ key: `${DEFAULT_SNAPSHOT_KEY}:${i}`, value: undefined }));
    await persistence.commit({ meta: [{ key: DEFAULT_SNAPSHOT_KEY, value: whole }, ...parts] });
    const legacy = await follow(store);
    expect(legacy.report).toEqual({ source: 'snapshot', caughtUp: 0 });
    expect(QUERIES.map((q) => answers(legacy, q))).toEqual(expected);
    await legacy.close(); // waits for the background save
    expect(JSON.parse((await persistence.getMeta<string>(DEFAULT_SNAPSHOT_KEY))!)).toMatchObject({ parts: 48 });
    // A part lost or damaged: the index is rebuilt from the rows, with the same answers.
    await persistence.commit({ meta: [{ key: `${DEFAULT_SNAPSHOT_KEY}:7`, value: undefined }] });
    const rebuilt = await follow(store);
    expect(rebuilt.report).toMatchObject({ source: 'rebuild', rebuildReason: 'corrupt_snapshot' });
    expect(QUERIES.map((q) => answers(rebuilt, q))).toEqual(expected);
    await rebuilt.close();
    await persistence.commit({ meta: [{ key: `${DEFAULT_SNAPSHOT_KEY}:3`, value: '{"k":["c1"]}' }] });
    const damaged = await follow(store);
    expect(damaged.report).toMatchObject({ source: 'rebuild', rebuildReason: 'corrupt_snapshot' });
    await damaged.close();
  });

  it('rebuilds from a snapshot in slices with turns for the host, equal to the rebuild in one piece', async () => {
    const store = await openStore();
    await seed(store);
    await store.createMany('contacts', Array.from({ length: 300 }, (_, i) => ({ firstName: `Person${i}`, lastName: i % 2 ? 'Dupont' : 'Martin' })));
    const sync = await follow(store);
    const snapshot = JSON.parse(JSON.stringify(sync.index));
    await sync.close();
    let turns = 0;
    // The rebuild pauses when its time slice is spent: with a clock that stands still, never...
    const clock = vi.spyOn(performance, 'now').mockReturnValue(0);
    let sliced: SearchIndex;
    try {
      sliced = await SearchIndex.fromSnapshotAsync(structuredClone(snapshot), async () => void turns++);
    } finally {
      clock.mockRestore();
    }
    expect(turns).toBe(0);
    const inOne = SearchIndex.fromSnapshot(structuredClone(snapshot));
    for (const query of [...QUERIES, 'person1', 'dupont']) expect(answers(sliced, query), query).toEqual(answers(inOne, query));
    // ...and with one that moves 10 ms per read, at the first read of the clock (every few
    // thousand documents or postings).
    let t = 0;
    const moving = vi.spyOn(performance, 'now').mockImplementation(() => (t += 10));
    try {
      const timed = await SearchIndex.fromSnapshotAsync(structuredClone(snapshot), async () => void turns++);
      expect(turns).toBeGreaterThan(0);
      for (const query of [...QUERIES, 'person1', 'dupont']) expect(answers(timed, query), query).toEqual(answers(inOne, query));
    } finally {
      moving.mockRestore();
    }
    turns = 0;
    const { TermIndex } = await import('../../../packages/search/src/term-index.ts');
    const small = await TermIndex.fromDataAsync(structuredClone(snapshot.index), async () => void turns++, 50);
    expect(turns).toBeGreaterThan(6);
    expect(small.count).toBe(inOne.size);
  });

  it('drops deleted rows, live and on catch-up', async () => {
    const store = await openStore();
    await seed(store);
    const sync = await follow(store);
    const [grace] = sync.search('grace hopper');
    await store.delete('contacts', grace.id);
    expect(sync.search('hopper')).toEqual([]);
    await sync.save();
    await sync.close();
    const [deal] = (await store.query('deals', {})).rows;
    await store.delete('deals', deal.id);
    const later = await follow(store);
    expect(later.search('renewal').map((r) => r.collection)).toEqual(['activities']);
    await store.restore('contacts', grace.id);
    expect(later.search('hopper').map((r) => r.id)).toEqual([grace.id]);
    await later.close();
  });

  it('misses no change made while it opens, from a snapshot or by rebuilding', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    await seed(store);
    const [rebuilt, early] = await Promise.all([follow(store), store.create('contacts', { firstName: 'Early', lastName: 'Bird' })]);
    expect(rebuilt.report.source).toBe('rebuild');
    expect(rebuilt.search('bird').map((r) => r.id)).toEqual([early.id]);
    await rebuilt.save();
    await rebuilt.close();
    const [loaded, late] = await Promise.all([follow(store), store.update('contacts', early.id, { lastName: 'Worm' })]);
    expect(loaded.report.source).toBe('snapshot');
    expect(loaded.search('bird')).toEqual([]);
    expect(loaded.search('worm').map((r) => r.id)).toEqual([late.id]);
    await loaded.close();
  });

  it('applies a big change in slices after the event, in order with later changes, and searches see all of it', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    const sync = await follow(store, { saveEvery: 0 });
    const rows = await store.createMany('contacts', Array.from({ length: 1_200 }, (_, i) => ({ firstName: `Zed${i}`, lastName: 'Batch' })));
    // Nothing of it was applied in the event's task, and the version does not claim it.
    expect(sync.index.size).toBe(0);
    expect(sync.index.version).toBe(0);
    // A later change to a row of the batch waits behind it, so the newer row wins.
    await store.update('contacts', rows[1_100].id, { lastName: 'Quixotic' });
    expect(sync.index.size).toBe(0);
    expect(sync.search('quixotic').map((r) => r.id)).toEqual([rows[1_100].id]);
    expect(sync.search('batch', { limit: 2_000 }).length).toBe(1_199);
    expect(sync.index.version).toBe(await persistence.maxRowVersion());

    // Left alone, the slices run one per task; a save waits for them.
    const more = await store.createMany('contacts', Array.from({ length: 700 }, (_, i) => ({ firstName: `Yan${i}` })));
    await sync.save();
    expect(sync.index.size).toBe(1_900);
    const saved = (await loadSnapshot(persistence))!;
    expect(saved.size).toBe(1_900);
    expect(saved.search('yan699')[0]?.id).toBe(more[699].id);
    await sync.close();
  });

  it('saves by itself after enough changes, without the caller waiting', async () => {
    const persistence = new MemoryPersistence();
    const store = await openStore(persistence);
    const sync = await follow(store, { saveEvery: 3 });
    await sync.save();
    const before = await persistence.getMeta<string>(DEFAULT_SNAPSHOT_KEY);
    await store.createMany('contacts', [{ firstName: 'A1' }, { firstName: 'A2' }, { firstName: 'A3' }]);
    await sync.close(); // waits for the background save
    const after = await persistence.getMeta<string>(DEFAULT_SNAPSHOT_KEY);
    expect(after).not.toEqual(before);
    expect((await loadSnapshot(persistence))!.size).toBe(3);
  });

  it('reports a failed background save and keeps following the store', async () => {
    const store = await openStore();
    const errors: unknown[] = [];
    let failures = 1;
    const persistence = store.persistence;
    const flaky = {
      getMeta: persistence.getMeta.bind(persistence),
      rowsSince: persistence.rowsSince.bind(persistence),
      scanRows: persistence.scanRows.bind(persistence),
      maxRowVersion: persistence.maxRowVersion.bind(persistence),
      commit: async (commit: { meta: { key: string; value: unknown }[] }) => {
        if (failures-- > 0) throw new Error('disk full');
        return persistence.commit(commit);
      },
    };
    const sync = await openSearch({ persistence: flaky, subscribe: (l) => store.subscribe(l), saveEvery: 1, onError: (e) => errors.push(e) });
    await store.create('contacts', { firstName: 'Zed' });
    await store.create('contacts', { firstName: 'Zoe' });
    await sync.close();
    expect(errors.map(String)).toContain('Error: disk full');
    expect(sync.search('zoe').map((r) => r.title)).toEqual(['Zoe']);
    expect((await loadSnapshot(persistence))!.size).toBe(2);
  });
});
