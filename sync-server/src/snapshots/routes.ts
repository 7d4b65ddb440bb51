// HTTP surface of snapshots: the bootstrap bundle and per-record history. Authorization is
// passed in (built from the auth module by the integrator), so this file knows nothing of
// sessions; it only asks "may this request read this workspace, and which docs".
import { Elysia } from 'elysia';
import type { RelayStorage, RowOf } from '../storage/relay-storage.ts';
import { BUNDLE_CONTENT_TYPE } from '@carnet/sync';
import { writeBundle } from './bundle-writer.ts';

export type AccessDecision =
  | { allowed: true; /** Docs this reader may see; default all. */ canRead?: (docId: string) => boolean }
  | { allowed: false; status: 401 | 403 | 404; code: string; message: string };

export type Authorize = (request: Request, workspaceId: string) => AccessDecision | Promise<AccessDecision>;

export interface SnapshotRoutesOptions {
  authorize: Authorize;
  /** Docs per bundle chunk. Default 500. */
  pageSize?: number;
  /** Derives the rows of docs storage holds none for (see writeBundle). Default: none. */
  rowOf?: RowOf;
  /** Most history entries per request. Default 200. */
  maxHistory?: number;
  now?: () => number;
}

const HISTORY_DEFAULT = 50;

function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

export function snapshotRoutes(storage: RelayStorage, options: SnapshotRoutesOptions) {
  const maxHistory = options.maxHistory ?? 200;
  return new Elysia({ name: 'carnet-snapshots' })
    .get('/api/workspaces/:id/bundle', async ({ params, request }) => {
      const access = await options.authorize(request, params.id);
      if (!access.allowed) return jsonError(access.status, access.code, access.message);
      const stream = writeBundle(storage, params.id, {
        pageSize: options.pageSize,
        includeDoc: access.canRead,
        rowOf: options.rowOf,
        now: options.now,
      });
      return new Response(stream, {
        headers: { 'content-type': BUNDLE_CONTENT_TYPE, 'cache-control': 'no-store' },
      });
    })
    .get('/api/workspaces/:id/history', async ({ params, query, request }) => {
      const access = await options.authorize(request, params.id);
      if (!access.allowed) return jsonError(access.status, access.code, access.message);
      const docId = typeof query.doc === 'string' ? query.doc : '';
      if (docId === '') return jsonError(400, 'bad_request', 'the doc query parameter is required');
      if (access.canRead && !access.canRead(docId)) return jsonError(403, 'forbidden', 'no access to this record');
      const limit = parseBound(query.limit, HISTORY_DEFAULT);
      const before = parseBound(query.before, Number.MAX_SAFE_INTEGER);
      if (limit === null || before === null) return jsonError(400, 'bad_request', 'limit and before must be positive integers');
      const entries = await storage.docHistory(params.id, docId, Math.min(limit, maxHistory), before);
      const nextBefore = entries.length === Math.min(limit, maxHistory) ? entries[entries.length - 1]?.seq ?? null : null;
      return { docId, entries, nextBefore };
    });
}

function parseBound(raw: unknown, fallback: number): number | null {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}
