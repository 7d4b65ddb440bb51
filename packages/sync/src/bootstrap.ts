// Bootstrapping a new or far-behind client from the relay's snapshot bundle: every doc state
// of the workspace as of `headSeq`, with the rows of its records, streamed and imported into
// the store in bulk while the rest is still downloading (a record that arrives with its row
// and has nothing local to merge with is stored without building its doc). The sync cursor
// moves to `headSeq` only once the whole bundle is in (the end record checked), so an
// interrupted download is simply started again; then the client catches up from the log with
// `hello {lastSeq: headSeq}` and goes live.
import { BundleError, BundleErrorCode } from './bundle-format.ts';
import { readBundle } from './bundle-reader.ts';
import { LAST_SEQ_META_KEY } from './client/client.ts';

/** The store's bulk import (`Store.importSnapshot` of @carnet/store). */
export interface BootstrapStore {
  importSnapshot(
    entries: readonly { docId: string; state: Uint8Array; row?: Record<string, unknown> }[],
    options?: { meta?: { key: string; value: unknown }[] },
  ): Promise<{ applied: number; imported?: number; rejected: { docId: string; code: string; message: string }[] }>;
}

export interface BootstrapOptions {
  /** The bundle's bytes, e.g. `(await fetch(bundleUrl(...))).body`. */
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
  store: BootstrapStore;
  /** The workspace the client expects; a bundle of another one is refused. */
  workspaceId: string;
  /** Docs applied per store commit. Default 500. */
  batchSize?: number;
  onProgress?: (docs: number) => void;
}

export interface BootstrapResult {
  headSeq: number;
  docs: number;
  /** Docs stored with the row the bundle carried, without building them (the rest were merged). */
  imported: number;
  /** Docs the store refused (malformed states), reported rather than fatal. */
  rejected: { docId: string; code: string; message: string }[];
}

/** Where the relay serves a workspace's bundle. */
export function bundleUrl(relayBaseUrl: string, workspaceId: string): string {
  return `${relayBaseUrl.replace(/\/+$/, '')}/api/workspaces/${encodeURIComponent(workspaceId)}/bundle`;
}

export async function bootstrapFromBundle(options: BootstrapOptions): Promise<BootstrapResult> {
  const batchSize = options.batchSize ?? 500;
  let headSeq: number | null = null;
  let docs = 0;
  let imported = 0;
  let complete = false;
  const rejected: BootstrapResult['rejected'] = [];
  let batch: { docId: string; state: Uint8Array; row?: Record<string, unknown> }[] = [];
  // One batch is imported while the next is read: the store's commit (IndexedDB in a
  // browser) overlaps with the download and decoding instead of stopping them.
  let importing = null as Promise<void> | null;
  const flush = async () => {
    if (!batch.length) return;
    const slice = batch;
    const reached = docs;
    batch = [];
    if (importing) await importing;
    importing = options.store.importSnapshot(slice).then((result) => {
      rejected.push(...result.rejected);
      imported += result.imported ?? 0;
      options.onProgress?.(reached);
    });
    // Observed at the next flush or at the end; until then it must not count as unhandled.
    importing.catch(() => {});
  };
  try {
    // The store copies what it keeps, so states need not be copied out of the chunks first.
    for await (const item of readBundle(options.source, { copyStates: false })) {
      if (item.type === 'header') {
        if (item.header.workspaceId !== options.workspaceId) {
          throw new BundleError(BundleErrorCode.Malformed, `The bundle is for workspace ${item.header.workspaceId}, not ${options.workspaceId}.`);
        }
        headSeq = item.header.headSeq;
      } else if (item.type === 'doc') {
        batch.push(item.row ? { docId: item.docId, state: item.state, row: item.row } : { docId: item.docId, state: item.state });
        docs++;
        if (batch.length >= batchSize) await flush();
      } else {
        complete = true;
      }
    }
    await flush();
    if (importing) await importing;
  } catch (error) {
    await importing?.catch(() => {});
    throw error;
  }
  if (headSeq === null || !complete) throw new BundleError(BundleErrorCode.Truncated, 'The bundle ended before its end record.');
  await options.store.importSnapshot([], { meta: [{ key: LAST_SEQ_META_KEY, value: headSeq }] });
  return { headSeq, docs, imported, rejected };
}
