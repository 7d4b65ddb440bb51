// Shared pieces of the relay bench: starting the Carnet relay (Bun) and the Hocuspocus peer
// (Node) as child processes on 127.0.0.1, the owner account over HTTP, raw protocol frames for
// both systems, process RSS/CPU from /proc, and percentiles. Every child started here is
// tracked and SIGKILLed when the bench process exits, so no bun/node is left behind.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as encoding from 'lib0/encoding';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUN = join(ROOT, 'node_modules/.bin/bun');
export const SYNC_SERVER_DIR = join(ROOT, 'sync-server');
const HERE = fileURLToPath(new URL('.', import.meta.url));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const nowNs = () => process.hrtime.bigint();
export const msSince = (startNs: bigint) => Number(process.hrtime.bigint() - startNs) / 1e6;

// ---- children ------------------------------------------------------------------------------

const children = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
export function killAllChildren(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {}
  }
}
process.once('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

export interface Server {
  kind: 'carnet' | 'hocuspocus';
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  dataDir: string;
  output(): string;
  /** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  kill9(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, output: () => string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output());
      if (match) {
        done();
        resolve(match);
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`server exited with ${code} before starting:\n${output()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

function serverHandle(kind: Server['kind'], child: ChildProcess, port: number, dataDir: string, output: () => string): Server {
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const kill9 = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGKILL');
    await exited;
  };
  return { kind, child, pid: child.pid!, port, url: `http://127.0.0.1:${port}`, dataDir, output, stop, kill9 };
}

export interface CarnetOptions {
  port?: number;
  dataDir?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** `bun sync-server/src/index.ts` on a DATA_DIR (fresh temp dir by default). */
export async function startCarnet(options: CarnetOptions = {}): Promise<Server> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'carnet-relay-bench-'));
  const port = options.port ?? (await freePort());
  const child = track(
    spawn(BUN, ['src/index.ts'], {
      cwd: SYNC_SERVER_DIR,
      env: {
        ...process.env,
        BACKUP_INTERVAL_MINUTES: '0',
        MESSAGES_PER_SECOND: '200',
        ...options.env,
        DATA_DIR: dataDir,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  const output = () => out;
  await waitForLine(child, /^Data: /m, output, options.timeoutMs ?? 30_000);
  return serverHandle('carnet', child, port, dataDir, output);
}

/** The Hocuspocus peer (bench/relay/hocuspocus-server.mjs) under Node, in memory. */
export async function startHocuspocus(options: { port?: number; timeoutMs?: number } = {}): Promise<Server> {
  const port = options.port ?? (await freePort());
  const child = track(
    spawn(process.execPath, [join(HERE, 'hocuspocus-server.mjs')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOCUSPOCUS_TOKEN: HOCUSPOCUS_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  const output = () => out;
  await waitForLine(child, /^HOCUSPOCUS_LISTENING (\d+)/m, output, options.timeoutMs ?? 30_000);
  return serverHandle('hocuspocus', child, port, '', output);
}

export const HOCUSPOCUS_TOKEN = 'bench-token';

/** A Node child running a TypeScript module of this folder (through tsx), with IPC. */
export function forkTs(file: string, args: string[] = [], execArgv: string[] = []): ChildProcess {
  return track(fork(join(HERE, file), args, { execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], cwd: ROOT }));
}

// ---- Carnet HTTP -----------------------------------------------------------------------------

export interface Owner {
  userId: string;
  cookie: string;
  workspaceId: string;
}

export const OWNER = { email: 'owner@example.com', name: 'Owner', password: 'correct horse battery', workspaceName: 'Bench' };

function sessionCookie(response: Response): string | undefined {
  const setCookie = response.headers.get('set-cookie');
  return setCookie ? /^(carnet_session=[^;]*)/.exec(setCookie)?.[1] : undefined;
}

export async function setUpOwner(base: string): Promise<Owner> {
  const response = await fetch(`${base}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
  const body = (await response.json()) as any;
  const cookie = sessionCookie(response);
  if (response.status !== 201 || !cookie) throw new Error(`setup failed: ${response.status} ${JSON.stringify(body)}`);
  return { userId: body.user.id, cookie, workspaceId: body.workspace.id };
}

export async function logIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
  });
  const cookie = sessionCookie(response);
  if (response.status >= 300 || !cookie) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return cookie;
}

export const carnetSyncUrl = (port: number, workspaceId: string) => `ws://127.0.0.1:${port}/sync?workspace=${workspaceId}`;

// ---- frames --------------------------------------------------------------------------------

/** y-protocols awareness update bytes for one client (what encodeAwarenessUpdate writes). */
export function awarenessUpdate(clientId: number, clock: number, state: unknown): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  encoding.writeVarString(e, JSON.stringify(state));
  return encoding.toUint8Array(e);
}

/** Hocuspocus frames: varString document name, varUint message type, payload. */
export const Hp = {
  auth(doc: string, token: string): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 2); // MessageType.Auth
    encoding.writeVarUint(e, 0); // AuthMessageType.Token
    encoding.writeVarString(e, token);
    return encoding.toUint8Array(e);
  },
  syncStep1(doc: string, stateVector: Uint8Array = new Uint8Array([0])): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 0); // MessageType.Sync
    encoding.writeVarUint(e, 0); // y-protocols messageYjsSyncStep1
    encoding.writeVarUint8Array(e, stateVector);
    return encoding.toUint8Array(e);
  },
  update(doc: string, update: Uint8Array): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2); // messageYjsUpdate
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  },
  awareness(doc: string, update: Uint8Array): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, doc);
    encoding.writeVarUint(e, 1); // MessageType.Awareness
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  },
};

/** Latency marker written into each measured update: `~lat:<idx 6>:<hrtime ns 20>;`. */
export const MARKER = Buffer.from('~lat:');
export function markerValue(idx: number, ns: bigint): string {
  return `~lat:${String(idx).padStart(6, '0')}:${ns.toString().padStart(20, '0')};`;
}
export function readMarker(buf: Buffer): { idx: number; ns: bigint } | null {
  const at = buf.indexOf(MARKER);
  if (at < 0 || at + 32 > buf.length) return null;
  const text = buf.toString('latin1', at + 5, at + 32);
  return { idx: Number(text.slice(0, 6)), ns: BigInt(text.slice(7, 27)) };
}

// ---- /proc ---------------------------------------------------------------------------------

export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** utime+stime of a process in seconds. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

// ---- stats ---------------------------------------------------------------------------------

export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summary(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    n: sorted.length,
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

export const round = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits;
