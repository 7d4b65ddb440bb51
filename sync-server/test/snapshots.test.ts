// Bootstrap bundles (format, streaming, decoding from any chunking, refusal of damaged
// streams), the snapshot HTTP routes, point-in-time backups and restore.
import { afterAll, describe, expect, it } from 'bun:test';
import { Database } from 'bun:sqlite';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleError, BundleErrorCode, encodeBundleEnd, encodeBundleHeader, encodeDocRecords } from '@carnet/sync';
import { readBundle, type BundleItem } from '@carnet/sync';
import { writeBundle } from '../src/snapshots/bundle-writer.ts';
import { backupSettings, createBackup, listBackups, pruneBackups, startBackupSchedule, type Timers } from '../src/snapshots/backups.ts';
import { RestoreError, RestoreErrorCode, restoreBackup } from '../src/snapshots/restore.ts';
import { snapshotRoutes } from '../src/snapshots/routes.ts';
import { openRelayDatabase, RELAY_DB_FILE, relayEpoch } from '../src/storage/database.ts';
import { LOCK_FILE } from '../src/storage/data-dir.ts';
import { createMemoryStorage } from '../src/storage/memory-storage.ts';
import type { HistoryEntry, RelayStorage } from '../src/storage/relay-storage.ts';
import { createSqliteStorage } from '../src/storage/sqlite-storage.ts';
import { entry, fieldsOf, interleavedUpdates, recordUpdates } from './storage-contract.ts';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-snapshots-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function collect(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): Promise<BundleItem[]> {
  const items: BundleItem[] = [];
  for await (const item of readBundle(source)) items.push(item);
  return items;
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; chunks: number; largest: number }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return {
    bytes: Buffer.concat(parts),
    chunks: parts.length,
    largest: Math.max(...parts.map((part) => part.length)),
  };
}

async function* splitInto(bytes: Uint8Array, sizes: (i: number) => number): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes(i));
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function expectBundleError(source: AsyncIterable<Uint8Array>, code: BundleErrorCode): Promise<void> {
  try {
    await collect(source);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).code).toBe(code);
    return;
  }
  throw new Error(`expected BundleError ${code}`);
}

async function seededStorage(docs: number): Promise<RelayStorage> {
  const storage = createMemoryStorage();
  await storage.append('ws', interleavedUpdates(docs * 2, docs));
  await storage.compact('ws', { keepTail: docs });
  return storage;
}

