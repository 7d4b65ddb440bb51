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

/**
 * A snapshot stored in parts, so that reading and parsing it are several short tasks instead of
 * one long one: a small header (format, version, how many parts), then each part holding an
 * equal slice of every column. Joined back, the parts are exactly the snapshot.
 */
export interface SnapshotHeader {
  format: number;
  version: number;
  parts: number;
}

export type SnapshotPart = Partial<Record<(typeof COLUMNS)[number], unknown[]>>;

export function splitSnapshot(snapshot: SearchSnapshot, parts: number): { header: SnapshotHeader; parts: SnapshotPart[] } {
  const out: SnapshotPart[] = [];
  for (let i = 0; i < parts; i++) {
    const part: SnapshotPart = {};
    for (const column of COLUMNS) {
      const values = snapshot.index[column] as unknown[];
      const size = Math.ceil(values.length / parts);
      part[column] = values.slice(i * size, (i + 1) * size);
    }
    out.push(part);
  }
  return { header: { format: snapshot.format, version: snapshot.version, parts }, parts: out };
}

/** Whether a parsed value is a split snapshot's header (else it may be a whole snapshot). */
export function isSnapshotHeader(value: unknown): value is SnapshotHeader {
  return isRecord(value) && typeof value.parts === 'number' && !('index' in value);
}

/**
 * The snapshot the parts were split from (checked by `checkSnapshot` afterwards), one column at
 * a time with a turn for the host after each.
 */
export async function joinSnapshot(header: SnapshotHeader, parts: readonly unknown[], turn: () => Promise<void>): Promise<unknown> {
  if (!Number.isInteger(header.parts) || header.parts < 1 || parts.length !== header.parts) throw corrupt('missing parts');
  const index: Record<string, unknown[]> = {};
  for (const column of COLUMNS) {
    const joined: unknown[] = [];
    for (const part of parts) {
      const values = isRecord(part) ? part[column] : undefined;
      if (!Array.isArray(values)) throw corrupt(`a part is missing ${column}`);
      for (const value of values) joined.push(value);
    }
    index[column] = joined;
    await turn();
  }
  return { format: header.format, version: header.version, index };
}

export { corrupt as corruptSnapshotError };
