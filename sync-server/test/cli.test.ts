// `carnet backup` and `carnet restore` as a user runs them: a real process, a real data
// directory, exit codes and messages checked.
import { afterAll, describe, expect, it } from 'bun:test';
import { Database } from 'bun:sqlite';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRelayDatabase } from '../src/storage/database.ts';
import { LOCK_FILE } from '../src/storage/data-dir.ts';
import { createSqliteStorage } from '../src/storage/sqlite-storage.ts';
import { LOCAL_ORIGIN, markCreated, newRecordDoc, transactWithUpdate, writeFields } from '@carnet/store';
import { entry, fieldsOf, recordUpdates } from './storage-contract.ts';

const CLI = join(import.meta.dir, '..', 'src', 'cli', 'index.ts');
const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function carnet(target: string | { dir: string; env: Record<string, string> }, ...args: string[]) {
  const dataDir = typeof target === 'string' ? target : target.dir;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>), ...(typeof target === 'string' ? {} : target.env), DATA_DIR: dataDir,
  };
  delete env.INIT_CWD;
  const child = Bun.spawn([process.execPath, CLI, ...args], { env, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { code, stdout, stderr };
}

async function withStorage<T>(dataDir: string, use: (storage: ReturnType<typeof createSqliteStorage>) => Promise<T>): Promise<T> {
  const db = openRelayDatabase(dataDir);
  const storage = createSqliteStorage(db);
  try {
    return await use(storage);
  } finally {
    await storage.close();
    db.close();
  }
}

describe('carnet CLI', () => {
  it('backs up, then restores that backup with the data as it was', async () => {
    const dataDir = tempDir();
    const updates = recordUpdates({ name: 'Ana', stage: 'won' });
    await withStorage(dataDir, (s) => s.append('ws', [entry('deals/a', updates[0])]));

    const backup = await carnet(dataDir, 'backup', '--keep', '3');
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('Backup written:');
    const [name] = readdirSync(join(dataDir, 'backups'));
    expect(name).toMatch(/^carnet-.*\.db$/);

    await withStorage(dataDir, (s) => s.append('ws', [entry('deals/a', updates[1])]));
    const listed = await carnet(dataDir, 'list');
    expect(listed.stdout).toContain(name);

    // By name from DATA_DIR/backups, as `list` shows it.
    const restore = await carnet(dataDir, 'restore', name);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('Restored');
    expect(restore.stdout).toContain('previous database was kept');

    await withStorage(dataDir, async (s) => {
      expect(await s.headSeq('ws')).toBe(1);
      expect(fieldsOf(await s.docState('ws', 'deals/a'))).toEqual({ name: 'Ana' });
    });
  });

  it('refuses to restore a file that is not a Carnet database, and changes nothing', async () => {
    const dataDir = tempDir();
    await withStorage(dataDir, (s) => s.append('ws', [entry('deals/a', recordUpdates({ name: 'Ana' })[0])]));
    const text = join(dataDir, 'notes.txt');
    writeFileSync(text, 'not a database');
    const plainSqlite = join(dataDir, 'other.db');
    new Database(plainSqlite, { create: true }).run('CREATE TABLE t (x)');

    for (const file of [text, plainSqlite, join(dataDir, 'missing.db')]) {
      const result = await carnet(dataDir, 'restore', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Refused:');
      expect(result.stderr).toContain('Nothing was changed.');
    }
    await withStorage(dataDir, async (s) => expect(await s.headSeq('ws')).toBe(1));
    expect(readdirSync(dataDir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('refuses to restore while the relay holds the data directory', async () => {
    const dataDir = tempDir();
    await withStorage(dataDir, async () => {});
    expect((await carnet(dataDir, 'backup')).code).toBe(0);
    const [name] = readdirSync(join(dataDir, 'backups'));
    const relay = Bun.spawn(['sleep', '30']);
    writeFileSync(join(dataDir, LOCK_FILE), `${relay.pid}\n`);
    try {
      const result = await carnet(dataDir, 'restore', name);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`in use by process ${relay.pid}`);
    } finally {
      relay.kill();
      await relay.exited;
    }
  });

  it('compacts every log now, deriving the rows bundles carry, but not while the relay runs', async () => {
    const dataDir = tempDir();
    const doc = newRecordDoc('contacts/c0000000000000001');
    const update = transactWithUpdate(doc, LOCAL_ORIGIN, () => {
      writeFields(doc, { firstName: 'Ana' }, new Set());
      markCreated(doc, { userId: 'u0000001', deviceId: 'd' }, 5);
    })!;
    await withStorage(dataDir, (s) => s.append('ws', [entry('contacts/c0000000000000001', update), entry('deals/a', recordUpdates({ n: 1 })[0])]));

    const relay = Bun.spawn(['sleep', '30']);
    writeFileSync(join(dataDir, LOCK_FILE), `${relay.pid}\n`);
    try {
      const refused = await carnet(dataDir, 'compact');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Stop the relay first');
    } finally {
      relay.kill();
      await relay.exited;
      rmSync(join(dataDir, LOCK_FILE), { force: true });
    }

    const result = await carnet({ dir: dataDir, env: { LOG_KEEP_TAIL: '0' } }, 'compact');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ws: 2 log entries merged into 2 docs, 2 rows derived');
    await withStorage(dataDir, async (s) => {
      expect(await s.readLog('ws', 0, 10)).toEqual([]);
      const [contact, deal] = await s.docStates('ws', null, 10);
      expect(JSON.parse(new TextDecoder().decode(contact.row!))).toMatchObject({ id: 'c0000000000000001', firstName: 'Ana', createdAt: 5 });
      expect(deal.row).toBeNull();
    });
  });

  it('explains what is wrong with exit codes 1 and 2', async () => {
    const empty = tempDir();
    const noDb = await carnet(empty, 'backup');
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('No database at');
    expect((await carnet(empty, 'frobnicate')).code).toBe(2);
    expect((await carnet(empty, 'restore')).code).toBe(2);
    expect((await carnet(empty, 'backup', '--keep', '0')).code).toBe(2);
    const help = await carnet(empty, 'help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run carnet -- <command>');
  });
});
