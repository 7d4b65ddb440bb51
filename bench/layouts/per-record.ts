// Layouts (c) and (d): one CRDT doc per record, measured by the same code for Yjs and
// Automerge so the figures compare. A record lives as its encoded state; the store
// instantiates a doc only to edit or sync it, so "load all" loads and drops each one.
import { collaborativeFields, type Collection } from '@carnet/schema';
import type { DatasetSize } from '../dataset.ts';
import { MB, allRecords, datasetOf, emit, log, memoryMB, remoteEdits, timed, type RemoteEdit } from './measure.ts';

export interface PerRecordEngine<Doc> {
  /** Creates the doc for one record's fields and returns its encoded state. */
  create(fields: Record<string, unknown>, collaborative: readonly string[]): Uint8Array;
  load(state: Uint8Array): Doc;
  free(doc: Doc): void;
  /** The bytes a remote peer would send after making the edit on its copy of the record. */
  remoteUpdate(state: Uint8Array, edit: RemoteEdit): Uint8Array;
  /** What the store does on a remote update: load, apply, derive the row, re-encode. */
  applySlow(state: Uint8Array, update: Uint8Array): Uint8Array;
  /** Combining the bytes without instantiating a doc. */
  mergeBytes(state: Uint8Array, update: Uint8Array): Uint8Array;
  toJSON(state: Uint8Array): unknown;
}

/** How many docs are held live at once to measure the memory of a live doc. */
const LIVE_SAMPLE = 10_000;

export function runPerRecord<Doc>(size: DatasetSize, engine: PerRecordEngine<Doc>): void {
  const gen = datasetOf(size);
  const collaborative = new Map<Collection, string[]>();
  const slots: Collection[] = [];
  const states: Uint8Array[] = [];
  let contactBytes = 0;
  let createMs = 0;
  const before = memoryMB();
  for (const [collection, { id: _id, createdAt: _c, updatedAt: _u, ...fields }] of allRecords(gen)) {
    let texts = collaborative.get(collection);
    if (!texts) collaborative.set(collection, (texts = collaborativeFields(collection)));
    const start = performance.now();
    const state = engine.create(fields, texts);
    createMs += performance.now() - start;
    states.push(state);
    slots.push(collection);
    if (collection === 'contacts') contactBytes += state.byteLength;
    if (states.length % 50_000 === 0) log(`created ${states.length} docs`);
  }
  const count = states.length;
  const bytes = states.reduce((sum, s) => sum + s.byteLength, 0);
  emit({ what: 'create all', value: createMs, unit: 'ms' });
  emit({ what: 'create per record', value: createMs / count, unit: 'ms' });
  emit({ what: 'encoded size', value: bytes / MB, unit: 'MB' });
  emit({ what: 'bytes per record', value: bytes / count, unit: 'B' });
  emit({ what: 'bytes per contact', value: contactBytes / gen.counts.contacts, unit: 'B' });
  emit({ what: 'memory of all states', value: memoryMB() - before, unit: 'MB' });
  log(`created ${count} docs in ${Math.round(createMs)} ms`);

  const loaded = timed(() => {
    for (const state of states) engine.free(engine.load(state));
  });
  emit({ what: 'load all', value: loaded.ms, unit: 'ms' });
  log(`loaded all in ${Math.round(loaded.ms)} ms`);

  const live = Math.min(LIVE_SAMPLE, count);
  const beforeLive = memoryMB();
  const docs = states.slice(0, live).map((s) => engine.load(s));
  const perDoc = (memoryMB() - beforeLive) / live;
  for (const doc of docs) engine.free(doc);
  emit({ what: 'memory per live doc', value: perDoc * 1e3, unit: 'KB' });
  emit({ what: 'memory loaded', value: perDoc * count, unit: 'MB' });

  const edits = remoteEdits(slots);
  const updates = edits.map((edit) => engine.remoteUpdate(states[edit.slot], edit));
  const merged = states.slice();
  const slow = timed(() => {
    edits.forEach((edit, i) => (states[edit.slot] = engine.applySlow(states[edit.slot], updates[i])));
  });
  emit({ what: 'apply 10k remote updates (load, apply, toJSON, encode)', value: slow.ms, unit: 'ms' });
  const fast = timed(() => {
    edits.forEach((edit, i) => (merged[edit.slot] = engine.mergeBytes(merged[edit.slot], updates[i])));
  });
  emit({ what: 'apply 10k remote updates (merge bytes only)', value: fast.ms, unit: 'ms' });
  log(`10k updates: slow ${Math.round(slow.ms)} ms, merged ${Math.round(fast.ms)} ms`);
  for (const edit of edits.slice(0, 200)) {
    const a = JSON.stringify(engine.toJSON(states[edit.slot]));
    const b = JSON.stringify(engine.toJSON(merged[edit.slot]));
    if (a !== b) throw new Error(`slow and merged paths disagree on slot ${edit.slot}: ${a} vs ${b}`);
  }
}
