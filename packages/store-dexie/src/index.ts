// @carnet/store-dexie: the store's persistence over IndexedDB (browser), through Dexie 4.
export { DexiePersistence, type DexiePersistenceOptions } from './dexie-persistence.ts';
export { planQuery, type QueryPlan, type IndexLookup } from './query-plan.ts';
export { FIELD_INDEXES, SCHEMA_VERSION, dexieStores } from './tables.ts';
