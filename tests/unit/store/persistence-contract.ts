// The persistence contract: one suite every Persistence implementation must pass (memory and
// Dexie today). Each implementation supplies a harness that opens a fresh, empty store and a way
// to make its next commit fail, so atomicity is tested through the implementation's own
// failure path. The randomized part checks query results against runQuery, the reference
// semantics, with a seeded PRNG whose seed is printed on failure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Collection } from '@carnet/schema';
import { runQuery, StoreError, StoreErrorCode, type Persistence, type RowQuery, type StoredRow } from '@carnet/store';
import { randomQuery, randomRow, seededRandom, type RandomCollection } from './random-rows.ts';

export interface PersistenceHarness {
  /** A fresh, empty, opened persistence. */
  persistence: Persistence;
  /** Makes the next commit fail with `error` (a QuotaExceededError must map to storage_full). */
  injectFailure(error: Error): void;
}

/** Seeds the randomized query test always runs; add every seed that ever failed. */
const PINNED_SEEDS = [1, 0x5eed, 20240611];

let clock = 1_700_000_000_000;
export function makeRow(id: string, fields: Record<string, unknown> = {}, v = 1): StoredRow {
  clock += 1000;
  return {
    id,
    createdAt: clock,
    createdBy: 'u1',
    updatedAt: clock,
    updatedBy: 'u1',
    deletedAt: null,
    ...fields,
    v,
  } as StoredRow;
}

const bytes = (...values: number[]) => new Uint8Array(values);
const ids = <Id>(rows: readonly { id: Id }[]) => rows.map((r) => r.id);

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to reject').toBeInstanceOf(StoreError);
  return error as StoreError;
}

