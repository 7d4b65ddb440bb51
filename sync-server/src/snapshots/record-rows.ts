// The rows the relay keeps beside compacted doc states and sends in bootstrap bundles. Derived
// with @carnet/store's own code (snapshotRowOf, i.e. rowFromDoc on the doc built from the
// state), so a row from the relay is exactly the row the browser would derive itself.
import { snapshotRowOf } from '@carnet/store';
import type { RowOf } from '../storage/index.ts';

const encoder = new TextEncoder();

/** A record doc's row as UTF-8 JSON; null for other docs and records a client must derive. */
export const recordRowOf: RowOf = (docId, state) => {
  const row = snapshotRowOf(docId, state);
  return row ? encoder.encode(JSON.stringify(row)) : null;
};
