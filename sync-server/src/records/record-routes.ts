// Per-record history and restore over HTTP. History is derived from the record's document as
// the log holds it (who changed which field, when, old → new), with the same code the browser
// uses (@carnet/store's recordHistory), so the two can never disagree. Restoring writes the
// chosen past values as a new, attributed update through the sync hub: it lands in the log
// and reaches every connected browser live, like any teammate's edit.
import { Elysia } from 'elysia';
import * as Y from 'yjs';
import {
  ROLE_CAN, WORKSPACE_DOC_ID, collaborativeFields, describeIssues, docIdOf, isCollection, isId, validateFields,
  type Collection,
} from '@carnet/schema';
import {
  LOCAL_ORIGIN, isCreated, newRecordDoc, readCustomFields, recordHistory, rowFromDoc, stamp, storedStateAsUpdate,
  writeFields,
} from '@carnet/store';
import type { Auth } from '../auth/index.ts';
import type { RelayStorage } from '../storage/index.ts';
import type { SyncHub } from '../sync/index.ts';

export interface RecordRoutesOptions {
  auth: Pick<Auth, 'authenticate' | 'roleFor'>;
  storage: RelayStorage;
  hub: Pick<SyncHub, 'appendFromRelay'>;
  now?: () => number;
}

/** The device id attributed to updates the relay writes on a user's behalf. */
export const RELAY_DEVICE_ID = 'relay';

function jsonError(status: number, code: string, message: string, issues?: unknown): Response {
  return Response.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status });
}

export function recordRoutes(options: RecordRoutesOptions) {
  const now = options.now ?? Date.now;

  /** Who asks, their role, and the record's doc as the log holds it; or the error to answer. */
  async function open(request: Request, workspaceId: string, collection: string, recordId: string) {
    const principal = options.auth.authenticate(request);
    if (!principal) return { error: jsonError(401, 'unauthorized', 'Sign in first.') };
    const role = options.auth.roleFor(principal, workspaceId);
    if (!role) return { error: jsonError(404, 'not_found', 'No such workspace, or you are not a member of it.') };
    if (!isCollection(collection) || !isId(recordId)) return { error: jsonError(404, 'not_found', `No record ${collection}/${recordId}.`) };
    const docId = docIdOf(collection, recordId);
    const state = await options.storage.docState(workspaceId, docId);
    const doc = state ? newRecordDoc(docId, state) : undefined;
    if (!doc || !isCreated(doc)) {
      doc?.destroy();
      return { error: jsonError(404, 'not_found', `No record ${docId}.`) };
    }
    return { principal, role, collection: collection as Collection, docId, doc };
  }

  return new Elysia({ name: 'carnet-records' })
    .get('/api/workspaces/:id/records/:collection/:recordId/history', async ({ params, request }) => {
      const opened = await open(request, params.id, params.collection, params.recordId);
      if ('error' in opened) return opened.error;
      try {
        return { docId: opened.docId, row: rowFromDoc(opened.doc, params.recordId), entries: recordHistory(opened.doc) };
      } finally {
        opened.doc.destroy();
      }
    })
    .post('/api/workspaces/:id/records/:collection/:recordId/restore', async ({ params, request }) => {
      const opened = await open(request, params.id, params.collection, params.recordId);
      if ('error' in opened) return opened.error;
      const { doc, collection, docId, principal, role } = opened;
      try {
        if (!ROLE_CAN.editRecords(role)) return jsonError(403, 'forbidden', 'Your role can read this workspace but not change it.');
        let body: unknown;
        try {
          body = await request.json();
        } catch {
          return jsonError(400, 'bad_request', 'Send JSON: { "values": { "<field>": <past value>, … } }.');
        }
        const values = (body as { values?: unknown } | null)?.values;
        if (typeof values !== 'object' || values === null || Array.isArray(values) || !Object.keys(values).length) {
          return jsonError(400, 'bad_request', 'Send JSON: { "values": { "<field>": <past value>, … } } with at least one field.');
        }
        const workspaceState = await options.storage.docState(params.id, WORKSPACE_DOC_ID);
        const workspace = new Y.Doc();
        if (workspaceState) Y.applyUpdate(workspace, storedStateAsUpdate(workspaceState));
        const checked = validateFields(collection, values, 'update', readCustomFields(workspace, collection));
        workspace.destroy();
        if (!checked.ok) return jsonError(422, 'invalid', describeIssues(checked.issues), checked.issues);

        // A client id of its own, so the relay's items never clash with a browser's.
        doc.clientID = Math.floor(Math.random() * 0xffffffff);
        const before = Y.encodeStateVector(doc);
        const at = now();
        doc.transact(() => {
          writeFields(doc, checked.value, new Set(collaborativeFields(collection)));
          stamp(doc, { userId: principal.userId, deviceId: RELAY_DEVICE_ID }, at);
        }, LOCAL_ORIGIN);
        const update = Y.encodeStateAsUpdate(doc, before);
        const seq = await options.hub.appendFromRelay(params.id, {
          docId, update, userId: principal.userId, deviceId: RELAY_DEVICE_ID, at,
        });
        return { seq, row: rowFromDoc(doc, params.recordId) };
      } finally {
        doc.destroy();
      }
    });
}
