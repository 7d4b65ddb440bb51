// `npm run carnet -- import` as an admin runs it: a real relay process (Bun, SQLite in a
// temporary DATA_DIR), the CLI as another real process with an API token, and a second client
// (a SyncClient over a Store, as a browser) that checks what reached the relay. A rep's token
// is refused with exit 2 and a dry run writes nothing: the bundle's log head does not move.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { Store } from '@carnet/store';
import { bundleUrl, readBundle, SyncClient, type WebSocketLike } from '@carnet/sync';
import { BUN, REPO_ROOT } from '../helpers/paths.ts';
import type { RunningRelay } from '../helpers/relay.ts';
import { memoryStore } from '../helpers/store.ts';
import { addMember, setUpOwner, socketAs, startSyncRelay, wsUrl, type Account } from '../helpers/sync-relay.ts';

const FIXTURE = resolve(REPO_ROOT, 'tests/fixtures/import/relay-contacts.csv');
const CLI = resolve(REPO_ROOT, 'sync-server/src/cli/index.ts');

let relay: RunningRelay;
let owner: Account;
let rep: Account;
let workspaceId: string;
let ownerToken: string;
let repToken: string;

async function apiToken(account: Account): Promise<string> {
  const response = await fetch(`${relay.url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: account.cookie },
    body: JSON.stringify({ name: 'import', workspaceId }),
  });
  if (response.status !== 201) throw new Error(`token: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** The CLI as `npm run carnet -- import …` runs it (the script is `bun sync-server/src/cli/index.ts`). */
function carnet(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(BUN, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, CARNET_RELAY: relay.url, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** The relay's log head, as the owner's bundle states it. */
async function headSeq(): Promise<number> {
  const response = await fetch(bundleUrl(relay.url, workspaceId), { headers: { cookie: owner.cookie } });
  for await (const item of readBundle(response.body!)) if (item.type === 'header') return item.header.headSeq;
  throw new Error('no bundle header');
}

/** A teammate's browser: a fresh Store synced from the relay until live. */
async function teammateView(): Promise<Store> {
  const store = await memoryStore({ userId: owner.userId, now: () => Date.now() });
  const client = new SyncClient({
    store, url: wsUrl(relay, workspaceId), workspaceId, deviceId: 'teammate',
    createSocket: (url) => {
      const socket: WebSocket = socketAs(url, owner);
      socket.on('error', () => {});
      return socket as unknown as WebSocketLike;
    },
  });
  client.start();
  const deadline = Date.now() + 10_000;
  while (client.status !== 'live') {
    if (Date.now() > deadline) throw new Error('teammate never went live');
    await new Promise((r) => setTimeout(r, 20));
  }
  await client.stop();
  return store;
}

beforeAll(async () => {
  relay = await startSyncRelay();
  ({ owner, workspaceId } = await setUpOwner(relay.url));
  rep = await addMember(relay.url, owner, workspaceId, 'rep');
  ownerToken = await apiToken(owner);
  repToken = await apiToken(rep);
});

afterAll(async () => {
  await relay?.stop();
});

describe('carnet import through a running relay', () => {
  it("refuses a rep's token with exit 2 and writes nothing", async () => {
    const before = await headSeq();
    const result = await carnet(['import', FIXTURE, '--workspace', workspaceId, '--type', 'contacts'], { CARNET_TOKEN: repToken });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Refused: importing needs the owner or admin role. This token acts as rep');
    expect(result.stderr).toContain('Nothing was written.');
    expect(await headSeq()).toBe(before);
  });

  it('checks the file on --dry-run, reports the bad rows, and writes nothing', async () => {
    const before = await headSeq();
    const result = await carnet(['import', FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--dry-run', '--token', ownerToken]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('nothing was written');
    expect(result.stdout).toContain('Row 4, column "Email": This is not a valid email address.');
    expect(await headSeq()).toBe(before);
  });

  it('imports the good rows, reports the bad ones with exit 1, and a teammate receives the records', async () => {
    const result = await carnet(['import', FIXTURE, '--workspace', workspaceId, '--type', 'contacts', '--token', ownerToken]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/imported:\s+3\n/);
    expect(result.stdout).toMatch(/refused:\s+2\n/);
    expect(result.stdout).toContain('Row 4, column "Email": This is not a valid email address. Value: "sofia@@bellavista".');
    expect(result.stdout).toContain('Row 5, column "Lead Score": Must be between 0 and 100. Value: "140".');

    const view = await teammateView();
    try {
      const contacts = (await view.query('contacts', {})).rows;
      expect(contacts.map((c) => `${c.firstName} ${c.lastName}`).sort()).toEqual(["Grace Hopper", "James O'Connor", 'Élodie Marchand']);
      const companies = (await view.query('companies', {})).rows;
      expect(companies.map((c) => c.name).sort()).toEqual(['Atelier Lumière SAS', "O'Connor Logistics", 'Univac Corp']);
      const grace = contacts.find((c) => c.firstName === 'Grace')!;
      expect(grace.companyId).toBe(companies.find((c) => c.name === 'Univac Corp')!.id);
      expect(grace.createdBy).toBe(owner.userId);
    } finally {
      await view.close();
    }
  });

  it('works as the npm script, with the usage on a wrong call (exit 2)', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn('npm', ['run', '--silent', 'carnet', '--', 'import', FIXTURE, '--type', 'contacts'], {
        cwd: REPO_ROOT, env: { ...process.env, CARNET_TOKEN: ownerToken }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.once('exit', (code) => done({ code, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--workspace <id> is required.');
    expect(result.stderr).toContain('Usage: npm run carnet -- import <file>');
  });
});
