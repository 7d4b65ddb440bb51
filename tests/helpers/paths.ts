// Well-known locations in the repository, for tests that start real processes.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = resolve(REPO_ROOT, 'build');
export const SYNC_SERVER_DIR = resolve(REPO_ROOT, 'sync-server');
/** The Bun binary itself (not a wrapper), so its pid is the relay's pid. */
export const BUN = resolve(REPO_ROOT, 'node_modules/.bin/bun');
export const SCREENSHOTS_DIR = resolve(REPO_ROOT, 'tests/e2e/screenshots');
