// The contract on a real SQLite file, plus what only SQLite has: durable pragmas, sharing the
// file with other modules' tables, and acknowledged seqs surviving a kill -9 mid-stream.
import { afterAll, describe, expect, it } from 'bun:test';
import { Database } from 'bun:sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectCarnetDatabase, openDatabaseFile, openRelayDatabase, RELAY_DB_FILE } from '../src/storage/database.ts';
import { createSqliteStorage } from '../src/storage/sqlite-storage.ts';
import { entry, fieldsOf, interleavedUpdates, recordUpdates, rowJson, storageContractSuite, testRowOf } from './storage-contract.ts';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-storage-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

storageContractSuite('sqlite', async ({ limits, rowOf }) => {
  const dir = tempDir();
  let db = openRelayDatabase(dir);
  let storage = createSqliteStorage(db, { limits, rowOf });
  return {
    storage,
    reopen: async () => {
      await storage.close();
      db.close();
      db = openRelayDatabase(dir);
      storage = createSqliteStorage(db, { limits, rowOf });
      return storage;
    },
    cleanup: async () => {
      await storage.close();
      db.close();
    },
  };
});

describe('SQLite relay database', () => {
  it('opens DATA_DIR/carnet.db in WAL mode with synchronous=FULL and a busy timeout', () => {
    const dir = tempDir();
    const db = openRelayDatabase(join(dir, 'nested', 'data'));
    expect(db.query<{ journal_mode: string }, []>('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    expect(db.query<{ synchronous: number }, []>('PRAGMA synchronous').get()?.synchronous).toBe(2);
    expect(db.query<{ timeout: number }, []>('PRAGMA busy_timeout').get()?.timeout).toBe(5000);
    db.close();
    expect(inspectCarnetDatabase(join(dir, 'nested', 'data', RELAY_DB_FILE))).toMatchObject({ ok: true, formatVersion: 1 });
  });

  it("shares the file with other modules' tables without touching them", async () => {
    const dir = tempDir();
    const db = openRelayDatabase(dir);
    db.run('CREATE TABLE IF NOT EXISTS auth_accounts (id TEXT PRIMARY KEY, email TEXT NOT NULL)');
    db.run("INSERT INTO auth_accounts VALUES ('u-ana', 'ana@example.com')");
    const storage = createSqliteStorage(db);
    await storage.append('ws', [entry('contacts/a', recordUpdates({ name: 'Ana' })[0])]);
    await storage.close();
    // A second storage on the same handle finds its tables and data in place.
    const again = createSqliteStorage(db);
    expect(fieldsOf(await again.docState('ws', 'contacts/a'))).toEqual({ name: 'Ana' });
    expect(db.query('SELECT * FROM auth_accounts').all()).toEqual([{ id: 'u-ana', email: 'ana@example.com' }]);
    await again.close();
    db.close();
  });

  it('refuses to open a file that is an SQLite database of something else', () => {
    const dir = tempDir();
    const path = join(dir, 'other.db');
    const other = new Database(path, { create: true });
    other.run("CREATE TABLE relay_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO relay_meta VALUES ('format', 'someone-else')");
    other.close();
    expect(inspectCarnetDatabase(path)).toMatchObject({ ok: false });
    expect(() => openDatabaseFile(path)).toThrow(/not a Carnet database/);
  });
});

describe('rows kept beside doc states', () => {
  it('adds the row columns to tables written by an older relay and derives their rows on the next compaction', async () => {
    const dir = tempDir();
    const db = openRelayDatabase(dir);
    // sync_doc_states as schema 1 wrote it.
    db.run(`CREATE TABLE sync_doc_states (workspace_id TEXT NOT NULL, doc_id TEXT NOT NULL, state BLOB NOT NULL,
      merged_seq INTEGER NOT NULL, PRIMARY KEY (workspace_id, doc_id))`);
    const old = createSqliteStorage(db);
    await old.append('ws', interleavedUpdates(20, 5));
    expect(await old.compact('ws', { keepTail: 0 })).toMatchObject({ mergedEntries: 20, rowsDerived: 0 });
    await old.close();

    const storage = createSqliteStorage(db, { rowOf: testRowOf });
    expect(db.query<{ value: string }, []>("SELECT value FROM relay_meta WHERE key = 'sync_storage_schema'").get()?.value).toBe('2');
    expect((await storage.docStates('ws', null, 10)).every((doc) => !('row' in doc))).toBe(true);
    expect(await storage.compact('ws', { keepTail: 0, chunkSize: 2 })).toMatchObject({ mergedEntries: 0, rowsDerived: 5 });
    for (const doc of await storage.docStates('ws', null, 10)) expect(rowJson(doc.row)).toEqual({ docId: doc.docId, ...fieldsOf(doc.state) });
    expect(await storage.compact('ws', { keepTail: 0 })).toMatchObject({ rowsDerived: 0 });
    await storage.close();
    db.close();
  });

  it('does not serve a row an older relay left behind when it rewrote the state', async () => {
    const dir = tempDir();
    const db = openRelayDatabase(dir);
    const storage = createSqliteStorage(db, { rowOf: testRowOf });
    await storage.append('ws', [entry('contacts/a', recordUpdates({ name: 'Ana' })[0])]);
    await storage.compact('ws', { keepTail: 0 });
    // What a relay without rows does on compaction: a new state and merged_seq, the row untouched.
    db.run("UPDATE sync_doc_states SET merged_seq = merged_seq + 1 WHERE doc_id = 'contacts/a'");
    expect((await storage.docStates('ws', null, 1))[0]).not.toHaveProperty('row');
    expect(await storage.compact('ws', { keepTail: 0 })).toMatchObject({ rowsDerived: 1 });
    expect(rowJson((await storage.docStates('ws', null, 1))[0].row)).toEqual({ docId: 'contacts/a', name: 'Ana' });
    await storage.close();
    db.close();
  });
});

describe('durability', () => {
  const ROUNDS = 20;
  it(`keeps every acknowledged seq with its exact bytes when the writer is killed with SIGKILL (${ROUNDS} rounds)`, async () => {
    const dir = tempDir();
    const writer = join(import.meta.dir, 'fixtures', 'append-writer.ts');
    const acknowledged = new Map<number, string>();
    for (let round = 0; round < ROUNDS; round++) {
      const child = Bun.spawn([process.execPath, writer, dir, String(round)], { stdout: 'pipe', stderr: 'inherit' });
      const reader = child.stdout.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      let lines = 0;
      // Kill after a varying number of acknowledgements, so the kill lands at different points.
      const killAfter = 20 + ((round * 37) % 80);
      while (lines < killAfter) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          const [seq, hex] = line.split(' ');
          acknowledged.set(Number(seq), hex);
          lines++;
        }
      }
      child.kill('SIGKILL');
      await child.exited;
      expect(lines).toBeGreaterThanOrEqual(killAfter);
    }

    const db = openRelayDatabase(dir);
    const storage = createSqliteStorage(db);
    const stored = new Map((await storage.readLog('ws', 0, 1_000_000)).map((e) => [e.seq, Buffer.from(e.update).toString('hex')]));
    const head = await storage.headSeq('ws');
    expect(stored.size).toBe(head);
    for (const [seq, hex] of acknowledged) expect(stored.get(seq)).toBe(hex);
    // Gap-free: every seq from 1 to head is present.
    for (let seq = 1; seq <= head; seq++) expect(stored.has(seq)).toBe(true);
    await storage.close();
    db.close();
  }, 60_000);
});
