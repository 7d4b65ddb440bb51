// DexiePersistence over fake-indexeddb: the shared contract, plus what only a real database
// has: data surviving a reopen, the open failures, and index use on the cold-open list.
import { describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { Dexie as DexieDb, type DBCore, type Dexie } from 'dexie';
import { DexiePersistence, dexieStores, planQuery } from '@carnet/store-dexie';
import { runQuery, StoreError, type RowQuery } from '@carnet/store';
import { makeRow, persistenceContract } from './persistence-contract.ts';

let dbCounter = 0;
const uniqueName = () => `carnet-test-${process.pid}-${++dbCounter}`;
const bytes = (...values: number[]) => new Uint8Array(values);

persistenceContract('dexie', async () => {
  const persistence = new DexiePersistence(uniqueName(), { indexedDB, IDBKeyRange });
  await persistence.open();
  return {
    persistence,
    injectFailure: (error) => {
      persistence.failNextCommit = error;
    },
  };
});

describe('DexiePersistence', () => {
  it('keeps docs, rows, outbox and meta across closing and reopening the same database', async () => {
    const name = uniqueName();
    let told = 0;
    const first = new DexiePersistence(name, { indexedDB, IDBKeyRange, onUpgrade: () => told++ });
    await first.open();
    expect(told, 'a new database is created, not upgraded').toBe(0);
    await first.commit({
      docs: [{ docId: 'contacts/aaaaaaaa', state: bytes(4, 5) }],
      rows: [{ collection: 'contacts', row: makeRow('aaaaaaaa', { firstName: 'Ana', companyId: 'acme' }, 3) }],
      outbox: [{ docId: 'contacts/aaaaaaaa', update: bytes(6), createdAt: 9 }],
      meta: [{ key: 'lastSeq', value: 17 }],
    });
    await first.close();

    const second = new DexiePersistence(name, { indexedDB, IDBKeyRange });
    await second.open();
    expect(await second.getDocStates(['contacts/aaaaaaaa'])).toEqual([bytes(4, 5)]);
    expect((await second.query('contacts', { where: [{ field: 'companyId', op: 'eq', value: 'acme' }] })).rows.map((r) => r.firstName)).toEqual(['Ana']);
    expect((await second.outbox(10)).map((e) => e.update)).toEqual([bytes(6)]);
    expect(await second.getMeta('lastSeq')).toBe(17);
    expect(await second.maxRowVersion()).toBe(3);
    await second.close();
  });

  it('stores a commit of thousands of writes (issued over many tasks) in one transaction, or none of it', async () => {
    const p = new DexiePersistence(uniqueName(), { indexedDB, IDBKeyRange });
    await p.open();
    const ids = Array.from({ length: 700 }, (_, i) => `c${String(i).padStart(7, '0')}`);
    const big = {
      docs: ids.map((id) => ({ docId: `contacts/${id}`, state: bytes(1, 2) })),
      rows: ids.map((id, i) => ({ collection: 'contacts' as const, row: makeRow(id, { firstName: `N${i}` }, i + 1) })),
      outbox: ids.map((id) => ({ docId: `contacts/${id}`, update: bytes(3), createdAt: 1 })),
    };
    // A value that cannot be cloned near the end: every write before it is undone.
    const poisoned = { ...big, rows: big.rows.map((r, i) => (i === 650 ? { ...r, row: { ...r.row, firstName: () => 'no' } as never } : r)) };
    const error = await p.commit(poisoned).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/cannot be stored/);
    expect(await p.count('contacts', 'all')).toBe(0);
    expect(await p.outboxCount()).toBe(0);
    expect(await p.getDocStates([`contacts/${ids[0]}`])).toEqual([undefined]);

    // The test hook fails it after every write succeeded: still nothing.
    p.failNextCommit = new Error('disk gone');
    await expect(p.commit(big)).rejects.toBeInstanceOf(StoreError);
    expect(await p.count('contacts', 'all')).toBe(0);

    await p.commit(big);
    expect(await p.count('contacts', 'all')).toBe(700);
    expect(await p.outboxCount()).toBe(700);
    expect((await p.outbox(1000)).map((e) => e.docId)).toEqual(ids.map((id) => `contacts/${id}`));
    expect((await p.getDocStates([`contacts/${ids[699]}`]))[0]).toEqual(bytes(1, 2));
    expect(await p.maxRowVersion()).toBe(700);
    await p.close();
    await expect(p.commit(big)).rejects.toMatchObject({ code: 'closed' });
  });

  it('upgrades a version 1 database: its outbox entries, one value each, keep their order and can be acknowledged', async () => {
    const name = uniqueName();
    const v1 = new DexieDb(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores(dexieStores(1));
    await v1.open();
    await v1.table('docs').put({ docId: 'contacts/aaaaaaaa', state: bytes(1, 2) });
    await v1.table('outbox').bulkAdd(['a', 'b', 'c'].map((docId, i) => ({ docId, update: bytes(i + 1), createdAt: 10 + i })));
    v1.close();

    const p = new DexiePersistence(name, { indexedDB, IDBKeyRange });
    await p.open();
    expect(await p.getDocStates(['contacts/aaaaaaaa'])).toEqual([bytes(1, 2)]);
    const entries = await p.outbox(10);
    expect(entries.map((e) => [e.docId, e.update, e.createdAt])).toEqual([['a', bytes(1), 10], ['b', bytes(2), 11], ['c', bytes(3), 12]]);
    expect(await p.outboxCount()).toBe(3);
    await p.commit({ acked: [entries[1].id], outbox: [{ docId: 'd', update: bytes(4), createdAt: 13 }] });
    expect((await p.outbox(10)).map((e) => e.docId)).toEqual(['a', 'c', 'd']);
    expect(await p.outboxCount()).toBe(3);
    await p.close();
  });

  it('upgrades a version 2 database: record doc states move into their rows (or placeholders), other docs stay', async () => {
    const name = uniqueName();
    const v2 = new DexieDb(name, { indexedDB, IDBKeyRange });
    v2.version(2).stores(dexieStores(2));
    await v2.open();
    // More docs than one upgrade step moves, so the batches are walked.
    const ids = Array.from({ length: 1_203 }, (_, i) => `c${String(i).padStart(7, '0')}`);
    const rows = ids.map((id, i) => ({ ...makeRow(id, { firstName: `N${i}` }, i + 1), _alive: 1 }));
    await v2.table('contacts').bulkPut(rows.slice(0, 1_200)); // the last three have no row yet
    await v2.table('docs').bulkPut([
      ...ids.map((id, i) => ({ docId: `contacts/${id}`, state: bytes(i % 256, 7) })),
      { docId: 'workspace', state: bytes(9) },
      { docId: 'users/u1u1u1u1', state: bytes(8) },
      // Not a record doc id, though under a collection's prefix: kept where it was.
      { docId: 'contacts/c0000600 x', state: bytes(6) },
    ]);
    await v2.table('outbox').add({ entries: [{ docId: `contacts/${ids[0]}`, update: bytes(1), createdAt: 1 }], n: 1 });
    v2.close();

    let told = 0;
    const p = new DexiePersistence(name, { indexedDB, IDBKeyRange, onUpgrade: () => told++ });
    await p.open();
    expect(told).toBe(1);
    const states = await p.getDocStates([...ids.map((id) => `contacts/${id}`), 'workspace', 'users/u1u1u1u1', 'contacts/c0000600 x']);
    expect(states).toEqual([...ids.map((_, i) => bytes(i % 256, 7)), bytes(9), bytes(8), bytes(6)]);
    expect((await p.getRows('contacts', [ids[5]]))[0]).toEqual(makeRowLike(rows[5]));
    expect(await p.count('contacts', 'all')).toBe(1_200);
    expect(await p.getRows('contacts', [ids[1_201]])).toEqual([undefined]);
    expect((await p.listDocIds('')).length).toBe(ids.length + 3);
    expect((await p.outbox(10)).map((e) => e.docId)).toEqual([`contacts/${ids[0]}`]);
    const clash = await p.commit({ docs: [{ docId: `contacts/${ids[1_202]}`, state: bytes(1), create: true }], rows: [{ collection: 'contacts', row: makeRow(ids[1_202]) }] }).catch((e: unknown) => e);
    expect(clash).toMatchObject({ code: 'already_exists' });
    await p.close();

    const raw = new DexieDb(name, { indexedDB, IDBKeyRange });
    raw.version(3).stores(dexieStores(3));
    await raw.open();
    expect(await raw.table('docs').toCollection().primaryKeys()).toEqual(['contacts/c0000600 x', 'users/u1u1u1u1', 'workspace']);
    raw.close();
  });

  it('can be reopened after close on the same instance', async () => {
    const p = new DexiePersistence(uniqueName(), { indexedDB, IDBKeyRange });
    await p.open();
    await p.commit({ meta: [{ key: 'k', value: 'v' }] });
    await p.close();
    await p.open();
    expect(await p.getMeta('k')).toBe('v');
    await p.close();
  });

  it('fails to open with storage_failed and says what to do when IndexedDB is missing', async () => {
    const p = new DexiePersistence(uniqueName());
    const error = await p.open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('storage_failed');
    expect((error as StoreError).message).toMatch(/IndexedDB/);
  });

  it('rejects a row without a numeric updatedAt as invalid and stores nothing of the commit', async () => {
    const p = new DexiePersistence(uniqueName(), { indexedDB, IDBKeyRange });
    await p.open();
    const bad = { ...makeRow('bad00001'), updatedAt: 'yesterday' } as unknown as ReturnType<typeof makeRow>;
    const error = await p.commit({ meta: [{ key: 'k', value: 1 }], rows: [{ collection: 'contacts', row: bad }] }).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('invalid');
    expect(await p.getMeta('k')).toBeUndefined();
    await p.close();
  });
});

/** A Dexie addon that counts the rows each table hands to JavaScript (query, getMany, cursors). */
function countRowReads(counts: Map<string, number>) {
  const add = (table: string, n: number) => counts.set(table, (counts.get(table) ?? 0) + n);
  return (db: Dexie) => {
    db.use({
      stack: 'dbcore',
      name: 'count-row-reads',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            query: async (req) => {
              const res = await table.query(req);
              if (req.values) add(name, res.result.length);
              return res;
            },
            getMany: async (req) => {
              const res = await table.getMany(req);
              add(name, res.filter((r) => r !== undefined).length);
              return res;
            },
            openCursor: async (req) => {
              const cursor = await table.openCursor(req);
              if (cursor && req.values !== false) {
                const start = cursor.start.bind(cursor);
                cursor.start = (onNext) => start(() => {
                  add(name, 1);
                  onNext();
                });
              }
              return cursor;
            },
          };
        },
      }),
    });
  };
}

