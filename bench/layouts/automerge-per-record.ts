// Layout (d): the per-record layout in Automerge 3, one doc per record. Automerge 3 makes
// strings collaborative text by default, so only the fields Carnet merges as text stay text;
// other strings are ImmutableString (like Yjs plain values) and lists are Automerge lists.
import * as A from '@automerge/automerge';
import type { DatasetSize } from '../dataset.ts';
import { editedValue } from './measure.ts';
import { runPerRecord, type PerRecordEngine } from './per-record.ts';

type Fields = Record<string, unknown>;

function toAutomerge(fields: Fields, collaborative: readonly string[]): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') out[key] = collaborative.includes(key) ? value : new A.ImmutableString(value);
    else if (Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'string' ? new A.ImmutableString(v) : v));
    else out[key] = value;
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}

const automerge: PerRecordEngine<A.Doc<Fields>> = {
  create(fields, collaborative) {
    const doc = A.from(toAutomerge(fields, collaborative));
    const state = A.save(doc);
    A.free(doc);
    return state;
  },
  load: (state) => A.load<Fields>(state),
  free: (doc) => A.free(doc),
  remoteUpdate(state, edit) {
    const doc = A.load<Fields>(state);
    const next = A.change(doc, (d) => {
      if (edit.typed !== undefined) A.splice(d, [edit.field], (d[edit.field] as string).length, 0, edit.typed);
      else {
        const current = d[edit.field];
        const value = editedValue(edit, A.isImmutableString(current) ? current.toString() : current);
        d[edit.field] = typeof value === 'string' ? new A.ImmutableString(value) : value;
      }
    });
    const change = A.getLastLocalChange(next);
    A.free(next);
    if (!change) throw new Error('no change recorded');
    return change;
  },
  applySlow(state, update) {
    const doc = A.load<Fields>(state);
    const [next] = A.applyChanges(doc, [update]);
    A.toJS(next);
    const saved = A.save(next);
    A.free(next);
    return saved;
  },
  // A saved document followed by change chunks is itself a loadable document.
  mergeBytes: concat,
  toJSON(state) {
    const doc = A.load<Fields>(state);
    const json = JSON.parse(JSON.stringify(A.toJS(doc)));
    A.free(doc);
    return json;
  },
};

export function run(size: DatasetSize): void {
  runPerRecord(size, automerge);
}