export function persistenceContract(name: string, makePersistence: () => Promise<PersistenceHarness>): void {

  describe(`${name} persistence contract`, () => {
    let harness: PersistenceHarness;
    let p: Persistence;

    beforeEach(async () => {
      harness = await makePersistence();
      p = harness.persistence;
    });
    afterEach(async () => {
      await p.close();
    });

    describe('commit', () => {
      it('stores the docs, rows, outbox entries and meta of one commit together', async () => {
        await p.commit({
          docs: [{ docId: 'contacts/aaaaaaaa', state: bytes(1, 2, 3) }],
          rows: [{ collection: 'contacts', row: makeRow('aaaaaaaa', { firstName: 'Ana' }) }],
          outbox: [{ docId: 'contacts/aaaaaaaa', update: bytes(9), createdAt: 5 }],
          meta: [{ key: 'lastSeq', value: 42 }],
        });
        expect(await p.getDocStates(['contacts/aaaaaaaa'])).toEqual([bytes(1, 2, 3)]);
        expect((await p.getRows('contacts', ['aaaaaaaa']))[0]?.firstName).toBe('Ana');
        expect((await p.outbox(10)).map((e) => e.update)).toEqual([bytes(9)]);
        expect(await p.getMeta('lastSeq')).toBe(42);
      });

      it('replaces a stored doc state and a stored row with the same id', async () => {
        await p.commit({ docs: [{ docId: 'd1', state: bytes(1) }], rows: [{ collection: 'deals', row: makeRow('deal0001', { title: 'Old' }, 1) }] });
        await p.commit({ docs: [{ docId: 'd1', state: bytes(2, 2) }], rows: [{ collection: 'deals', row: makeRow('deal0001', { title: 'New' }, 2) }] });
        expect(await p.getDocStates(['d1'])).toEqual([bytes(2, 2)]);
        const [row] = await p.getRows('deals', ['deal0001']);
        expect([row?.title, row?.v]).toEqual(['New', 2]);
        expect(await p.count('deals', 'all')).toBe(1);
      });

      it('refuses a doc marked create when it is already stored, with already_exists, storing nothing of the commit', async () => {
        await p.commit({ docs: [{ docId: 'contacts/taken001', state: bytes(1) }] });
        const error = await p.commit({
          docs: [
            { docId: 'contacts/fresh001', state: bytes(2), create: true },
            { docId: 'contacts/taken001', state: bytes(3), create: true },
          ],
          rows: [{ collection: 'contacts', row: makeRow('fresh001', { firstName: 'New' }, 1) }],
          outbox: [{ docId: 'contacts/fresh001', update: bytes(2), createdAt: 1 }],
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: StoreErrorCode.AlreadyExists, docId: 'contacts/taken001' });
        expect(await p.getDocStates(['contacts/taken001', 'contacts/fresh001'])).toEqual([bytes(1), undefined]);
        expect(await p.count('contacts', 'all')).toBe(0);
        expect(await p.outboxCount()).toBe(0);
        await p.commit({ docs: [{ docId: 'contacts/fresh001', state: bytes(2), create: true }] });
        expect(await p.getDocStates(['contacts/fresh001'])).toEqual([bytes(2)]);
      });

      it('accepts an empty commit and changes nothing', async () => {
        await p.commit({});
        expect(await p.outboxCount()).toBe(0);
        expect(await p.maxRowVersion()).toBe(0);
      });

      it('rejects a failed commit with storage_failed and leaves nothing of it', async () => {
        await p.commit({
          docs: [{ docId: 'd1', state: bytes(1) }],
          rows: [{ collection: 'contacts', row: makeRow('keep0001', { firstName: 'Kept' }, 1) }],
          outbox: [{ docId: 'd1', update: bytes(1), createdAt: 1 }],
          meta: [{ key: 'cursor', value: 'before' }],
        });
        const [pending] = await p.outbox(1);
        harness.injectFailure(new Error('disk went away'));
        const error = await rejection(
          p.commit({
            docs: [{ docId: 'd1', state: bytes(7, 7) }, { docId: 'd2', state: bytes(2) }],
            rows: [
              { collection: 'contacts', row: makeRow('keep0001', { firstName: 'Overwritten' }, 5) },
              { collection: 'deals', row: makeRow('lost0001', {}, 6) },
            ],
            outbox: [{ docId: 'd2', update: bytes(2), createdAt: 2 }],
            acked: [pending.id],
            meta: [{ key: 'cursor', value: 'after' }],
          }),
        );
        expect(error.code).toBe('storage_failed');
        expect(await p.getDocStates(['d1', 'd2'])).toEqual([bytes(1), undefined]);
        expect((await p.getRows('contacts', ['keep0001']))[0]?.firstName).toBe('Kept');
        expect(await p.getRows('deals', ['lost0001'])).toEqual([undefined]);
        expect(ids(await p.outbox(10))).toEqual([pending.id]);
        expect(await p.getMeta('cursor')).toBe('before');
        expect(await p.maxRowVersion()).toBe(1);
      });

      it('reports a full disk as storage_full and keeps working afterwards', async () => {
        harness.injectFailure(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
        const error = await rejection(p.commit({ meta: [{ key: 'k', value: 1 }] }));
        expect(error.code).toBe('storage_full');
        expect(await p.getMeta('k')).toBeUndefined();
        await p.commit({ meta: [{ key: 'k', value: 2 }] });
        expect(await p.getMeta('k')).toBe(2);
      });

      it('rejects a row holding an unstorable value with a StoreError and stores nothing of the commit', async () => {
        const error = await rejection(
          p.commit({
            docs: [{ docId: 'd1', state: bytes(1) }],
            rows: [
              { collection: 'contacts', row: makeRow('good0001', {}, 1) },
              { collection: 'contacts', row: makeRow('bad00001', { firstName: () => 'not data' }, 2) },
            ],
            meta: [{ key: 'k', value: 1 }],
          }),
        );
        expect(['storage_failed', 'invalid']).toContain(error.code);
        expect(await p.getDocStates(['d1'])).toEqual([undefined]);
        expect(await p.getRows('contacts', ['good0001', 'bad00001'])).toEqual([undefined, undefined]);
        expect(await p.getMeta('k')).toBeUndefined();
      });
    });

    describe('outbox', () => {
      it('returns entries in insertion order with strictly increasing ids, at most limit', async () => {
        await p.commit({ outbox: [{ docId: 'a', update: bytes(1), createdAt: 10 }, { docId: 'b', update: bytes(2), createdAt: 11 }] });
        await p.commit({ outbox: [{ docId: 'c', update: bytes(3), createdAt: 12 }] });
        const all = await p.outbox(10);
        expect(all.map((e) => [e.docId, e.update, e.createdAt])).toEqual([
          ['a', bytes(1), 10],
          ['b', bytes(2), 11],
          ['c', bytes(3), 12],
        ]);
        expect(all[0].id).toBeLessThan(all[1].id);
        expect(all[1].id).toBeLessThan(all[2].id);
        expect((await p.outbox(2)).map((e) => e.docId)).toEqual(['a', 'b']);
        expect(await p.outbox(0)).toEqual([]);
        expect(await p.outboxCount()).toBe(3);
      });

      it('removes acknowledged entries and keeps the rest in order', async () => {
        await p.commit({ outbox: ['a', 'b', 'c', 'd'].map((docId, i) => ({ docId, update: bytes(i), createdAt: i })) });
        const [a, b, c, d] = await p.outbox(10);
        await p.commit({ acked: [a.id, c.id, 999_999] });
        expect(ids(await p.outbox(10))).toEqual([b.id, d.id]);
        expect(await p.outboxCount()).toBe(2);
      });

      it('keeps the ids and order of a big commit\'s entries while some of them are acknowledged', async () => {
        const entries = Array.from({ length: 2_500 }, (_, i) => ({ docId: `d${i}`, update: bytes(i % 256, 1), createdAt: i }));
        await p.commit({ outbox: entries.slice(0, 1_200) });
        await p.commit({ outbox: entries.slice(1_200) });
        const all = await p.outbox(5_000);
        expect(all.map((e) => e.docId)).toEqual(entries.map((e) => e.docId));
        for (let i = 1; i < all.length; i++) expect(all[i].id).toBeGreaterThan(all[i - 1].id);
        expect(await p.outboxCount()).toBe(2_500);
        // Acknowledge every other entry of the first 1,500 (across groups), then all of the first 1,000.
        await p.commit({ acked: all.slice(0, 1_500).filter((_, i) => i % 2 === 0).map((e) => e.id) });
        const left = await p.outbox(5_000);
        expect(left.length).toBe(1_750);
        expect(left.slice(0, 3).map((e) => [e.id, e.docId])).toEqual([1, 3, 5].map((i) => [all[i].id, `d${i}`]));
        expect(await p.outboxCount()).toBe(1_750);
        expect((await p.outbox(2)).map((e) => e.docId)).toEqual(['d1', 'd3']);
        await p.commit({ acked: all.slice(0, 1_000).map((e) => e.id) });
        expect((await p.outbox(1))[0].docId).toBe('d1001');
        expect(await p.outboxCount()).toBe(1_250);
        await p.commit({ acked: all.map((e) => e.id) });
        expect(await p.outbox(10)).toEqual([]);
        expect(await p.outboxCount()).toBe(0);
      });

      it('keeps large and small updates of one commit in order, each with its bytes', async () => {
        const sizes = [10, 120_000, 30_000, 30_000, 5, 300_000, 40_000];
        const entries = sizes.map((size, i) => ({ docId: `d${i}`, update: new Uint8Array(size).fill(i + 1), createdAt: i }));
        await p.commit({ outbox: entries });
        const back = await p.outbox(100);
        expect(back.map((e) => [e.docId, e.update.length, e.update[e.update.length - 1]])).toEqual(sizes.map((size, i) => [`d${i}`, size, i + 1]));
        expect(await p.outboxCount()).toBe(sizes.length);
        await p.commit({ acked: [back[1].id, back[5].id] });
        expect((await p.outbox(100)).map((e) => e.docId)).toEqual(['d0', 'd2', 'd3', 'd4', 'd6']);
        expect(await p.outboxCount()).toBe(5);
      });

      it('stores nothing of an acknowledgement in a commit that fails', async () => {
        await p.commit({ outbox: ['a', 'b'].map((docId, i) => ({ docId, update: bytes(i), createdAt: i })) });
        const [a] = await p.outbox(10);
        harness.injectFailure(new Error('disk full'));
        await expect(p.commit({ acked: [a.id], outbox: [{ docId: 'c', update: bytes(3), createdAt: 3 }] })).rejects.toBeInstanceOf(StoreError);
        expect((await p.outbox(10)).map((e) => e.docId)).toEqual(['a', 'b']);
        expect(await p.outboxCount()).toBe(2);
      });

      it('gives new entries ids above every earlier one, even after the outbox was emptied', async () => {
        await p.commit({ outbox: [{ docId: 'a', update: bytes(1), createdAt: 1 }] });
        const [first] = await p.outbox(1);
        await p.commit({ acked: [first.id], outbox: [{ docId: 'b', update: bytes(2), createdAt: 2 }] });
        const [second] = await p.outbox(1);
        expect(second.docId).toBe('b');
        expect(second.id).toBeGreaterThan(first.id);
      });
    });

    describe('docs', () => {
      it('returns states in the order asked, undefined for missing ids, as Uint8Array', async () => {
        await p.commit({ docs: [{ docId: 'contacts/a1b2c3d4', state: bytes(1, 2) }, { docId: 'workspace', state: bytes(3) }] });
        const states = await p.getDocStates(['workspace', 'missing', 'contacts/a1b2c3d4']);
        expect(states).toEqual([bytes(3), undefined, bytes(1, 2)]);
        expect(states[0]).toBeInstanceOf(Uint8Array);
        expect(await p.getDocStates([])).toEqual([]);
      });

      it('stores only the bytes of a view into a larger buffer', async () => {
        const big = bytes(0, 1, 2, 3, 4, 5);
        await p.commit({ docs: [{ docId: 'd', state: big.subarray(2, 4) }] });
        const [state] = await p.getDocStates(['d']);
        expect(state).toEqual(bytes(2, 3));
        expect(state?.byteLength).toBe(2);
      });

      it('keeps a record doc whose row does not exist yet out of every row read, then stores its row with it', async () => {
        // A remote update whose creation has not arrived: a state, no row.
        await p.commit({ docs: [{ docId: 'contacts/pend0001', state: bytes(1) }] });
        await p.commit({ rows: [{ collection: 'contacts', row: makeRow('live0001', {}, 1) }], docs: [{ docId: 'contacts/live0001', state: bytes(5) }] });
        const scanned: string[] = [];
        const scan = async () => {
          scanned.length = 0;
          await p.scanRows('contacts', 1, (batch) => void scanned.push(...ids(batch)));
          return scanned;
        };
        expect(await p.getDocStates(['contacts/pend0001'])).toEqual([bytes(1)]);
        expect(await p.getRows('contacts', ['pend0001', 'live0001'])).toEqual([undefined, expect.objectContaining({ id: 'live0001' })]);
        expect(await p.count('contacts', 'all')).toBe(1);
        expect(ids((await p.query('contacts', { deleted: 'all' })).rows)).toEqual(['live0001']);
        expect(await p.query('contacts', { deleted: 'all', offset: 0, limit: 1 })).toMatchObject({ total: 1, rows: [{ id: 'live0001' }] });
        expect(ids((await p.query('contacts', { where: [{ field: 'firstName', op: 'empty' }] })).rows)).toEqual(['live0001']);
        expect(await scan()).toEqual(['live0001']);
        expect(await p.listDocIds('contacts/')).toEqual(['contacts/live0001', 'contacts/pend0001']);
        // It exists: creating it again is refused.
        const clash = await rejection(p.commit({ docs: [{ docId: 'contacts/pend0001', state: bytes(2), create: true }], rows: [{ collection: 'contacts', row: makeRow('pend0001', {}, 2) }] }));
        expect(clash).toMatchObject({ code: StoreErrorCode.AlreadyExists, docId: 'contacts/pend0001' });
        // Its creation arrives: state and row together.
        const row = makeRow('pend0001', { firstName: 'Now' }, 3);
        await p.commit({ docs: [{ docId: 'contacts/pend0001', state: bytes(1, 2) }], rows: [{ collection: 'contacts', row }] });
        expect(await p.getDocStates(['contacts/pend0001', 'contacts/live0001'])).toEqual([bytes(1, 2), bytes(5)]);
        expect(await p.getRows('contacts', ['pend0001'])).toEqual([row]);
        expect(await p.count('contacts', 'all')).toBe(2);
        expect(await scan()).toEqual(['live0001', 'pend0001']);
        expect(await p.listDocIds('contacts/p')).toEqual(['contacts/pend0001']);
      });

      it('keeps a record doc\'s stored state when its row is written alone, and its row when its state is', async () => {
        const first = makeRow('both0001', { firstName: 'A' }, 1);
        await p.commit({ docs: [{ docId: 'deals/both0001', state: bytes(1), create: true }], rows: [{ collection: 'deals', row: first }] });
        const second = makeRow('both0001', { firstName: 'B' }, 2);
        await p.commit({ rows: [{ collection: 'deals', row: second }] });
        expect(await p.getDocStates(['deals/both0001'])).toEqual([bytes(1)]);
        await p.commit({ docs: [{ docId: 'deals/both0001', state: bytes(1, 3) }] });
        expect(await p.getDocStates(['deals/both0001'])).toEqual([bytes(1, 3)]);
        expect(await p.getRows('deals', ['both0001'])).toEqual([second]);
        expect(await p.query('deals', {})).toEqual({ rows: [second], total: 1 });
        expect(await p.rowsSince('deals', 0, 10)).toEqual([second]);
        // The same doc id in another collection is another doc.
        expect(await p.getDocStates(['contacts/both0001'])).toEqual([undefined]);
      });

      it('lists doc ids with a prefix in ascending order', async () => {
        const docIds = ['deals/bbbbbbbb', 'contacts/bbbbbbbb', 'contacts/aaaaaaaa', 'workspace', 'contactsx'];
        await p.commit({ docs: docIds.map((docId) => ({ docId, state: bytes(0) })) });
        expect(await p.listDocIds('contacts/')).toEqual(['contacts/aaaaaaaa', 'contacts/bbbbbbbb']);
        expect(await p.listDocIds('nothing/')).toEqual([]);
        expect(await p.listDocIds('')).toEqual([...docIds].sort());
      });
    });

    describe('rows', () => {
      it('round-trips rows with nested values, nulls and custom fields', async () => {
        const row = makeRow('rt000001', {
          firstName: 'Zoë',
          emails: ['z@example.com'],
          companyId: null,
          leadScore: 0,
          consentEmail: false,
          cf_budget: { amount: 12, tags: ['x'] },
          deletedAt: 123,
        }, 7);
        await p.commit({ rows: [{ collection: 'contacts', row }] });
        expect(await p.getRows('contacts', ['rt000001'])).toEqual([row]);
        expect(await p.query('contacts', { deleted: 'all' })).toEqual({ rows: [row], total: 1 });
      });

      it('returns rows in the order asked with undefined for missing ids, per collection', async () => {
        await p.commit({ rows: [{ collection: 'contacts', row: makeRow('r1r1r1r1') }, { collection: 'deals', row: makeRow('r2r2r2r2') }] });
        expect(ids((await p.getRows('contacts', ['r2r2r2r2', 'r1r1r1r1'])).map((r) => r ?? { id: '-' }))).toEqual(['-', 'r1r1r1r1']);
      });

      it('hands out copies: mutating a returned or committed value does not change storage', async () => {
        const row = makeRow('copy0001', { tags: ['a'] });
        const state = bytes(1, 2);
        const update = bytes(5);
        const setting = { nested: { n: 1 } };
        await p.commit({ rows: [{ collection: 'contacts', row }], docs: [{ docId: 'd', state }], outbox: [{ docId: 'd', update, createdAt: 1 }], meta: [{ key: 'm', value: setting }] });
        (row.tags as string[]).push('committed-mutation');
        state[0] = 99;
        update[0] = 99;
        setting.nested.n = 99;

        const [read] = await p.getRows('contacts', ['copy0001']);
        (read!.tags as string[]).push('read-mutation');
        const queried = (await p.query('contacts', {})).rows[0];
        (queried.tags as string[]).push('query-mutation');
        (await p.getDocStates(['d']))[0]![1] = 99;
        (await p.outbox(1))[0].update[0] = 77;
        (await p.getMeta<typeof setting>('m'))!.nested.n = 77;

        expect((await p.getRows('contacts', ['copy0001']))[0]?.tags).toEqual(['a']);
        expect(await p.getDocStates(['d'])).toEqual([bytes(1, 2)]);
        expect((await p.outbox(1))[0].update).toEqual(bytes(5));
        expect(await p.getMeta('m')).toEqual({ nested: { n: 1 } });
      });

      it('counts alive, deleted and all rows of one collection', async () => {
        await p.commit({
          rows: [
            { collection: 'activities', row: makeRow('act00001') },
            { collection: 'activities', row: makeRow('act00002', { deletedAt: 5 }) },
            { collection: 'activities', row: makeRow('act00003') },
            { collection: 'contacts', row: makeRow('con00001') },
          ],
        });
        expect(await p.count('activities')).toBe(2);
        expect(await p.count('activities', 'alive')).toBe(2);
        expect(await p.count('activities', 'deleted')).toBe(1);
        expect(await p.count('activities', 'all')).toBe(3);
        expect(await p.count('companies', 'all')).toBe(0);
      });
    });

    describe('query', () => {
      // Eight contacts chosen so each operator separates them differently.
      const people: StoredRow[] = [
        makeRow('p1', { firstName: 'François', lastName: 'Dupont', companyId: 'acme', lifecycle: 'lead', leadScore: 80, tags: ['vip', 'paris'], updatedAt: 300 }),
        makeRow('p2', { firstName: 'francoise', lastName: 'Martin', companyId: 'acme', lifecycle: 'customer', leadScore: 20, tags: ['paris'], updatedAt: 100 }),
        makeRow('p3', { firstName: 'Émile', lastName: null, companyId: 'globex', lifecycle: null, leadScore: null, tags: [], updatedAt: 300 }),
        makeRow('p4', { firstName: '', lastName: 'Zola', companyId: null, lifecycle: 'lead', leadScore: 50, tags: ['lyon'], updatedAt: 200 }),
        makeRow('p5', { firstName: 'Anna', lastName: 'Ångström', companyId: 'globex', lifecycle: 'prospect', leadScore: 50, tags: ['vip'], updatedAt: 300 }),
        makeRow('p6', { firstName: 'Bob', lastName: 'Dupont', companyId: 'acme', lifecycle: 'lead', leadScore: 95, tags: ['vip'], updatedAt: 400, deletedAt: 401 }),
        makeRow('p7', { firstName: 'zoé', companyId: 'initech', lifecycle: 'churned', leadScore: 5, tags: ['lyon', 'vip'], updatedAt: 50 }),
        makeRow('p8', { firstName: null, lastName: 'Adams', companyId: '', lifecycle: 'customer', leadScore: 50, updatedAt: 200 }),
      ];

      beforeEach(async () => {
        await p.commit({ rows: people.map((row) => ({ collection: 'contacts' as Collection, row })) });
      });

      const cases: { name: string; query: RowQuery; expected: string[]; total?: number }[] = [
        { name: 'eq on a string field', query: { where: [{ field: 'companyId', op: 'eq', value: 'acme' }] }, expected: ['p1', 'p2'] },
        { name: 'eq null matches null, missing and empty values', query: { where: [{ field: 'companyId', op: 'eq', value: null }] }, expected: ['p4', 'p8'] },
        { name: 'eq on a number', query: { where: [{ field: 'leadScore', op: 'eq', value: 50 }] }, expected: ['p4', 'p5', 'p8'] },
        { name: 'eq with two indexed conditions', query: { where: [{ field: 'companyId', op: 'eq', value: 'acme' }, { field: 'lifecycle', op: 'eq', value: 'lead' }], deleted: 'all' }, expected: ['p1', 'p6'] },
        { name: 'ne excludes the value and keeps empties', query: { where: [{ field: 'lifecycle', op: 'ne', value: 'lead' }] }, expected: ['p2', 'p3', 'p5', 'p7', 'p8'] },
        { name: 'in', query: { where: [{ field: 'lifecycle', op: 'in', value: ['customer', 'churned'] }] }, expected: ['p2', 'p7', 'p8'] },
        { name: 'nin', query: { where: [{ field: 'lifecycle', op: 'nin', value: ['lead', 'customer'] }] }, expected: ['p3', 'p5', 'p7'] },
        { name: 'gt skips empty values', query: { where: [{ field: 'leadScore', op: 'gt', value: 50 }] }, expected: ['p1'] },
        { name: 'gte', query: { where: [{ field: 'leadScore', op: 'gte', value: 50 }] }, expected: ['p1', 'p4', 'p5', 'p8'] },
        { name: 'lt skips empty values', query: { where: [{ field: 'leadScore', op: 'lt', value: 50 }] }, expected: ['p2', 'p7'] },
        { name: 'lte', query: { where: [{ field: 'leadScore', op: 'lte', value: 20 }] }, expected: ['p2', 'p7'] },
        { name: 'contains is case- and accent-insensitive', query: { where: [{ field: 'firstName', op: 'contains', value: 'FRANCO' }] }, expected: ['p1', 'p2'] },
        { name: 'contains folds accents in the stored value', query: { where: [{ field: 'lastName', op: 'contains', value: 'angst' }] }, expected: ['p5'] },
        { name: 'startsWith is accent-insensitive', query: { where: [{ field: 'firstName', op: 'startsWith', value: 'emi' }] }, expected: ['p3'] },
        { name: 'has tests array membership', query: { where: [{ field: 'tags', op: 'has', value: 'vip' }] }, expected: ['p1', 'p5', 'p7'] },
        { name: 'hasAny', query: { where: [{ field: 'tags', op: 'hasAny', value: ['lyon', 'paris'] }] }, expected: ['p1', 'p2', 'p4', 'p7'] },
        { name: 'empty covers null, missing, empty string and empty array', query: { where: [{ field: 'tags', op: 'empty' }] }, expected: ['p3', 'p8'] },
        { name: 'notEmpty', query: { where: [{ field: 'firstName', op: 'notEmpty' }] }, expected: ['p1', 'p2', 'p3', 'p5', 'p7'] },
        { name: 'deleted rows are hidden by default', query: {}, expected: ['p1', 'p2', 'p3', 'p4', 'p5', 'p7', 'p8'] },
        { name: 'deleted: deleted returns only soft-deleted rows', query: { deleted: 'deleted' }, expected: ['p6'] },
        { name: 'deleted: all returns both', query: { deleted: 'all' }, expected: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'] },
        {
          name: 'multi-key sort: asc then desc, empty values last, ties broken by id',
          query: { sort: [{ field: 'leadScore', dir: 'asc' }, { field: 'lastName', dir: 'desc' }] },
          expected: ['p7', 'p2', 'p4', 'p5', 'p8', 'p1', 'p3'],
        },
        { name: 'desc sort keeps empty values last', query: { sort: [{ field: 'leadScore', dir: 'desc' }] }, expected: ['p1', 'p4', 'p5', 'p8', 'p2', 'p7', 'p3'] },
        { name: 'string sort is accent-insensitive', query: { sort: [{ field: 'firstName' }] }, expected: ['p5', 'p3', 'p1', 'p2', 'p7', 'p4', 'p8'] },
        { name: 'sort by last update desc, ties by id, paged', query: { sort: [{ field: 'updatedAt', dir: 'desc' }], offset: 1, limit: 3 }, expected: ['p3', 'p5', 'p4'], total: 7 },
        { name: 'sort by last update asc, paged', query: { sort: [{ field: 'updatedAt', dir: 'asc' }], limit: 4 }, expected: ['p7', 'p2', 'p4', 'p8'], total: 7 },
        { name: 'offset and limit with total before paging', query: { where: [{ field: 'tags', op: 'has', value: 'vip' }], deleted: 'all', offset: 1, limit: 2 }, expected: ['p5', 'p6'], total: 4 },
        { name: 'offset past the end', query: { offset: 50, limit: 10 }, expected: [], total: 7 },
        { name: 'limit 0 still counts', query: { sort: [{ field: 'updatedAt', dir: 'desc' }], limit: 0 }, expected: [], total: 7 },
      ];

      for (const { name: caseName, query, expected, total } of cases) {
        it(`answers ${caseName}`, async () => {
          const result = await p.query('contacts', query);
          expect(ids(result.rows)).toEqual(expected);
          expect(result.total).toBe(total ?? expected.length);
          expect(result).toEqual(runQuery(people, query));
        });
      }

      it('answers queries on an empty collection with no rows', async () => {
        expect(await p.query('companies', { sort: [{ field: 'updatedAt', dir: 'desc' }], limit: 50 })).toEqual({ rows: [], total: 0 });
        expect(await p.query('companies', { where: [{ field: 'ownerId', op: 'eq', value: 'u1' }] })).toEqual({ rows: [], total: 0 });
      });
    });

    describe('rowsSince', () => {
      it('returns rows with a version above the cursor in ascending version, at most limit', async () => {
        const versions = { vvvv0001: 5, vvvv0002: 2, vvvv0003: 9, vvvv0004: 7 };
        await p.commit({ rows: Object.entries(versions).map(([id, v]) => ({ collection: 'companies' as Collection, row: makeRow(id, { deletedAt: v === 9 ? 1 : null }, v) })) });
        expect((await p.rowsSince('companies', 0, 10)).map((r) => r.v)).toEqual([2, 5, 7, 9]);
        expect((await p.rowsSince('companies', 5, 10)).map((r) => r.id)).toEqual(['vvvv0004', 'vvvv0003']);
        expect((await p.rowsSince('companies', 0, 2)).map((r) => r.v)).toEqual([2, 5]);
        expect(await p.rowsSince('companies', 9, 10)).toEqual([]);
        expect(await p.rowsSince('deals', 0, 10)).toEqual([]);
      });
    });

    describe('scanRows', () => {
      it('visits every row, deleted ones included, once, in batches of at most batchSize', async () => {
        const rows = Array.from({ length: 23 }, (_, i) => makeRow(`scan${String(i).padStart(4, '0')}`, { deletedAt: i % 5 === 0 ? 1 : null }, i + 1));
        await p.commit({ rows: rows.map((row) => ({ collection: 'deals' as Collection, row })) });
        const batches: StoredRow[][] = [];
        await p.scanRows('deals', 5, (batch) => {
          batches.push(batch);
        });
        expect(batches.every((b) => b.length > 0 && b.length <= 5)).toBe(true);
        expect(batches.flat().map((r) => r.id).sort()).toEqual(ids(rows).sort());
        expect(batches.flat()).toEqual(expect.arrayContaining(rows));
      });

      it('waits for an async callback before reading the next batch', async () => {
        await p.commit({ rows: ['s1s1s1s1', 's2s2s2s2', 's3s3s3s3'].map((id) => ({ collection: 'contacts' as Collection, row: makeRow(id) })) });
        const events: string[] = [];
        await p.scanRows('contacts', 1, async (batch) => {
          events.push(`start ${batch[0].id}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          events.push(`end ${batch[0].id}`);
        });
        expect(events).toEqual(['start s1s1s1s1', 'end s1s1s1s1', 'start s2s2s2s2', 'end s2s2s2s2', 'start s3s3s3s3', 'end s3s3s3s3']);
      });

      it('never calls back for an empty collection', async () => {
        let calls = 0;
        await p.scanRows('activities', 10, () => {
          calls++;
        });
        expect(calls).toBe(0);
      });
    });

    describe('maxRowVersion', () => {
      it('is 0 when nothing is stored and the highest version across collections otherwise', async () => {
        expect(await p.maxRowVersion()).toBe(0);
        await p.commit({
          rows: [
            { collection: 'contacts', row: makeRow('mv000001', {}, 3) },
            { collection: 'activities', row: makeRow('mv000002', { deletedAt: 1 }, 11) },
            { collection: 'deals', row: makeRow('mv000003', {}, 7) },
          ],
        });
        expect(await p.maxRowVersion()).toBe(11);
      });
    });

    describe('meta', () => {
      it('round-trips values, replaces them, and answers undefined for missing keys', async () => {
        await p.commit({ meta: [{ key: 'lastSeq', value: 10 }, { key: 'search', value: { version: 2, fields: ['a'] } }, { key: 'flag', value: false }] });
        await p.commit({ meta: [{ key: 'lastSeq', value: 11 }] });
        expect(await p.getMeta('lastSeq')).toBe(11);
        expect(await p.getMeta('search')).toEqual({ version: 2, fields: ['a'] });
        expect(await p.getMeta('flag')).toBe(false);
        expect(await p.getMeta('missing')).toBeUndefined();
      });
    });

    describe('closed storage', () => {
      it('rejects every call with a closed StoreError once closed', async () => {
        await p.close();
        const calls: [string, () => Promise<unknown>][] = [
          ['commit', () => p.commit({ meta: [{ key: 'k', value: 1 }] })],
          ['getDocStates', () => p.getDocStates(['d'])],
          ['listDocIds', () => p.listDocIds('')],
          ['getRows', () => p.getRows('contacts', ['x'])],
          ['query', () => p.query('contacts', {})],
          ['count', () => p.count('contacts')],
          ['rowsSince', () => p.rowsSince('contacts', 0, 10)],
          ['scanRows', () => p.scanRows('contacts', 10, () => {})],
          ['maxRowVersion', () => p.maxRowVersion()],
          ['outbox', () => p.outbox(10)],
          ['outboxCount', () => p.outboxCount()],
          ['getMeta', () => p.getMeta('k')],
        ];
        for (const [method, call] of calls) {
          const error = await rejection(call());
          expect(error.code, method).toBe('closed');
        }
      });
    });

    describe('randomized queries', () => {
      const envSeed = Number(process.env.CARNET_SEED);
      const seeds = [...PINNED_SEEDS, Number.isFinite(envSeed) ? envSeed : Math.floor(Math.random() * 2 ** 31)];
      for (const seed of seeds) {
        for (const collection of ['contacts', 'deals', 'activities'] as RandomCollection[]) {
          it(`answers 50 random ${collection} queries over 500 rows exactly as runQuery does (seed ${seed})`, async () => {
            const random = seededRandom(seed);
            const rows = Array.from({ length: 500 }, (_, i) => randomRow(collection, random, i));
            await p.commit({ rows: rows.map((row) => ({ collection, row })) });
            for (let n = 0; n < 50; n++) {
              const query = randomQuery(collection, random);
              const expected = runQuery(rows, query);
              const actual = await p.query(collection, query);
              expect(actual, `seed ${seed} (rerun with CARNET_SEED=${seed}), query #${n}: ${JSON.stringify(query)}`).toEqual(expected);
            }
          });
        }
      }
    });
  });
}