describe('DexiePersistence index use', () => {
  const CONTACTS = 3_000;

  async function openWithContacts() {
    const reads = new Map<string, number>();
    const p = new DexiePersistence(uniqueName(), { indexedDB, IDBKeyRange, addons: [countRowReads(reads)] });
    await p.open();
    // Many rows share an updatedAt (ties at every page boundary), every tenth is deleted.
    const rows = Array.from({ length: CONTACTS }, (_, i) =>
      makeRow(`c${String((i * 7919) % CONTACTS).padStart(6, '0')}`, {
        updatedAt: 1_000 + Math.floor(i / 7),
        deletedAt: i % 10 === 0 ? 5 : null,
        companyId: `co${i % 100}`,
        lifecycle: i % 2 ? 'lead' : 'customer',
      }, i + 1),
    );
    await p.commit({ rows: rows.map((row) => ({ collection: 'contacts' as const, row })) });
    reads.clear();
    return { p, rows, reads };
  }

  it('reads one page, not the whole table, for the newest alive contacts (the cold-open list)', async () => {
    const { p, rows, reads } = await openWithContacts();
    const query: RowQuery = { sort: [{ field: 'updatedAt', dir: 'desc' }], offset: 50, limit: 50 };
    expect(planQuery('contacts', query)).toEqual({ kind: 'by-update', alive: 1, reverse: true, take: 100 });
    const result = await p.query('contacts', query);
    expect(result).toEqual(runQuery(rows, query));
    expect(result.total).toBe(CONTACTS - CONTACTS / 10);
    expect(reads.get('contacts') ?? 0).toBeLessThanOrEqual(100 + 16 * 5);
    await p.close();
  });

  it('reads one page when thousands of contacts share their last update (after an import)', async () => {
    const reads = new Map<string, number>();
    const p = new DexiePersistence(uniqueName(), { indexedDB, IDBKeyRange, addons: [countRowReads(reads)] });
    await p.open();
    const rows = Array.from({ length: CONTACTS }, (_, i) =>
      makeRow(`c${String((i * 7919) % CONTACTS).padStart(6, '0')}`, { updatedAt: i < 20 ? 2_000 + i : 1_000, name: `n${i % 13}` }, i + 1),
    );
    await p.commit({ rows: rows.map((row) => ({ collection: 'contacts' as const, row })) });
    for (const dir of ['desc', 'asc'] as const) {
      for (const [offset, limit] of [[0, 50], [10, 50], [0, 5], [3000, 50]]) {
        reads.clear();
        const query: RowQuery = { sort: [{ field: 'updatedAt', dir }], offset, limit };
        expect(await p.query('contacts', query), `${dir} ${offset}+${limit}`).toEqual(runQuery(rows, query));
        expect(reads.get('contacts') ?? 0).toBeLessThanOrEqual(2 * (offset + limit));
      }
      // Another sort key after updatedAt reorders the run: the whole run is read, still right.
      const two: RowQuery = { sort: [{ field: 'updatedAt', dir }, { field: 'name', dir: 'desc' }], limit: 40 };
      expect(await p.query('contacts', two)).toEqual(runQuery(rows, two));
    }
    await p.close();
  });

  it('reads only the matching rows for an indexed foreign key', async () => {
    const { p, rows, reads } = await openWithContacts();
    const query: RowQuery = { where: [{ field: 'companyId', op: 'eq', value: 'co42' }], sort: [{ field: 'updatedAt', dir: 'desc' }], limit: 5 };
    const result = await p.query('contacts', query);
    expect(result).toEqual(runQuery(rows, query));
    expect(reads.get('contacts')).toBe(CONTACTS / 100);
    await p.close();
  });

  it('narrows by the most selective indexed condition when several apply', async () => {
    const { p, rows, reads } = await openWithContacts();
    const query: RowQuery = { where: [{ field: 'lifecycle', op: 'eq', value: 'lead' }, { field: 'companyId', op: 'eq', value: 'co7' }] };
    const result = await p.query('contacts', query);
    expect(result).toEqual(runQuery(rows, query));
    expect(reads.get('contacts')).toBe(CONTACTS / 100);
    await p.close();
  });

  it('scans in bounded batches when no index applies and still matches runQuery', async () => {
    const { p, rows } = await openWithContacts();
    const query: RowQuery = { where: [{ field: 'companyId', op: 'contains', value: 'CO4' }], sort: [{ field: 'id', dir: 'desc' }], offset: 3, limit: 20 };
    expect(planQuery('contacts', query).kind).toBe('scan');
    expect(await p.query('contacts', query)).toEqual(runQuery(rows, query));
    // Matches every row, across several scan batches, so the kept buffer is sorted and cut.
    const wide: RowQuery = { sort: [{ field: 'lifecycle', dir: 'desc' }, { field: 'updatedAt' }], offset: 10, limit: 20 };
    expect(await p.query('contacts', wide)).toEqual(runQuery(rows, wide));
    const unlimited: RowQuery = { deleted: 'deleted', sort: [{ field: 'companyId' }] };
    expect(await p.query('contacts', unlimited)).toEqual(runQuery(rows, unlimited));
    await p.close();
  });
});

