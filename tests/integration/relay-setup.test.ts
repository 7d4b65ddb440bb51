// The assembled relay as a real Bun process: first-start setup, sign-in, the bootstrap bundle,
// data kept across a restart, and a second relay refused on the same data directory.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'carnet-setup-'));
const relays: RunningRelay[] = [];
afterAll(async () => {
  for (const relay of relays) await relay.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const owner = { email: 'owner@agence.fr', name: 'Élodie Martin', password: 'correct horse battery staple', workspaceName: 'Agence Lumière' };
/** Waits until the relay has printed `pattern` (its first lines come right after the URL). */
async function printed(relay: RunningRelay, pattern: RegExp, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(relay.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return relay.output();
}

const json = (body: unknown, cookie?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
  body: JSON.stringify(body),
});

describe('relay first start and restart', () => {
  let cookie = '';
  let workspaceId = '';

  it('prints how to create the owner account, then creates it once', async () => {
    const relay = await startRelay({ dataDir });
    relays.push(relay);
    expect(await printed(relay, /^Data: /m)).toMatch(/First start: no account exists yet/);
    expect(await (await fetch(`${relay.url}/api/setup`)).json()).toEqual({ needsSetup: true });

    const created = await fetch(`${relay.url}/api/setup`, json(owner));
    expect(created.status).toBe(201);
    cookie = created.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toMatch(/^carnet_session=/);
    const again = await fetch(`${relay.url}/api/setup`, json(owner));
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBeTruthy();

    const me = await (await fetch(`${relay.url}/api/auth/me`, { headers: { cookie } })).json();
    expect(me.user.email).toBe(owner.email);
    expect(me.workspaces).toHaveLength(1);
    expect(me.workspaces[0].role).toBe('owner');
    workspaceId = me.workspaces[0].id;
  });

  it('serves the bootstrap bundle to members only', async () => {
    const relay = relays[0];
    const bundle = await fetch(`${relay.url}/api/workspaces/${workspaceId}/bundle`, { headers: { cookie } });
    expect(bundle.status).toBe(200);
    const bytes = new Uint8Array(await bundle.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('CRNB');
    const anonymous = await fetch(`${relay.url}/api/workspaces/${workspaceId}/bundle`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthorized');
  });

  it('creates a data directory that does not exist yet (a first start on a fresh machine)', async () => {
    const fresh = join(dataDir, 'not', 'there', 'yet');
    const relay = await startRelay({ dataDir: fresh });
    try {
      expect((await fetch(`${relay.url}/api/health`)).status).toBe(200);
      expect(existsSync(join(fresh, 'carnet.db'))).toBe(true);
    } finally {
      expect(await relay.stop()).toBe(0);
    }
  });

  it('refuses a second relay on the same data directory', async () => {
    await expect(startRelay({ dataDir, timeoutMs: 10_000 })).rejects.toThrow(/relay did not start/);
  });

  it('keeps accounts across a restart', async () => {
    expect(await relays[0].stop()).toBe(0);
    const relay = await startRelay({ dataDir });
    relays.push(relay);
    expect(await printed(relay, /^Data: /m)).not.toMatch(/First start/);
    const login = await fetch(`${relay.url}/api/auth/login`, json({ email: owner.email, password: owner.password }));
    expect(login.status).toBe(200);
    const wrong = await fetch(`${relay.url}/api/auth/login`, json({ email: owner.email, password: 'nope nope nope' }));
    expect(wrong.status).toBe(401);
  });
});
