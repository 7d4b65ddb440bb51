// The RelayStorage contract, run against every implementation (storage-memory.test.ts,
// storage-sqlite.test.ts). A PostgreSQL storage passes the same suite: write a test file
// that calls storageContractSuite with a harness that creates a fresh schema per test.
import { afterEach, describe, expect, it } from 'bun:test';
import * as Y from 'yjs';
import { StorageError, StorageErrorCode } from '../src/storage/errors.ts';
import type { AppendEntry, RelayStorage, RowOf, StorageLimits } from '../src/storage/relay-storage.ts';

export interface StorageHarness {
  storage: RelayStorage;
  /** For persistent implementations: close and open the same data again. */
  reopen?: () => Promise<RelayStorage>;
  cleanup: () => Promise<void>;
}

export type StorageFactory = (options: { limits?: Partial<StorageLimits>; rowOf?: RowOf }) => Promise<StorageHarness>;

/** A stand-in row derivation: the doc's fields as JSON, none for the workspace doc. */
export const testRowOf: RowOf = (docId, state) =>
  docId === 'workspace' ? null : new TextEncoder().encode(JSON.stringify({ docId, ...fieldsOf(state) }));

export function rowJson(row: Uint8Array | null | undefined): unknown {
  return row ? JSON.parse(new TextDecoder().decode(row)) : row;
}

const WS = 'ws-1';

/** A record doc with a few fields set, one update per set (as a client would push them). */
export function recordUpdates(fields: Record<string, unknown>, clientID = 1): Uint8Array[] {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const [key, value] of Object.entries(fields)) doc.getMap('fields').set(key, value);
  return updates;
}

/** `count` updates spread round-robin over `docs` record docs: update i sets field f<i>. */
export function interleavedUpdates(count: number, docs: number, prefix = 'contacts/'): AppendEntry[] {
  const ydocs = Array.from({ length: docs }, (_, i) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = 100 + i;
    return doc;
  });
  return Array.from({ length: count }, (_, i) => {
    const doc = ydocs[i % docs];
    const before = Y.encodeStateVector(doc);
    doc.getMap('fields').set(`f${i}`, i);
    return entry(`${prefix}${i % docs}`, Y.encodeStateAsUpdate(doc, before), { at: 5000 + i });
  });
}

export function fieldsOf(state: Uint8Array | null): Record<string, unknown> {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getMap('fields').toJSON();
}

export function entry(docId: string, update: Uint8Array, overrides: Partial<AppendEntry> = {}): AppendEntry {
  return { docId, update, userId: 'u-ana', deviceId: 'd-laptop', at: 1_700_000_000_000, ...overrides };
}

async function expectStorageError(promise: Promise<unknown>, code: StorageErrorCode): Promise<StorageError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe(code);
    return error as StorageError;
  }
  throw new Error(`expected a StorageError ${code}, but the call succeeded`);
}

