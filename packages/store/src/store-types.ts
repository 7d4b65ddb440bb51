// The store's public types: what callers pass in and what its change events carry.
import type { AnyRow, Collection } from '@carnet/schema';
import type { StoreErrorCode } from './errors.ts';
import type { Persistence } from './persistence.ts';
import type { Actor } from './record-doc.ts';

export type ChangeOrigin = 'local' | 'remote' | 'undo' | 'redo';

export interface RowChange {
  collection: Collection;
  id: string;
  row: AnyRow;
  previous: AnyRow | undefined;
  origin: ChangeOrigin;
  /** The row's local version `v` (increasing with every row write of this store). */
  version: number;
}

export interface StoreEvent {
  origin: ChangeOrigin;
  rows: RowChange[];
  /** Docs other than records that changed: `workspace`, `users/<id>`. */
  docs: string[];
}

export interface StoreOptions {
  persistence: Persistence;
  actor: Actor;
  /** Epoch milliseconds; injectable so tests drive time. */
  now?: () => number;
  /** Record docs kept in memory at most (pinned docs excepted). */
  maxCachedDocs?: number;
  /** Lets the host breathe during long operations (bulk create, big remote batches). */
  yieldToHost?: () => Promise<void>;
}

export interface RemoteUpdate {
  docId: string;
  update: Uint8Array;
}

export interface RemoteResult {
  applied: number;
  rejected: { docId: string; code: StoreErrorCode; message: string }[];
}