describe('planQuery', () => {
  it('uses the pipeline and stage compound index for the board', () => {
    const plan = planQuery('deals', { where: [{ field: 'stageId', op: 'eq', value: 's1' }, { field: 'pipelineId', op: 'eq', value: 'p1' }] });
    expect(plan.kind === 'index' && plan.lookups.map((l) => l.index)).toEqual(['[pipelineId+stageId]', 'pipelineId', 'stageId']);
    expect(plan.kind === 'index' && plan.lookups[0].keys).toEqual([['p1', 's1']]);
  });

  it('uses the multi-entry contactIds index for has and hasAny', () => {
    expect(planQuery('deals', { where: [{ field: 'contactIds', op: 'has', value: 'k1' }] })).toEqual({ kind: 'index', lookups: [{ index: 'contactIds', keys: ['k1'] }] });
    expect(planQuery('deals', { where: [{ field: 'contactIds', op: 'hasAny', value: ['k1', 'k2', 'k1'] }] })).toEqual({ kind: 'index', lookups: [{ index: 'contactIds', keys: ['k1', 'k2'] }] });
  });

  it('scans when equality would have to match empty values, which are not indexed', () => {
    expect(planQuery('contacts', { where: [{ field: 'companyId', op: 'eq', value: null }] }).kind).toBe('scan');
    expect(planQuery('contacts', { where: [{ field: 'companyId', op: 'eq', value: '' }] }).kind).toBe('scan');
    expect(planQuery('contacts', { where: [{ field: 'companyId', op: 'in', value: ['a', null] }] }).kind).toBe('scan');
  });

  it('scans for has on a field whose index is not multi-entry', () => {
    expect(planQuery('contacts', { where: [{ field: 'companyId', op: 'has', value: 'a' }] }).kind).toBe('scan');
  });

  it('walks the primary key for an unsorted, unfiltered query over all rows', () => {
    expect(planQuery('contacts', { deleted: 'all', offset: 10, limit: 5 })).toEqual({ kind: 'by-id', offset: 10, limit: 5 });
  });
});

