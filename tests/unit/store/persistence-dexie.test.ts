// DexiePersistence over fake-indexeddb: the shared contract, plus what only a real database
// has: data surviving a reopen, the open failures, and index use on the cold-open list.
import { describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { DexiePersistence } from '@carnet/store-dexie';
import { StoreError } from '@carnet/store';
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
    const first = new DexiePersistence(name, { indexedDB, IDBKeyRange });
    await first.open();
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
