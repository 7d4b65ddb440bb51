// Makes sure build/ holds the app before a test serves it. .ci/run builds first, so this
// normally returns at once; when build/index.html is missing it runs `vite build` once,
// guarded by a lock directory so parallel test files do not build over each other.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { BUILD_DIR, REPO_ROOT } from './paths.ts';

const run = promisify(execFile);
const INDEX_HTML = resolve(BUILD_DIR, 'index.html');
const LOCK_DIR = resolve(REPO_ROOT, 'node_modules/.cache/carnet-build.lock');
/** A lock older than this is left over from a crashed run. */
const STALE_LOCK_MS = 5 * 60_000;

async function lockAge(): Promise<number | null> {
  try {
    return Date.now() - (await stat(LOCK_DIR)).mtimeMs;
  } catch {
    return null;
  }
}

async function tryLock(): Promise<boolean> {
  await mkdir(resolve(LOCK_DIR, '..'), { recursive: true });
  try {
    await mkdir(LOCK_DIR);
    return true;
  } catch {
    const age = await lockAge();
    if (age !== null && age > STALE_LOCK_MS) {
      await rm(LOCK_DIR, { recursive: true, force: true });
      return tryLock();
    }
    return false;
  }
}

export async function ensureAppBuilt(): Promise<void> {
  while (!existsSync(INDEX_HTML)) {
    if (await tryLock()) {
      try {
        if (!existsSync(INDEX_HTML)) {
          await run(process.execPath, [resolve(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
            cwd: REPO_ROOT,
            maxBuffer: 64 * 1024 * 1024,
          });
        }
      } finally {
        await rm(LOCK_DIR, { recursive: true, force: true });
      }
    } else {
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}