describe('bootstrap bundle', () => {
  it('carries every doc state and the headSeq they include, header first and an end record last', async () => {
    const storage = await seededStorage(30);
    const items = await collect(writeBundle(storage, 'ws', { pageSize: 7, now: () => 42 }));
    expect(items[0]).toEqual({ type: 'header', header: { workspaceId: 'ws', headSeq: 60, createdAt: 42 } });
    expect(items.at(-1)).toEqual({ type: 'end', docCount: 30 });
    const docs = items.filter((item) => item.type === 'doc');
    expect(docs.map((doc) => doc.docId)).toEqual(await storage.docIds('ws'));
    for (const doc of docs) expect(fieldsOf(doc.state)).toEqual(fieldsOf(await storage.docState('ws', doc.docId)));
  });

  it('streams page by page instead of building one buffer', async () => {
    const storage = await seededStorage(2000);
    const { chunks, largest } = await bytesOf(writeBundle(storage, 'ws', { pageSize: 100 }));
    expect(chunks).toBe(1 + 20 + 1);
    expect(largest).toBeLessThan(100 * 200);
  });

  it('decodes the same docs however the bytes are split', async () => {
    const storage = await seededStorage(40);
    const { bytes } = await bytesOf(writeBundle(storage, 'ws', { pageSize: 9 }));
    const whole = await collect(splitInto(bytes, () => bytes.length));
    const single = await collect(splitInto(bytes, () => 1));
    let seed = 7;
    const random = await collect(splitInto(bytes, () => ((seed = (seed * 48271) % 2147483647) % 97) + 1));
    expect(single).toEqual(whole);
    expect(random).toEqual(whole);
    expect(whole.length).toBe(42);
  });

  it('leaves out the docs the reader may not see', async () => {
    const storage = createMemoryStorage();
    const [u] = recordUpdates({ a: 1 });
    await storage.append('ws', ['contacts/a', 'private/u-ana', 'private/u-bob', 'workspace'].map((id) => entry(id, u)));
    const items = await collect(writeBundle(storage, 'ws', { includeDoc: (id) => !id.startsWith('private/') || id === 'private/u-ana' }));
    expect(items.filter((i) => i.type === 'doc').map((i) => (i.type === 'doc' ? i.docId : ''))).toEqual([
      'contacts/a', 'private/u-ana', 'workspace',
    ]);
    expect(items.at(-1)).toEqual({ type: 'end', docCount: 3 });
  });

  it('includes every update up to its headSeq even when appends land while it streams', async () => {
    const storage = createMemoryStorage();
    const entries = interleavedUpdates(200, 50);
    await storage.append('ws', entries.slice(0, 100));
    const reader = readBundle(writeBundle(storage, 'ws', { pageSize: 10 }));
    const first = await reader.next();
    await storage.append('ws', entries.slice(100));
    const merged: Record<string, unknown> = {};
    for await (const item of reader) if (item.type === 'doc') Object.assign(merged, fieldsOf(item.state));
    expect(first.value).toMatchObject({ type: 'header', header: { headSeq: 100 } });
    for (let i = 0; i < 100; i++) expect(merged[`f${i}`]).toBe(i);
  });

  it('streams an empty workspace as a header and an end record', async () => {
    const items = await collect(writeBundle(createMemoryStorage(), 'empty'));
    expect(items).toEqual([
      { type: 'header', header: expect.objectContaining({ workspaceId: 'empty', headSeq: 0 }) },
      { type: 'end', docCount: 0 },
    ]);
  });

  describe('refuses a damaged stream with a typed error', () => {
    const header = encodeBundleHeader({ workspaceId: 'ws', headSeq: 3, createdAt: 0 });
    const doc = encodeDocRecords([{ docId: 'contacts/a', state: recordUpdates({ a: 1 })[0] }]);
    const good = Buffer.concat([header, doc, encodeBundleEnd(1)]);
    const cases: [string, Uint8Array, BundleErrorCode][] = [
      ['cut inside a doc', good.subarray(0, header.length + 20), BundleErrorCode.Truncated],
      ['cut before the end record', good.subarray(0, header.length + doc.length), BundleErrorCode.Truncated],
      ['not a bundle', new TextEncoder().encode('<html>502 Bad Gateway</html>'), BundleErrorCode.BadMagic],
      ['from a newer format', Uint8Array.from([...good.subarray(0, 4), 99, ...good.subarray(5)]), BundleErrorCode.UnsupportedVersion],
      ['with a wrong doc count', Buffer.concat([header, doc, encodeBundleEnd(2)]), BundleErrorCode.Malformed],
      ['with bytes after the end', Buffer.concat([good, Uint8Array.from([1])]), BundleErrorCode.Malformed],
      ['with an unknown record', Buffer.concat([header, Uint8Array.from([7, 0, 0, 0, 0])]), BundleErrorCode.Malformed],
      ['with an absurd length', Buffer.concat([header, Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff])]), BundleErrorCode.TooLarge],
    ];
    for (const [label, bytes, code] of cases) {
      it(label, async () => expectBundleError(splitInto(bytes, () => 5), code));
    }
  });
});

interface HistoryPage {
  entries: HistoryEntry[];
  nextBefore: number | null;
}

