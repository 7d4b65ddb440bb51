// Test harness for the auth suites: a real SQLite file in a temporary directory, a clock the
// test moves by hand, every auth event recorded, cheap argon2id, and an HTTP client over
// `app.handle` that keeps its own cookie like a browser would.
import { Database } from 'bun:sqlite';
import { Elysia } from 'elysia';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authRoutes, createAuth, type AuthConfig, type AuthEventMap, type AuthEventType } from '../src/auth/index.ts';

export const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
export const ORIGIN = 'http://localhost';

export type RecordedEvent = { [K in AuthEventType]: { type: K } & AuthEventMap[K] }[AuthEventType];

export function makeAuth(config: Partial<AuthConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-auth-'));
  const db = new Database(join(dir, 'relay.db'), { create: true, strict: true });
  db.exec('PRAGMA journal_mode = WAL');
  let now = T0;
  const auth = createAuth({
    db,
    clock: () => now,
    config: { trustProxy: true, argon2: { memoryCost: 1024, timeCost: 1 }, ...config },
  });
  const events: RecordedEvent[] = [];
  for (const type of ['session.revoked', 'member.removed', 'member.role_changed', 'token.revoked'] as const) {
    auth.events.on(type, (event) => events.push({ type, ...event } as RecordedEvent));
  }
  const app = new Elysia().use(authRoutes(auth));
  return {
    auth,
    db,
    app,
    events,
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    client: (ip = '10.0.0.1') => new Client(app, ip),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Harness = ReturnType<typeof makeAuth>;

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
  setCookie: string | null;
}

/** A browser-ish client: keeps the session cookie it is given, sends it back. */
export class Client {
  cookie: string | null = null;
  bearer: string | null = null;
  constructor(
    private app: { handle(request: Request): Promise<Response> },
    public ip: string,
  ) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { 'x-forwarded-for': this.ip, 'user-agent': 'auth-test', ...headers };
    if (this.cookie) h.cookie = `carnet_session=${this.cookie}`;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const response = await this.app.handle(new Request(ORIGIN + path, { method, headers: h, body: payload }));
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const value = /^carnet_session=([^;]*)/.exec(setCookie)?.[1] ?? '';
      this.cookie = /Max-Age=0/.test(setCookie) || value === '' ? null : value;
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers, setCookie };
  }
  get = (path: string, headers?: Record<string, string>) => this.send('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.send('POST', path, body, headers);
  patch = (path: string, body?: unknown) => this.send('PATCH', path, body);
  delete = (path: string) => this.send('DELETE', path);
}

export const OWNER = { email: 'Olivia@Example.com', name: 'Olivia Owner', password: 'correct horse battery', workspaceName: 'Acme' };

/** Runs setup through HTTP; returns the logged-in owner client and the workspace id. */
export async function setUp(h: Harness) {
  const owner = h.client();
  const reply = await owner.post('/api/setup', OWNER);
  if (reply.status !== 201) throw new Error(`setup failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { owner, ownerId: reply.body.user.id as string, workspaceId: reply.body.workspace.id as string };
}

/** Invites someone with `role` and signs them up through the link; returns their client. */
export async function addMember(h: Harness, admin: Client, workspaceId: string, role: string, email: string, ip = '10.0.0.9') {
  const invite = await admin.post(`/api/workspaces/${workspaceId}/invites`, { role });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const member = h.client(ip);
  const accepted = await member.post(`/api/invites/${invite.body.token}/accept`, { email, name: email.split('@')[0], password: 'member password 1' });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { client: member, userId: accepted.body.user.id as string };
}
