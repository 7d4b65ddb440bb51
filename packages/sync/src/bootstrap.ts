// Bootstrapping a new or far-behind client from the relay's snapshot bundle: every doc state
// of the workspace as of `headSeq`, streamed and applied to the store in bulk while the rest
// is still downloading. The sync cursor moves to `headSeq` only once the whole bundle is in
// (the end record checked), so an interrupted download is simply started again; then the
// client catches up from the log with `hello {lastSeq: headSeq}` and goes live.
import { BundleError, BundleErrorCode } from './bundle-format.ts';
import { readBundle } from './bundle-reader.ts';
import { LAST_SEQ_META_KEY } from './client/client.ts';

export interface BootstrapStore {
  applyRemoteBatch(
    updates: readonly { docId: string; update: Uint8Array }[],
    options?: { meta?: { key: string; value: unknown }[] },
  ): Promise<{ applied: number; rejected: { docId: string; code: string; message: string }[] }>;
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
  let complete = false;
  const rejected: BootstrapResult['rejected'] = [];
  let batch: { docId: string; update: Uint8Array }[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const result = await options.store.applyRemoteBatch(batch);
    rejected.push(...result.rejected);
    batch = [];
    options.onProgress?.(docs);
  };
  for await (const item of readBundle(options.source)) {
    if (item.type === 'header') {
      if (item.header.workspaceId !== options.workspaceId) {
        throw new BundleError(BundleErrorCode.Malformed, `The bundle is for workspace ${item.header.workspaceId}, not ${options.workspaceId}.`);
      }
      headSeq = item.header.headSeq;
    } else if (item.type === 'doc') {
      batch.push({ docId: item.docId, update: item.state });
      docs++;
      if (batch.length >= batchSize) await flush();
    } else {
      complete = true;
    }
  }
  await flush();
  if (headSeq === null || !complete) throw new BundleError(BundleErrorCode.Truncated, 'The bundle ended before its end record.');
  await options.store.applyRemoteBatch([], { meta: [{ key: LAST_SEQ_META_KEY, value: headSeq }] });
  return { headSeq, docs, rejected };
}
