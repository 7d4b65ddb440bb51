// What every layout worker shares: timing, memory after a full gc, the 10k remote-update
// sample, and the line protocol to the parent (one `FIGURE {json}` per measured figure, sent
// as soon as it is known so that a worker killed by the timeout still reports what it had).
import { COLLECTIONS, type Collection } from '@carnet/schema';
import { createDataset, type DatasetGenerator, type DatasetSize, type GeneratedRecord } from '../dataset.ts';
import { Prng } from '../lib/prng.ts';

export interface Figure {
  /** What was measured, the same words across layouts so the parent can compare them. */
  what: string;
  value: number;
  unit: string;
}

export function emit(figure: Figure): void {
  process.stdout.write(`FIGURE ${JSON.stringify(figure)}\n`);
}

export function log(message: string): void {
  process.stderr.write(`  [${process.argv[3] ?? 'worker'}] ${message}\n`);
}

declare const gc: (() => void) | undefined;

/** heapUsed + external (ArrayBuffers and WebAssembly memory), in MB (10^6 bytes, as DESIGN.md), after a full gc. */
export function memoryMB(): number {
  if (typeof gc !== 'function') throw new Error('run the worker with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / MB;
}

export function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

export const MB = 1e6;
export const REMOTE_UPDATES = 10_000;

export function datasetOf(size: DatasetSize): DatasetGenerator {
  return createDataset(size);
}

/** Every record of the dataset, collection by collection, one at a time. */
export function* allRecords(gen: DatasetGenerator): Generator<[Collection, GeneratedRecord<Collection>]> {
  for (const collection of COLLECTIONS) for (const record of gen.records(collection)) yield [collection, record];
}

export interface RemoteEdit {
  /** Position of the record in the layout's flat list of states. */
  slot: number;
  field: string;
  /** Candidate values: the engine sets the first one that differs from the current value, so
   * every edit is a real change (Automerge records no change for a same-value set). */
  values: readonly unknown[];
  /** A few characters typed into the collaborative text field instead of a field set. */
  typed?: string;
}

const EDITABLE: Record<Collection, { field: string; values: readonly unknown[]; text: string }> = {
  contacts: { field: 'leadScore', values: [12, 47, 88, 95], text: 'notes' },
  companies: { field: 'industry', values: ['Software', 'Retail', 'Energy'], text: 'description' },
  deals: { field: 'stageId', values: ['demo', 'proposal', 'negotiation', 'won'], text: 'description' },
  activities: { field: 'done', values: [true, false], text: 'body' },
};

/** 10k edits as a remote peer would make them: mostly field sets, one in five typing text. */
export function remoteEdits(slots: readonly Collection[], seed = 1): RemoteEdit[] {
  const rng = new Prng(seed, 0x5eed, 0);
  return Array.from({ length: REMOTE_UPDATES }, () => {
    const slot = rng.int(slots.length);
    const editable = EDITABLE[slots[slot]];
    return rng.chance(0.2)
      ? { slot, field: editable.text, values: [], typed: ' Rappel envoyé.' }
      : { slot, field: editable.field, values: rotate(editable.values, rng.int(editable.values.length)) };
  });
}

const rotate = <T>(items: readonly T[], by: number): T[] => [...items.slice(by), ...items.slice(0, by)];

/** The value a remote edit sets: the first candidate that differs from the current value. */
export function editedValue(edit: RemoteEdit, current: unknown): unknown {
  return edit.values.find((v) => v !== current) ?? edit.values[0];
}
