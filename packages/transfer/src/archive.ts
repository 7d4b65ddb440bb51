// The whole workspace as one JSON archive: every record of every collection (deleted ones too,
// with their deletedAt, as the trash is part of the data), the workspace settings, pipelines,
// custom fields, tags and members, and a format name and version so a later reader knows what
// it holds. Written as a stream of text chunks: dataset L is ~140 MB of JSON, which a browser
// can hand to a Blob part by part and a server can write to a file without one huge string.
import {
  COLLECTIONS, type AnyRow, type Collection, type CustomFieldDef, type Member, type Pipeline, type SavedViewDef, type Settings, type Tag,
} from '@carnet/schema';
import type { Store } from '@carnet/store';
import { TransferError, TransferErrorCode } from './errors.ts';
import { throwIfAborted, yieldMacrotask, type HostOptions } from './host.ts';

export const ARCHIVE_FORMAT = 'carnet.workspace-archive';
/**
 * Version history:
 * 1 — records by collection, workspace { settings, pipelines, customFields, tags, members, savedViews }.
 */
export const ARCHIVE_VERSION = 1;

export interface WorkspaceArchive {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  /** ISO time of the export. */
  exportedAt: string;
  workspace: {
    settings: Settings; pipelines: Pipeline[]; customFields: CustomFieldDef[]; tags: Tag[]; members: Member[];
    /** Saved views shared with the workspace (each user's private views are theirs, not the workspace's). */
    savedViews: SavedViewDef[];
  };
  counts: Record<Collection, number>;
  records: Record<Collection, AnyRow[]>;
}

export interface ArchiveOptions extends HostOptions {
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  /** Rows per chunk of text. */
  chunkRows?: number;
}

/** Rows come from storage with the local row version `v`, which means nothing elsewhere. */
function publicRow(row: AnyRow): AnyRow {
  const { v: _version, ...rest } = row as AnyRow & { v?: number };
  return rest;
}

/** Yields the archive's JSON text in chunks; joined, they parse as a WorkspaceArchive. */
export async function* workspaceArchiveChunks(store: Store, options: ArchiveOptions = {}): AsyncGenerator<string, void, void> {
  const yieldToHost = options.yieldToHost ?? yieldMacrotask;
  const chunkRows = options.chunkRows ?? 1_000;
  const counts = Object.fromEntries(await Promise.all(COLLECTIONS.map(async (c) => [c, await store.count(c, 'all')]))) as Record<Collection, number>;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const head = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date((options.now ?? Date.now)()).toISOString(),
    workspace: {
      settings: store.settings(), pipelines: store.pipelines(), customFields: store.customFields(), tags: store.tags(), members: store.members(),
      savedViews: store.savedViews(),
    },
    counts,
  };
  const headText = JSON.stringify(head);
  yield `${headText.slice(0, -1)},"records":{`;
  let done = 0;
  for (const [index, collection] of COLLECTIONS.entries()) {
    yield `${index ? ',' : ''}${JSON.stringify(collection)}:[`;
    // Paged by row version, so only one page of rows is in memory at a time.
    let after = 0;
    let first = true;
    for (;;) {
      throwIfAborted(options.signal);
      const rows = await store.persistence.rowsSince(collection, after, chunkRows);
      if (!rows.length) break;
      after = rows[rows.length - 1].v;
      yield (first ? '' : ',') + rows.map((row) => JSON.stringify(publicRow(row))).join(',');
      first = false;
      done += rows.length;
      options.onProgress?.({ phase: 'export', done, total });
      await yieldToHost();
    }
    yield ']';
  }
  yield '}}';
}

/** The archive as one string (fine for tests and small workspaces). */
export async function workspaceArchive(store: Store, options: ArchiveOptions = {}): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of workspaceArchiveChunks(store, options)) parts.push(chunk);
  return parts.join('');
}

/** Parses an archive and checks its format and version (TransferError `bad_archive` otherwise). */
export function parseWorkspaceArchive(text: string): WorkspaceArchive {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new TransferError(TransferErrorCode.BadArchive, 'This is not a JSON archive.', { cause });
  }
  const archive = value as Partial<WorkspaceArchive> | null;
  if (!archive || archive.format !== ARCHIVE_FORMAT) throw new TransferError(TransferErrorCode.BadArchive, 'This JSON file is not a Carnet workspace archive.');
  if (typeof archive.version !== 'number' || archive.version > ARCHIVE_VERSION) {
    throw new TransferError(TransferErrorCode.BadArchive, `Archive version ${String(archive.version)} is newer than this Carnet reads (${ARCHIVE_VERSION}).`);
  }
  if (!archive.records || !COLLECTIONS.every((c) => Array.isArray(archive.records![c]))) {
    throw new TransferError(TransferErrorCode.BadArchive, 'The archive has no records section.');
  }
  return archive as WorkspaceArchive;
}