export function storageContractSuite(name: string, factory: StorageFactory): void {
  describe(`RelayStorage contract: ${name}`, () => {
    let harness: StorageHarness | undefined;
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });
    async function setup(limits?: Partial<StorageLimits>, rowOf?: RowOf): Promise<RelayStorage> {
      harness = await factory({ limits, rowOf });
      return harness.storage;
    }

    it('numbers appends 1, 2, 3… per workspace, independently', async () => {
      const storage = await setup();
      const [a, b, c] = recordUpdates({ name: 'Ana', city: 'Lyon', stage: 'lead' });
      expect(await storage.append(WS, [entry('contacts/a', a), entry('contacts/a', b)])).toEqual([1, 2]);
      expect(await storage.append('ws-2', [entry('contacts/x', c)])).toEqual([1]);
      expect(await storage.append(WS, [entry('deals/d', c)])).toEqual([3]);
      expect(await storage.headSeq(WS)).toBe(3);
      expect(await storage.headSeq('ws-2')).toBe(1);
      expect(await storage.workspaceIds()).toEqual(['ws-1', 'ws-2']);
    });

    it('gives concurrent appends distinct, gap-free seqs', async () => {
      const storage = await setup();
      const results = await Promise.all(interleavedUpdates(40, 7).map((e) => storage.append(WS, [e])));
      expect(results.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    });

    it('reports an unknown workspace as empty', async () => {
      const storage = await setup();
      expect(await storage.headSeq('nope')).toBe(0);
      expect(await storage.oldestSeq('nope')).toBe(1);
      expect(await storage.readLog('nope', 0, 10)).toEqual([]);
      expect(await storage.docState('nope', 'contacts/a')).toBeNull();
      expect(await storage.docIds('nope')).toEqual([]);
      expect(await storage.docHistory('nope', 'contacts/a', 10)).toEqual([]);
      expect(await storage.append(WS, [])).toEqual([]);
      expect(await storage.headSeq(WS)).toBe(0);
    });

    it('reads the log after a seq with exact bytes and attribution, up to a limit', async () => {
      const storage = await setup();
      const updates = recordUpdates({ a: 1, b: 2, c: 3, d: 4 });
      await storage.append(WS, updates.map((u, i) => entry(`contacts/${i}`, u, { userId: `u${i}`, deviceId: `d${i}`, at: 1000 + i })));
      const log = await storage.readLog(WS, 1, 2);
      expect(log.map((e) => e.seq)).toEqual([2, 3]);
      expect(log[0]).toEqual({ seq: 2, docId: 'contacts/1', update: updates[1], userId: 'u1', deviceId: 'd1', at: 1001 });
      expect([...log[1].update]).toEqual([...updates[2]]);
      expect(await storage.readLog(WS, 4, 10)).toEqual([]);
      expect(await storage.readLog(WS, 0, 0)).toEqual([]);
    });

    it('keeps its own copy of the bytes it was given', async () => {
      const storage = await setup();
      const [update] = recordUpdates({ name: 'Ana' });
      const original = update.slice();
      await storage.append(WS, [entry('contacts/a', update)]);
      update.fill(0);
      const [stored] = await storage.readLog(WS, 0, 1);
      expect([...stored.update]).toEqual([...original]);
      stored.update.fill(0);
      expect([...(await storage.readLog(WS, 0, 1))[0].update]).toEqual([...original]);
    });

    it('merges a doc state from all its updates, whoever pushed them', async () => {
      const storage = await setup();
      const ana = recordUpdates({ name: 'Ana', city: 'Lyon' }, 1);
      const bob = recordUpdates({ phone: '+33 1' }, 2);
      await storage.append(WS, [entry('contacts/a', ana[0]), entry('contacts/b', bob[0])]);
      await storage.append(WS, [entry('contacts/a', bob[0], { userId: 'u-bob' }), entry('contacts/a', ana[1])]);
      expect(fieldsOf(await storage.docState(WS, 'contacts/a'))).toEqual({ name: 'Ana', city: 'Lyon', phone: '+33 1' });
      expect(fieldsOf(await storage.docState(WS, 'contacts/b'))).toEqual({ phone: '+33 1' });
      expect(await storage.docState(WS, 'contacts/none')).toBeNull();
    });

    describe('refuses bad input before it reaches the log', () => {
      const bad: [string, Uint8Array][] = [
        ['random bytes', Uint8Array.from([0xff, 0xfe, 0x13, 0x37, 0x99, 0x01, 0x02, 0x03])],
        ['a truncated update', recordUpdates({ name: 'Ana Lopez' })[0].slice(0, 10)],
        ['an update with trailing bytes', Uint8Array.from([...recordUpdates({ name: 'Ana' })[0], 7, 7])],
        ['an empty array', new Uint8Array(0)],
      ];
      for (const [label, bytes] of bad) {
        it(`refuses ${label} as malformed and appends nothing of the batch`, async () => {
          const storage = await setup();
          const [good] = recordUpdates({ name: 'Ana' });
          const error = await expectStorageError(
            storage.append(WS, [entry('contacts/a', good), entry('contacts/a', bytes)]),
            StorageErrorCode.MalformedUpdate,
          );
          expect(error.entryIndex).toBe(1);
          expect(await storage.headSeq(WS)).toBe(0);
          expect(await storage.readLog(WS, 0, 10)).toEqual([]);
        });
      }

      it('refuses an update over the size limit', async () => {
        const storage = await setup({ maxUpdateBytes: 1024 });
        const [big] = recordUpdates({ note: 'x'.repeat(2000) });
        const [small] = recordUpdates({ note: 'x'.repeat(100) });
        await expectStorageError(storage.append(WS, [entry('deals/d', big)]), StorageErrorCode.UpdateTooLarge);
        expect(await storage.append(WS, [entry('deals/d', small)])).toEqual([1]);
      });

      it('refuses an update over the default limit of 2 MiB', async () => {
        const storage = await setup();
        const [big] = recordUpdates({ note: 'x'.repeat(2 * 1024 * 1024 + 1) });
        await expectStorageError(storage.append(WS, [entry('deals/d', big)]), StorageErrorCode.UpdateTooLarge);
      });

      it('refuses missing ids, lone surrogates and bad times', async () => {
        const storage = await setup();
        const [u] = recordUpdates({ a: 1 });
        await expectStorageError(storage.append('', [entry('contacts/a', u)]), StorageErrorCode.InvalidEntry);
        await expectStorageError(storage.append(WS, [entry('', u)]), StorageErrorCode.InvalidEntry);
        await expectStorageError(storage.append(WS, [entry('contacts/\ud800', u)]), StorageErrorCode.InvalidEntry);
        await expectStorageError(storage.append(WS, [entry('contacts/a', u, { userId: '' })]), StorageErrorCode.InvalidEntry);
        await expectStorageError(storage.append(WS, [entry('contacts/a', u, { at: Number.NaN })]), StorageErrorCode.InvalidEntry);
        await expectStorageError(storage.readLog(WS, -1, 10), StorageErrorCode.InvalidArgument);
        await expectStorageError(storage.compact(WS, { keepTail: -1 }), StorageErrorCode.InvalidArgument);
        expect(await storage.headSeq(WS)).toBe(0);
      });
    });

    it('lists doc ids sorted, by prefix, whether compacted or only in the log', async () => {
      const storage = await setup();
      const [u] = recordUpdates({ a: 1 });
      const ids = ['deals/2', 'contacts/b', 'contacts/a', 'contacts/é', 'companies/z', 'contacts/a', 'workspace'];
      await storage.append(WS, ids.map((id) => entry(id, u)));
      await storage.compact(WS, { keepTail: 3 });
      await storage.append(WS, [entry('contacts/c', u), entry('contacts/😀', u)]);
      expect(await storage.docIds(WS)).toEqual([
        'companies/z', 'contacts/a', 'contacts/b', 'contacts/c', 'contacts/é', 'contacts/😀', 'deals/2', 'workspace',
      ]);
      expect(await storage.docIds(WS, 'contacts/')).toEqual(['contacts/a', 'contacts/b', 'contacts/c', 'contacts/é', 'contacts/😀']);
      expect(await storage.docIds(WS, 'deals/')).toEqual(['deals/2']);
      expect(await storage.docIds(WS, 'notes/')).toEqual([]);
    });

    it('pages through every doc state in id order', async () => {
      const storage = await setup();
      const expected = new Map<string, Record<string, unknown>>();
      for (let i = 0; i < 23; i++) {
        const docId = `contacts/${String(i).padStart(3, '0')}`;
        const fields = { name: `c${i}`, rank: i };
        expected.set(docId, fields);
        await storage.append(WS, recordUpdates(fields, 10 + i).map((u) => entry(docId, u)));
        if (i === 11) await storage.compact(WS, { keepTail: 5 });
      }
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await storage.docStates(WS, after, 5);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(5);
        for (const { docId, state } of page) {
          seen.push(docId);
          expect(fieldsOf(state)).toEqual(expected.get(docId)!);
        }
        after = page[page.length - 1].docId;
      }
      expect(seen).toEqual([...expected.keys()]);
    });

    it('compacts all but the tail, keeping doc states, seqs and the tail for catch-up', async () => {
      const storage = await setup();
      await storage.append(WS, interleavedUpdates(30, 3));
      const before = await Promise.all([0, 1, 2].map((i) => storage.docState(WS, `contacts/${i}`)));

      const result = await storage.compact(WS, { keepTail: 10, chunkSize: 4 });
      expect(result).toEqual({ mergedEntries: 20, docsTouched: 3, oldestSeq: 21, rowsDerived: 0 });
      expect(await storage.oldestSeq(WS)).toBe(21);
      expect(await storage.headSeq(WS)).toBe(30);
      expect((await storage.readLog(WS, 0, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 21 + i));
      expect((await storage.readLog(WS, 20, 100)).length).toBe(10);
      for (const i of [0, 1, 2]) {
        expect(fieldsOf(await storage.docState(WS, `contacts/${i}`))).toEqual(fieldsOf(before[i]));
      }
      expect(await storage.append(WS, [entry('contacts/0', recordUpdates({ late: true }, 9)[0])])).toEqual([31]);
      expect(fieldsOf(await storage.docState(WS, 'contacts/0'))).toMatchObject({ f0: 0, f27: 27, late: true });

      expect((await storage.compact(WS, { keepTail: 0 })).oldestSeq).toBe(32);
      expect(await storage.readLog(WS, 0, 100)).toEqual([]);
      expect(await storage.compact(WS, { keepTail: 0 })).toEqual({ mergedEntries: 0, docsTouched: 0, oldestSeq: 32, rowsDerived: 0 });
      expect(fieldsOf(await storage.docState(WS, 'contacts/0'))).toMatchObject({ f0: 0, f27: 27, late: true });
      expect(await storage.compact('nope', { keepTail: 0 })).toEqual({ mergedEntries: 0, docsTouched: 0, oldestSeq: 1, rowsDerived: 0 });
      expect((await storage.docStates(WS, null, 10)).every((doc) => !('row' in doc))).toBe(true);
    });

    it("keeps each compacted state's row and serves it until a later entry for the doc arrives", async () => {
      const storage = await setup(undefined, testRowOf);
      await storage.append(WS, [...interleavedUpdates(30, 3), entry('workspace', recordUpdates({ name: 'Team' })[0])]);
      expect(await storage.docStates(WS, null, 10)).toSatisfy((docs) => docs.every((doc) => !('row' in doc)));

      expect(await storage.compact(WS, { keepTail: 0, chunkSize: 7 })).toMatchObject({ mergedEntries: 31, docsTouched: 4, rowsDerived: 4 });
      const docs = await storage.docStates(WS, null, 10);
      expect(docs.map((doc) => doc.docId)).toEqual(['contacts/0', 'contacts/1', 'contacts/2', 'workspace']);
      for (const doc of docs.slice(0, 3)) expect(rowJson(doc.row)).toEqual({ docId: doc.docId, ...fieldsOf(doc.state) });
      expect(docs[3].row).toBeNull();

      await storage.append(WS, [entry('contacts/1', recordUpdates({ late: true }, 77)[0])]);
      const [first, second, third] = await storage.docStates(WS, null, 3);
      expect(rowJson(first.row)).toMatchObject({ f0: 0 });
      expect(second).not.toHaveProperty('row');
      expect(fieldsOf(second.state)).toMatchObject({ late: true });
      expect(rowJson(third.row)).toMatchObject({ f2: 2 });

      expect(await storage.compact(WS, { keepTail: 0 })).toMatchObject({ mergedEntries: 1, rowsDerived: 1 });
      expect(rowJson((await storage.docStates(WS, 'contacts/0', 1))[0].row)).toMatchObject({ f1: 1, late: true });
    });

    it('keeps accepting appends while a compaction runs, and loses none of them', async () => {
      const storage = await setup();
      const entries = interleavedUpdates(300, 10);
      await storage.append(WS, entries.slice(0, 200));
      const compaction = storage.compact(WS, { keepTail: 0, chunkSize: 10 });
      const appended = await Promise.all(entries.slice(200).map((e) => storage.append(WS, [e])));
      await compaction;
      expect(appended.flat()).toEqual(Array.from({ length: 100 }, (_, i) => 201 + i));
      const merged: Record<string, unknown> = {};
      for (let i = 0; i < 10; i++) Object.assign(merged, fieldsOf(await storage.docState(WS, `contacts/${i}`)));
      expect(Object.keys(merged).length).toBe(300);
      const oldest = await storage.oldestSeq(WS);
      expect((await storage.readLog(WS, oldest - 1, 1000)).length).toBe(300 - oldest + 1);
    });

    it('keeps who changed a doc and when after compaction, newest first, paged by seq', async () => {
      const storage = await setup();
      const updates = recordUpdates({ a: 1, b: 2, c: 3, d: 4, e: 5 });
      await storage.append(
        WS,
        updates.map((u, i) => entry(i === 2 ? 'contacts/other' : 'contacts/a', u, { userId: `u${i}`, deviceId: `d${i}`, at: 100 + i })),
      );
      await storage.compact(WS, { keepTail: 2 });
      const history = await storage.docHistory(WS, 'contacts/a', 10);
      expect(history).toEqual([
        { seq: 5, docId: 'contacts/a', userId: 'u4', deviceId: 'd4', at: 104, byteLength: updates[4].byteLength, inLog: true },
        { seq: 4, docId: 'contacts/a', userId: 'u3', deviceId: 'd3', at: 103, byteLength: updates[3].byteLength, inLog: true },
        { seq: 2, docId: 'contacts/a', userId: 'u1', deviceId: 'd1', at: 101, byteLength: updates[1].byteLength, inLog: false },
        { seq: 1, docId: 'contacts/a', userId: 'u0', deviceId: 'd0', at: 100, byteLength: updates[0].byteLength, inLog: false },
      ]);
      expect((await storage.docHistory(WS, 'contacts/a', 2)).map((h) => h.seq)).toEqual([5, 4]);
      expect((await storage.docHistory(WS, 'contacts/a', 2, 4)).map((h) => h.seq)).toEqual([2, 1]);
      expect((await storage.docHistory(WS, 'contacts/other', 10)).map((h) => h.userId)).toEqual(['u2']);
    });

    it('refuses calls once closed', async () => {
      const storage = await setup();
      await storage.close();
      await expectStorageError(storage.headSeq(WS), StorageErrorCode.Closed);
    });

    it('keeps everything across a reopen (persistent storages)', async () => {
      const storage = await setup();
      if (!harness?.reopen) return;
      const updates = recordUpdates({ name: 'Ana', city: 'Lyon', stage: 'won' });
      await storage.append(WS, updates.map((u) => entry('deals/a', u)));
      await storage.compact(WS, { keepTail: 1 });
      const reopened = await harness.reopen();
      expect(await reopened.headSeq(WS)).toBe(3);
      expect(await reopened.oldestSeq(WS)).toBe(3);
      expect(fieldsOf(await reopened.docState(WS, 'deals/a'))).toEqual({ name: 'Ana', city: 'Lyon', stage: 'won' });
      expect((await reopened.docHistory(WS, 'deals/a', 10)).length).toBe(3);
      expect(await reopened.append(WS, [entry('deals/a', recordUpdates({ x: 1 }, 5)[0])])).toEqual([4]);
    });
  });
}
