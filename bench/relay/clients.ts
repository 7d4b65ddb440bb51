// A client process of the relay bench: holds many raw WebSocket clients (`ws`) of one system
// (Carnet protocol, or Hocuspocus' y-protocols framing) and is driven over IPC by
// relay-bench.ts. Clients are deliberately thin (no Store, no Y.Doc): a frame is classified by
// its first bytes and measured frames are found by a marker in their bytes, so the client side
// costs as little as possible and the same for both systems.
//
//   init {system, count, ...}  → opens the sockets, answers {type:'ready'} once all are live/synced
//   presence {on}              → every socket sends an awareness update at 1 Hz (staggered)
//   report                     → answers {type:'report', latencies, ...}
//   close                      → closes every socket and exits
import WebSocket from 'ws';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import { backoffDelay, DEFAULT_BACKOFF, decodeRelayMessage, encodeMessage, PROTOCOL_VERSION } from '@carnet/sync';
import { awarenessUpdate, Hp, HOCUSPOCUS_TOKEN, MARKER, readMarker } from './lib.ts';

export interface ClientsConfig {
  system: 'carnet' | 'hocuspocus';
  /** ws://127.0.0.1:port/sync?workspace=… for Carnet, ws://127.0.0.1:port for Hocuspocus. */
  url: string;
  cookie?: string;
  workspaceId?: string;
  count: number;
  /** Index of this process' first client (client ids and names). */
  first: number;
  /** Docs every Hocuspocus client subscribes to (one socket, multiplexed). */
  docs: string[];
  /** Record docs presence is about: client i views presenceDocs[i % length]. */
  presenceDocs: string[];
  /** Latencies of markers with idx below this are not kept (warm-up). */
  warmup: number;
  /** Reconnect with the SyncClient backoff when the server goes away, and note when live again. */
  reconnect: boolean;
  /** Sockets opened at once. */
  wave?: number;
}

type Msg =
  | { cmd: 'init'; config: ClientsConfig }
  | { cmd: 'presence'; on: boolean }
  | { cmd: 'report' }
  | { cmd: 'close' };

const send = (m: unknown) => process.send!(m);

