// The sync layer's HTTP surface: two WebSocket routes on one Elysia instance. Authorization
// happens before the upgrade (401/403 as JSON, no socket opened); each accepted socket is
// handed to the hub with a `Peer` over Bun's ServerWebSocket, whose sendBinary keeps frames
// binary (Elysia's `ws.send` would turn a Uint8Array into JSON text).
import { Elysia, status } from 'elysia';
import type { SyncHub } from './hub.ts';
import type { Peer, SocketGrant, SocketSession } from './socket-session.ts';

/** The socket paths, for the integrator and tests. */
export const SYNC_PATH = '/sync';
export const YJS_PATH_PREFIX = '/yjs';

/** The part of Bun's ServerWebSocket (`ws.raw`) a peer needs. */
interface RawSocket {
  sendBinary(data: Uint8Array<ArrayBuffer>): number;
  close(code?: number, reason?: string): void;
  /** Bun has it; Elysia's copy of the type does not declare it. */
  getBufferedAmount?(): number;
}

function peerOf(raw: RawSocket): Peer {
  return {
    send: (frame) => void raw.sendBinary(frame),
    close: (code, reason) => raw.close(code, reason),
    bufferedAmount: () => raw.getBufferedAmount?.() ?? 0,
  };
}

export function syncWebSocketRoutes(hub: SyncHub) {
  // The grant decided at upgrade, found again when the socket opens (same Request object).
  const grants = new WeakMap<Request, SocketGrant>();
  const sessions = new WeakMap<object, SocketSession>();

  function authorize(request: Request, workspaceId: string | undefined, docId?: string): void {
    const decision = hub.authorize(request, workspaceId, docId);
    if (!decision.ok) throw status(decision.status, { error: { code: decision.code, message: decision.message } });
    grants.set(request, decision.grant);
  }

  function take(request: Request): SocketGrant {
    const grant = grants.get(request);
    if (!grant) throw new Error('socket opened without an upgrade grant');
    grants.delete(request);
    return grant;
  }

  return new Elysia({ name: 'carnet-sync' })
    .ws(SYNC_PATH, {
      beforeHandle({ request, query }) {
        authorize(request, typeof query.workspace === 'string' ? query.workspace : undefined);
      },
      open(ws) {
        sessions.set(ws.raw, hub.openCarnet(peerOf(ws.raw), take(ws.data.request)));
      },
      message(ws, message) {
        sessions.get(ws.raw)?.receive(message);
      },
      close(ws) {
        sessions.get(ws.raw)?.transportClosed();
      },
    })
    .ws(`${YJS_PATH_PREFIX}/:workspaceId/*`, {
      beforeHandle({ request, params }) {
        authorize(request, params.workspaceId, docIdOf(params['*']));
      },
      open(ws) {
        const docId = docIdOf(ws.data.params['*']);
        sessions.set(ws.raw, hub.openYjs(peerOf(ws.raw), take(ws.data.request), docId));
      },
      message(ws, message) {
        sessions.get(ws.raw)?.receive(message);
      },
      close(ws) {
        sessions.get(ws.raw)?.transportClosed();
      },
    });
}

function docIdOf(path: string | undefined): string {
  try {
    return decodeURIComponent(path ?? '');
  } catch {
    return '';
  }
}
