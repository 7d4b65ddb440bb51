// Layout (c): Carnet's layout. One Y.Doc per record, root Y.Map 'fields', collaborative long
// text as Y.Text, other values (lists included) as plain values.
import * as Y from 'yjs';
import type { DatasetSize } from '../dataset.ts';
import { editedValue } from './measure.ts';
import { runPerRecord, type PerRecordEngine } from './per-record.ts';

function load(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

const yjs: PerRecordEngine<Y.Doc> = {
  create(fields, collaborative) {
    const doc = new Y.Doc();
    const map = doc.getMap('fields');
    doc.transact(() => {
      for (const [key, value] of Object.entries(fields)) {
        map.set(key, collaborative.includes(key) ? new Y.Text(value as string) : value);
      }
    });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  },
  load,
  free: (doc) => doc.destroy(),
  remoteUpdate(state, edit) {
    const doc = load(state);
    const vector = Y.encodeStateVector(doc);
    const map = doc.getMap('fields');
    if (edit.typed !== undefined) {
      const text = map.get(edit.field) as Y.Text;
      text.insert(text.length, edit.typed);
    } else {
      map.set(edit.field, editedValue(edit, map.get(edit.field)));
    }
    const update = Y.encodeStateAsUpdate(doc, vector);
    doc.destroy();
    return update;
  },
  applySlow(state, update) {
    const doc = load(state);
    Y.applyUpdate(doc, update);
    doc.getMap('fields').toJSON();
    const next = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return next;
  },
  mergeBytes: (state, update) => Y.mergeUpdates([state, update]),
  toJSON(state) {
    const doc = load(state);
    const json = doc.getMap('fields').toJSON();
    doc.destroy();
    return json;
  },
};

export function run(size: DatasetSize): void {
  runPerRecord(size, yjs);
}
