// @carnet/search: the on-device full-text index over rows (a compact inverted index scored
// like MiniSearch, whose tokenizer it reuses), incremental and persistable, plus openSearch,
// which keeps it in step with a store. Pure TypeScript: no DOM, no clock; storage is passed in.
export { SearchIndex } from './search-index.ts';
export type { SearchQueryOptions, SearchResult, RowChangeSource, AsyncRowChangeSource } from './search-index.ts';
export type { RowChange, SearchCollection } from './documents.ts';
export { SearchError, SearchErrorCode, isSearchError } from './errors.ts';
export { SEARCH_FORMAT_VERSION, type SearchSnapshot } from './snapshot.ts';
export { COLLECTION_WEIGHT, DEFAULT_LIMIT } from './ranking.ts';
export { openSearch, loadSnapshot, SearchSync, DEFAULT_SNAPSHOT_KEY } from './search-sync.ts';
export type { OpenSearchOptions, SearchPersistence, SearchOpenReport, SubscribeToRows, VersionedRow } from './search-sync.ts';
