// One sample of every protocol message, for round-trip and fuzz tests.
import * as Y from 'yjs';
import { PROTOCOL_VERSION, type SyncMessage } from '@carnet/sync';

function sampleUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('fields').set('firstName', text);
  return Y.encodeStateAsUpdate(doc);
}

export function sampleMessages(): SyncMessage[] {
  const update = sampleUpdate('Ana');
  return [
    { type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId: 'ws_01', lastSeq: 123_456, deviceId: 'device-é' },
    { type: 'hello', protocolVersion: PROTOCOL_VERSION, workspaceId: 'w', lastSeq: 0, deviceId: 'd' },
    {
      type: 'catchup',
      entries: [
        { seq: 1, docId: 'contacts/c1', update },
        { seq: 7, docId: 'workspace', update: sampleUpdate('Bob') },
        { seq: 2 ** 40, docId: 'users/u1', update: new Uint8Array(0) },
      ],
    },
    { type: 'catchup', entries: [] },
    { type: 'live', headSeq: 99 },
    { type: 'bootstrap', reason: 'compacted', headSeq: 5000 },
    { type: 'bootstrap', reason: 'new_client', headSeq: 0 },
    { type: 'push', batchId: 3, entries: [{ docId: 'deals/d1', update }, { docId: 'deals/d2', update: sampleUpdate('x') }] },
    { type: 'push', batchId: 0, entries: [] },
    { type: 'ack', batchId: 3, seqs: [100, 101, 250] },
    { type: 'ack', batchId: 9, seqs: [] },
    { type: 'update', seq: 42, docId: 'contacts/c1', update, by: 'user000001' },
    { type: 'update', seq: Number.MAX_SAFE_INTEGER, docId: 'contacts/c1', update, by: '' },
    { type: 'awareness', docId: 'contacts/c1', update: new Uint8Array([1, 2, 3]) },
    { type: 'syncStep1', docId: 'contacts/c1', stateVector: Y.encodeStateVectorFromUpdate(update) },
    { type: 'syncStep2', docId: 'contacts/c1', update },
    { type: 'error', code: 'forbidden', message: 'Viewers cannot edit.', docId: 'deals/d1', batchId: 3 },
    { type: 'error', code: 'unauthorized', message: '' },
    { type: 'error', code: 'rate_limited', message: 'Slow down 🐢', batchId: 0 },
  ];
}
