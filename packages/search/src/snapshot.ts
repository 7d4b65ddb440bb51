// The persisted form of the index: MiniSearch's own serialization wrapped with our format
// version and the row version it includes. Loading checks the shape before handing it to
// MiniSearch, so a corrupt or outdated snapshot is a typed error (the caller rebuilds), not a
// crash deep inside the index.
import type { AsPlainObject } from 'minisearch';
import { SearchError, SearchErrorCode } from './errors.ts';
import { INDEXED_FIELDS } from './ranking.ts';

/**
 * Format history (bump on any change to fields, tokenization, term processing or key scheme):
 * 1 — fields n (names, titles, subjects) and x (emails, digits-only phones, job title, city,
 *     domain); stored t and s; keys are a collection letter (c, o, d, a) plus the record id;
 *     terms folded with foldText.
 */
export const SEARCH_FORMAT_VERSION = 1;

/** The MiniSearch serialization version this format is written with. */
const MINISEARCH_SERIALIZATION_VERSION = 2;

export interface SearchSnapshot {
  format: number;
  /** Highest row version `v` included in the index. */
  version: number;
  index: AsPlainObject;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function corrupt(message: string, cause?: unknown): SearchError {
  return new SearchError(SearchErrorCode.CorruptSnapshot, `Search snapshot is corrupt: ${message}`, { cause });
}

export function parseSnapshotJSON(json: string): unknown {
  if (typeof json !== 'string') throw corrupt('expected a JSON string');
  try {
    return JSON.parse(json);
  } catch (error) {
    throw corrupt('not valid JSON', error);
  }
}

/** Checks a parsed snapshot and returns it typed, or throws a SearchError saying why not. */
export function checkSnapshot(value: unknown): SearchSnapshot {
  if (!isRecord(value)) throw corrupt('not an object');
  if (value.format !== SEARCH_FORMAT_VERSION) {
    throw new SearchError(
      SearchErrorCode.IncompatibleSnapshot,
      `Search snapshot has format ${String(value.format)}, expected ${SEARCH_FORMAT_VERSION}: rebuild the index`,
    );
  }
  if (typeof value.version !== 'number' || !Number.isFinite(value.version)) throw corrupt('missing row version');
  const index = value.index;
  if (!isRecord(index)) throw corrupt('missing index');
  if (index.serializationVersion !== MINISEARCH_SERIALIZATION_VERSION) {
    throw new SearchError(
      SearchErrorCode.IncompatibleSnapshot,
      `Search snapshot uses MiniSearch serialization ${String(index.serializationVersion)}: rebuild the index`,
    );
  }
  const fieldIds = index.fieldIds;
  if (
    !isRecord(fieldIds) ||
    Object.keys(fieldIds).length !== INDEXED_FIELDS.length ||
    INDEXED_FIELDS.some((field) => typeof fieldIds[field] !== 'number')
  ) {
    throw new SearchError(SearchErrorCode.IncompatibleSnapshot, 'Search snapshot indexes other fields: rebuild the index');
  }
  if (
    typeof index.documentCount !== 'number' ||
    typeof index.nextId !== 'number' ||
    !Array.isArray(index.index) ||
    !isRecord(index.documentIds) ||
    !isRecord(index.fieldLength) ||
    !isRecord(index.storedFields) ||
    !Array.isArray(index.averageFieldLength)
  ) {
    throw corrupt('index is missing parts');
  }
  return value as unknown as SearchSnapshot;
}

export { corrupt as corruptSnapshotError };