let config: ClientsConfig;
const latencies: number[] = [];
let markerFrames = 0;
let frames = 0;
let bytes = 0;
const liveTimes: { client: number; ns: string; attempts: number }[] = [];
const errors: string[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

class Client {
  ws: WebSocket | null = null;
  live = false;
  lastSeq = 0;
  synced = new Set<string>();
  clock = 0;
  timer: ReturnType<typeof setInterval> | undefined;
  attempt = 0;
  closing = false;
  everLive = false;
  openedAt = 0;
  readonly clientId: number;
  readonly viewing: string;
  onLive: (() => void) | null = null;

  constructor(readonly index: number) {
    this.clientId = 1_000_000 + index;
    this.viewing = config.presenceDocs[index % config.presenceDocs.length];
  }

  connect(): void {
    const ws = new WebSocket(config.url, config.cookie ? { headers: { cookie: config.cookie } } : {});
    this.ws = ws;
    this.live = false;
    this.synced.clear();
    ws.on('open', () => {
      this.openedAt = Date.now();
      if (config.system === 'carnet') {
        ws.send(encodeMessage({ type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId: config.workspaceId!, lastSeq: this.lastSeq, deviceId: `bench-${this.index}` }));
      } else {
        for (const doc of config.docs) {
          ws.send(Hp.auth(doc, HOCUSPOCUS_TOKEN));
          ws.send(Hp.syncStep1(doc));
        }
      }
    });
    ws.on('message', (data: Buffer) => this.frame(data));
    ws.on('error', (error) => {
      if (errors.length < 20) errors.push(`${this.index}: ${error.message}`);
    });
    ws.on('close', () => {
      this.live = false;
      if (this.ws !== ws) return;
      if (this.closing || !config.reconnect) return;
      if (Date.now() - this.openedAt >= DEFAULT_BACKOFF.stableAfterMs && this.everLive) this.attempt = 0;
      const delay = backoffDelay(this.attempt++, Math.random);
      setTimeout(() => this.connect(), delay);
    });
  }

  #becameLive(): void {
    if (this.live) return;
    this.live = true;
    if (this.everLive) liveTimes.push({ client: this.index, ns: process.hrtime.bigint().toString(), attempts: this.attempt });
    this.everLive = true;
    this.onLive?.();
  }

  frame(data: Buffer): void {
    frames++;
    bytes += data.length;
    if (data.indexOf(MARKER) >= 0) {
      const marker = readMarker(data);
      if (marker) {
        markerFrames++;
        if (marker.idx >= config.warmup) latencies.push(Number(process.hrtime.bigint() - marker.ns) / 1e6);
      }
    }
    if (config.system === 'carnet') {
      const tag = data[0];
      if (tag === 7) return; // awareness
      if (tag === 2 || (config.reconnect && (tag === 1 || tag === 6)) || tag === 3 || tag === 10) {
        const message = decodeRelayMessage(data);
        if (message.type === 'live') {
          this.lastSeq = Math.max(this.lastSeq, message.headSeq);
          this.#becameLive();
        } else if (message.type === 'catchup') {
          for (const entry of message.entries) this.lastSeq = Math.max(this.lastSeq, entry.seq);
        } else if (message.type === 'update') {
          this.lastSeq = Math.max(this.lastSeq, message.seq);
        } else if (message.type === 'error' || message.type === 'bootstrap') {
          if (errors.length < 20) errors.push(`${this.index}: ${JSON.stringify(message)}`);
        }
      }
      return;
    }
    // Hocuspocus: varString doc, varUint type (0 sync, 1 awareness, 2 auth…), sync subtype.
    if (this.live) return;
    const decoder = decoding.createDecoder(data);
    const doc = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === 0 || type === 4) {
      const sub = decoding.readVarUint(decoder);
      if (sub === 1) {
        this.synced.add(doc);
        if (this.synced.size === config.docs.length) this.#becameLive();
      }
    } else if (type === 2) {
      const sub = decoding.readVarUint(decoder);
      if (sub === 1 && errors.length < 20) errors.push(`${this.index}: permission denied on ${doc}`);
    }
  }

  startPresence(offsetMs: number): void {
    setTimeout(() => {
      const tick = () => {
        if (!this.ws || this.ws.readyState !== WebSocket.OPEN || !this.live) return;
        const update = awarenessUpdate(this.clientId, ++this.clock, {
          user: { name: `Reader ${this.index}`, color: '#3b82f6' },
          viewing: this.viewing,
        });
        if (config.system === 'carnet') this.ws.send(encodeMessage({ type: 'awareness', docId: this.viewing, update }));
        else this.ws.send(Hp.awareness(this.viewing, update));
      };
      tick();
      this.timer = setInterval(tick, 1000);
    }, offsetMs);
  }

  stopPresence(): void {
    clearInterval(this.timer);
  }

  close(): void {
    this.closing = true;
    this.stopPresence();
    this.ws?.terminate();
  }
}

let clients: Client[] = [];
let cpuAtPresence = process.cpuUsage();
let wallAtPresence = Date.now();

process.on('message', async (raw) => {
  const msg = raw as Msg;
  if (msg.cmd === 'init') {
    config = msg.config;
    clients = Array.from({ length: config.count }, (_, i) => new Client(config.first + i));
    const wave = config.wave ?? 50;
    const started = Date.now();
    for (let i = 0; i < clients.length; i += wave) {
      await Promise.all(
        clients.slice(i, i + wave).map(
          (client) =>
            new Promise<void>((resolve) => {
              client.onLive = resolve;
              client.connect();
            }),
        ),
      );
      if (Date.now() - started > 120_000) break;
    }
    for (const client of clients) client.onLive = null;
    send({ type: 'ready', live: clients.filter((c) => c.live).length, ms: Date.now() - started, errors });
  } else if (msg.cmd === 'presence') {
    if (msg.on) {
      cpuAtPresence = process.cpuUsage();
      wallAtPresence = Date.now();
      loopDelay.reset();
      loopDelay.enable();
      clients.forEach((client, i) => client.startPresence(Math.floor((i / clients.length) * 1000)));
    } else clients.forEach((client) => client.stopPresence());
  } else if (msg.cmd === 'report') {
    const cpu = process.cpuUsage(cpuAtPresence);
    const wall = (Date.now() - wallAtPresence) / 1000;
    send({
      type: 'report',
      latencies,
      markerFrames,
      frames,
      bytes,
      live: clients.filter((c) => c.live).length,
      liveTimes,
      errors,
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 100),
      loopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e4) / 100,
    });
  } else if (msg.cmd === 'close') {
    for (const client of clients) client.close();
    setTimeout(() => process.exit(0), 100);
  }
});
process.on('disconnect', () => process.exit(0));