describe('DexiePersistence open failures', () => {
  function createRawDatabase(name: string, version: number, upgrade: (db: IDBDatabase) => void = () => {}): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(name, version);
      request.onupgradeneeded = () => upgrade(request.result);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  }

  it('refuses a database of a newer version that lacks its tables, saying to reload', async () => {
    // Dexie adds missing tables to a newer database that has some of them, but opens an empty
    // one as it is.
    const name = uniqueName();
    await createRawDatabase(name, 999);
    const p = new DexiePersistence(name, { indexedDB, IDBKeyRange });
    const error = (await p.open().catch((e: unknown) => e)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('storage_failed');
    expect(error.message).toMatch(/another version of Carnet.*table contacts.*Reload/s);
    expect(await rejectionCode(p.getMeta('k'))).toBe('closed');
  });

  it('answers closed, saying to reload, once another tab upgrades the database', async () => {
    const name = uniqueName();
    const p = new DexiePersistence(name, { indexedDB, IDBKeyRange });
    await p.open();
    await createRawDatabase(name, 9_999);
    const error = (await p.count('contacts').catch((e: unknown) => e)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('closed');
    expect(error.message).toMatch(/Reload/);
  });
});

async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof StoreError ? e.code : String(e)),
  );
}

/** A version 2 stored row as the store reads it back: without the `_alive` the layout adds. */
function makeRowLike(stored: Record<string, unknown>) {
  const { _alive, ...row } = stored;
  return row;
}
