// @carnet/store: the two-tier local-first store (record docs + rows), its persistence contract
// and the in-memory implementation. The Dexie implementation lives in @carnet/store-dexie.
export * from './errors.ts';
export * from './query.ts';
export * from './persistence.ts';
export * from './memory-persistence.ts';
export * from './record-doc.ts';
export * from './history.ts';
export * from './undo.ts';
export * from './duplicates.ts';
export * from './workspace-doc.ts';
export * from './doc-cache.ts';
export * from './snapshot-import.ts';
export * from './store.ts';
