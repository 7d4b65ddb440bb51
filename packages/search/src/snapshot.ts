// The persisted form of the index: the TermIndex's compact columns (documents in key order,
// sorted terms, delta-encoded postings) with our format version and the row version it
// includes. Loading checks the shape before rebuilding, so a corrupt or outdated snapshot is a
// typed error (the caller rebuilds), not a crash deep inside the index.
import { SearchError, SearchErrorCode } from './errors.ts';
import type { TermIndexData } from './term-index.ts';

/**
 * Format history (bump on any change to fields, tokenization, term processing or key scheme):
 * 1 — MiniSearch's serialization: fields n (names, titles, subjects) and x (emails, job title,
 *     city, domain); stored t, s and p (phone digits); keys are a collection letter (c, o, d,
 *     a) plus the record id; terms folded with foldText.
 * 2 — same documents and terms, own columnar format (see TermIndexData): loads without
 *     rebuilding a radix tree, about a third of the size in memory.
 */
export const SEARCH_FORMAT_VERSION = 2;

export interface SearchSnapshot {
  format: number;
  /** Highest row version `v` included in the index. */
  version: number;
  index: TermIndexData;
}

const COLUMNS = ['k', 't', 's', 'p', 'n', 'x', 'ln', 'lx', 'terms', 'postings'] as const;

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
  const missing = COLUMNS.filter((column) => !Array.isArray(index[column]));
  if (missing.length) throw corrupt(`index is missing ${missing.join(', ')}`);
  return value as unknown as SearchSnapshot;
}

export { corrupt as corruptSnapshotError };