describe('snapshot routes', () => {
  async function app(allowed: boolean) {
    const storage = await seededStorage(12);
    return snapshotRoutes(storage, {
      authorize: () => (allowed ? { allowed: true } : { allowed: false, status: 401, code: 'unauthorized', message: 'sign in' }),
    });
  }

  it('serves the bundle as a binary stream', async () => {
    const response = await (await app(true)).handle(new Request('http://relay/api/workspaces/ws/bundle'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.carnet.bundle');
    const items = await collect(response.body!);
    expect(items.at(-1)).toEqual({ type: 'end', docCount: 12 });
  });

  it('answers 401 as JSON when the request is not authorized', async () => {
    const response = await (await app(false)).handle(new Request('http://relay/api/workspaces/ws/bundle'));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'sign in' } });
  });

  it("serves a record's history newest first with a cursor for the next page", async () => {
    const routes = await app(true);
    const response = await routes.handle(new Request('http://relay/api/workspaces/ws/history?doc=contacts/3&limit=1'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as HistoryPage;
    expect(body.entries).toEqual([expect.objectContaining({ seq: 16, docId: 'contacts/3', inLog: true })]);
    expect(body.nextBefore).toBe(16);
    const next = (await (await routes.handle(new Request(`http://relay/api/workspaces/ws/history?doc=contacts/3&before=16`))).json()) as HistoryPage;
    expect(next.entries.map((e) => [e.seq, e.inLog])).toEqual([[4, false]]);
    const bad = await routes.handle(new Request('http://relay/api/workspaces/ws/history?limit=1'));
    expect(bad.status).toBe(400);
  });
});

describe('backups', () => {
  function dbWithData(dataDir: string) {
    const db = openRelayDatabase(dataDir);
    return { db, storage: createSqliteStorage(db) };
  }

  it('writes a timestamped copy with VACUUM INTO and keeps the newest N', async () => {
    const dataDir = tempDir();
    const { db, storage } = dbWithData(dataDir);
    await storage.append('ws', [entry('contacts/a', recordUpdates({ name: 'Ana' })[0])]);
    const backupsDir = join(dataDir, 'backups');
    let minute = 0;
    const now = () => new Date(Date.UTC(2026, 10, 22, 9, minute++));
    const made = Array.from({ length: 5 }, () => createBackup(db, backupsDir, { keep: 3, now }));
    expect(made[0].name).toBe('carnet-2026-11-22T09-00-00-000Z.db');
    expect(listBackups(backupsDir).map((b) => b.name)).toEqual(made.slice(2).map((b) => b.name));
    expect(readdirSync(backupsDir).some((name) => name.endsWith('.partial'))).toBe(false);
    // Two backups in the same millisecond get distinct names.
    const same = () => new Date(Date.UTC(2027, 0, 1));
    expect(createBackup(db, backupsDir, { keep: 10, now: same }).name).not.toBe(createBackup(db, backupsDir, { keep: 10, now: same }).name);
    expect(pruneBackups(backupsDir, 1).length).toBe(4);

    const copy = new Database(listBackups(backupsDir)[0].path, { readonly: true });
    expect(copy.query('SELECT count(*) AS n FROM sync_log').get()).toEqual({ n: 1 });
    copy.close();
    await storage.close();
    db.close();
  });

  it('runs on the injected timer, reports errors instead of throwing, and stops', async () => {
    const dataDir = tempDir();
    const { db } = dbWithData(dataDir);
    let tick: (() => void) | null = null;
    let cleared = false;
    const timers: Timers = {
      setInterval: (callback, ms) => {
        expect(ms).toBe(60_000);
        tick = callback;
        return 1;
      },
      clearInterval: () => void (cleared = true),
    };
    const made: string[] = [];
    const errors: unknown[] = [];
    let n = 0;
    const schedule = startBackupSchedule({
      db, backupsDir: join(dataDir, 'backups'), intervalMs: 60_000, keep: 2, timers,
      now: () => new Date(Date.UTC(2026, 0, 1, 0, n++)),
      onBackup: (backup) => made.push(backup.name),
      onError: (error) => errors.push(error),
    });
    tick!();
    tick!();
    tick!();
    expect(made.length).toBe(3);
    expect(listBackups(join(dataDir, 'backups')).length).toBe(2);
    db.close();
    tick!();
    expect(errors.length).toBe(1);
    schedule.stop();
    expect(cleared).toBe(true);
    expect(schedule.runNow()).toBeNull();
  });

  it('reads its settings from the environment', () => {
    expect(backupSettings({})).toEqual({ intervalMs: 86_400_000, keep: 7 });
    expect(backupSettings({ BACKUP_INTERVAL_MINUTES: '0', BACKUP_KEEP: '30' })).toEqual({ intervalMs: 0, keep: 30 });
    expect(() => backupSettings({ BACKUP_KEEP: '0' })).toThrow(RangeError);
    expect(() => backupSettings({ BACKUP_INTERVAL_MINUTES: 'soon' })).toThrow(RangeError);
  });
});

describe('restore', () => {
  it('puts a backup in place, keeps the replaced database, and gives it a new epoch', async () => {
    const dataDir = tempDir();
    let db = openRelayDatabase(dataDir);
    let storage = createSqliteStorage(db);
    const updates = recordUpdates({ name: 'Ana', city: 'Lyon' });
    await storage.append('ws', [entry('contacts/a', updates[0])]);
    const backup = createBackup(db, join(dataDir, 'backups'));
    const epochBefore = relayEpoch(db);
    await storage.append('ws', [entry('contacts/a', updates[1])]);
    await storage.close();
    db.close();

    const result = restoreBackup(dataDir, backup.path, () => new Date(Date.UTC(2026, 0, 2)));
    expect(result.previousSavedAs).toBe(join(dataDir, `${RELAY_DB_FILE}.before-restore-2026-01-02T00-00-00-000Z`));

    db = openRelayDatabase(dataDir);
    storage = createSqliteStorage(db);
    expect(await storage.headSeq('ws')).toBe(1);
    expect(fieldsOf(await storage.docState('ws', 'contacts/a'))).toEqual({ name: 'Ana' });
    expect(relayEpoch(db)).not.toBe(epochBefore);
    await storage.close();
    db.close();

    const previous = new Database(result.previousSavedAs!, { readonly: true });
    expect(previous.query('SELECT count(*) AS n FROM sync_log').get()).toEqual({ n: 2 });
    previous.close();
  });

  it('refuses a file that is not a Carnet database and changes nothing', () => {
    const dataDir = tempDir();
    openRelayDatabase(dataDir).close();
    const text = join(dataDir, 'notes.txt');
    writeFileSync(text, 'hello');
    expect(() => restoreBackup(dataDir, text)).toThrow(RestoreError);
    const other = join(dataDir, 'other.db');
    new Database(other, { create: true }).run('CREATE TABLE t (x)');
    try {
      restoreBackup(dataDir, other);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as RestoreError).code).toBe(RestoreErrorCode.NotCarnetDatabase);
    }
    expect(readdirSync(dataDir).filter((name) => name.includes('before-restore'))).toEqual([]);
  });

  it('refuses while a live process holds the data directory', async () => {
    const dataDir = tempDir();
    const db = openRelayDatabase(dataDir);
    const backup = createBackup(db, join(dataDir, 'backups'));
    db.close();
    const holder = Bun.spawn(['sleep', '30']);
    writeFileSync(join(dataDir, LOCK_FILE), `${holder.pid}\n`);
    try {
      expect(() => restoreBackup(dataDir, backup.path)).toThrow(/in use by process/);
    } finally {
      holder.kill();
      await holder.exited;
    }
    // Once the holder is gone its lock is stale and the restore goes ahead.
    expect(restoreBackup(dataDir, backup.path).previousSavedAs).not.toBeNull();
  });
});
