// The relay the app bench runs against: a copy of the relay bench's seeded DATA_DIR (dataset
// seeded through the protocol and compacted, /tmp/carnet-relay-bench-seed-<size>), started as
// a real Bun process, plus a second member invited through the API. The seeded directory is
// never written to: the relay runs on a copy. When it is missing, the relay bench's bootstrap
// part seeds it (that run also records the relay's own bootstrap figure).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSize } from '../dataset.ts';
import { OWNER, ROOT, freePort, logIn, startCarnet, type Server } from '../relay/lib.ts';

export interface SeedInfo {
  workspaceId: string;
  userId: string;
  docs: number;
  headSeq: number;
}

export interface Person {
  email: string;
  password: string;
  name: string;
}

export const OWNER_PERSON: Person = { email: OWNER.email, password: OWNER.password, name: OWNER.name };
export const MEMBER: Person = { email: 'rep.bench@example.com', password: 'another correct horse', name: 'Bench Rep' };

export const seedDirOf = (size: DatasetSize) => join(tmpdir(), `carnet-relay-bench-seed-${size}`);

/** The seeded DATA_DIR of `size`, seeded by the relay bench first when it does not exist. */
export function ensureSeed(size: DatasetSize, log: (...args: unknown[]) => void): { dir: string; info: SeedInfo } {
  const dir = seedDirOf(size);
  const infoPath = join(dir, 'bench-seed.json');
  if (!existsSync(infoPath)) {
    log(`no seeded relay data at ${dir}: running the relay bench's bootstrap part to seed it`);
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['bench/relay/relay-bench.ts', size, '--only', 'bootstrap'], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0 || !existsSync(infoPath)) throw new Error(`seeding ${size} failed (exit ${run.status})`);
  }
  return { dir, info: JSON.parse(readFileSync(infoPath, 'utf8')) as SeedInfo };
}

/** Copies the seeded DATA_DIR (carnet.db and its WAL, if any) to `target`. */
export function copySeed(seedDir: string, target: string): void {
  execFileSync('cp', ['-r', '--reflink=auto', seedDir, target]);
}

/**
 * Starts the relay on `dataDir`, on the port it had the last time (kept beside the data): the
 * app's origin includes the port, and a browser's IndexedDB belongs to its origin, so a relay
 * on another port would meet empty browsers that download the workspace again.
 */
export async function startRelay(dataDir: string, appDir?: string): Promise<Server> {
  const portFile = join(dataDir, '..', 'relay-port');
  const port = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : await freePort();
  writeFileSync(portFile, String(port));
  // Compaction and backups off: neither may run in the middle of a measurement.
  return startCarnet({ dataDir, port, env: { COMPACT_INTERVAL_MINUTES: '0', BACKUP_INTERVAL_MINUTES: '0', ...(appDir ? { APP_DIR: appDir } : {}) }, timeoutMs: 120_000 });
}

async function post(base: string, path: string, body: unknown, cookie?: string) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
}

/** Invites MEMBER as a rep and signs them up; a member left by an earlier run on this data is kept. */
export async function ensureMember(base: string, workspaceId: string): Promise<Person> {
  const login = await post(base, '/api/auth/login', { email: MEMBER.email, password: MEMBER.password });
  if (login.status < 300) return MEMBER;
  const ownerCookie = await logIn(base);
  const invite = await post(base, `/api/workspaces/${workspaceId}/invites`, { role: 'rep' }, ownerCookie);
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const accepted = await post(base, `/api/invites/${invite.body.token}/accept`, MEMBER);
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return MEMBER;
}
