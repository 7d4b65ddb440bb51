// Per-user undo and redo of the user's own changes, as inverse operations. A step is what one
// user action changed (one field edit, a bulk edit of 500 contacts, a merge), recorded as the
// values before and after. Undoing writes the "before" values back only where the record still
// holds the user's "after" value: a teammate's later change is never overwritten by an undo.
import type { Collection } from '@carnet/schema';

/** `$deleted` stands for the soft-delete state; other keys are fields. */
export type Snapshot = Record<string, unknown>;

export interface UndoOp {
  collection: Collection;
  id: string;
  before: Snapshot;
  after: Snapshot;
}

export interface UndoStep {
  label: string;
  ops: UndoOp[];
}

export const DELETED_KEY = '$deleted';

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a ?? null) === null && (b ?? null) === null) return true;
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The values to write to revert an op given the record's current state: for each key whose
 * current value is still `from[key]`, write `to[key]`. Pure, so undo and redo share it.
 */
export function revertValues(current: Snapshot, from: Snapshot, to: Snapshot): Snapshot {
  const out: Snapshot = {};
  for (const key of Object.keys(to)) {
    if (same(current[key], from[key]) && !same(current[key], to[key])) out[key] = to[key];
  }
  return out;
}

export class UndoStack {
  #undo: UndoStep[] = [];
  #redo: UndoStep[] = [];
  readonly limit: number;

  constructor(limit = 200) {
    this.limit = limit;
  }

  push(step: UndoStep): void {
    if (step.ops.length === 0) return;
    this.#undo.push(step);
    if (this.#undo.length > this.limit) this.#undo.shift();
    this.#redo = [];
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** Label of the step the next undo would revert ("Edit contact", …). */
  get nextUndo(): string | undefined {
    return this.#undo.at(-1)?.label;
  }

  get nextRedo(): string | undefined {
    return this.#redo.at(-1)?.label;
  }

  takeUndo(): UndoStep | undefined {
    const step = this.#undo.pop();
    if (step) this.#redo.push(step);
    return step;
  }

  takeRedo(): UndoStep | undefined {
    const step = this.#redo.pop();
    if (step) this.#undo.push(step);
    return step;
  }

  /** Puts a step back after its undo or redo failed to save. */
  restoreUndo(step: UndoStep): void {
    if (this.#redo.at(-1) === step) this.#redo.pop();
    this.#undo.push(step);
  }

  restoreRedo(step: UndoStep): void {
    if (this.#undo.at(-1) === step) this.#undo.pop();
    this.#redo.push(step);
  }
}
