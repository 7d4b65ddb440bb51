// Where the relay's data lives and who is using it. DATA_DIR resolves against the directory
// the user ran npm from (INIT_CWD), so `npm start` (which runs in sync-server/) and
// `npm run carnet` (at the root) agree on ./data. The lock file keeps a restore from
// replacing the database under a running relay, and two relays off one directory.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_DATA_DIR = 'data';
export const LOCK_FILE = 'relay.lock';

export function resolveDataDir(env: Record<string, string | undefined>, cwd: string = process.cwd()): string {
  const raw = env.DATA_DIR?.trim();
  return resolve(env.INIT_CWD || cwd, raw ? raw : DEFAULT_DATA_DIR);
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`${dataDir} is in use by process ${pid} (a running relay?); stop it first`);
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Claims the data directory for this process (DATA_DIR/relay.lock holding our pid), creating
 * the directory when it does not exist yet. A lock left by a process that no longer runs, e.g.
 * after kill -9, is taken over. Throws DataDirLockedError while another live process holds it.
 */
export function lockDataDir(dataDir: string, pid: number = process.pid): DataDirLock {
  // A first start on a fresh machine: ./data does not exist yet.
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSafe(path), 10);
      if (Number.isInteger(holder) && holder > 0 && holder !== pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${pid}\n`);
    closeSync(fd);
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        if (Number.parseInt(readFileSafe(path), 10) === pid) rmSync(path, { force: true });
      },
    };
  }
  throw new Error(`cannot create ${path}`);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
