// Streams a workspace's bootstrap bundle from storage, one page of docs per chunk, pulled as
// the client reads: memory stays at one page whatever the workspace size. Each record goes
// with the row storage keeps for its state (derived at compaction); a doc with log entries
// after its compacted state has none stored, and gets one derived here when `rowOf` is given.
import type { DocState, RelayStorage, RowOf } from '../storage/relay-storage.ts';
import { nextTurn } from '../storage/storage-helpers.ts';
import { encodeBundleEnd, encodeBundleHeader, encodeDocRecords } from '@carnet/sync';

export interface WriteBundleOptions {
  /** Docs read from storage per chunk. Default 500. */
  pageSize?: number;
  /** Leaves out docs the reader may not see (another user's private doc). Default: all. */
  includeDoc?: (docId: string) => boolean;
  /** Derives the rows storage holds none for. Default: none, the client derives them. */
  rowOf?: RowOf;
  now?: () => number;
}

export function writeBundle(
  storage: RelayStorage,
  workspaceId: string,
  options: WriteBundleOptions = {},
): ReadableStream<Uint8Array> {
  const pageSize = options.pageSize ?? 500;
  const includeDoc = options.includeDoc ?? (() => true);
  let after: string | null = null;
  let docCount = 0;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        // Read before any state: states only grow, so each one includes every seq <= headSeq.
        const headSeq = await storage.headSeq(workspaceId);
        controller.enqueue(encodeBundleHeader({ workspaceId, headSeq, createdAt: (options.now ?? Date.now)() }));
      },
      async pull(controller) {
        if (done) return;
        // Loop so a page whose docs are all filtered out does not end the stream early.
        for (;;) {
          const page = await storage.docStates(workspaceId, after, pageSize);
          if (page.length === 0) {
            done = true;
            controller.enqueue(encodeBundleEnd(docCount));
            controller.close();
            return;
          }
          after = page[page.length - 1].docId;
          const visible = page.filter((doc) => includeDoc(doc.docId));
          if (visible.length === 0) continue;
          docCount += visible.length;
          controller.enqueue(encodeDocRecords(options.rowOf ? await withRows(visible, options.rowOf) : visible));
          return;
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** Most time spent deriving rows before letting other work run, in ms (a row is ~0.1 ms). */
const ROW_BUDGET_MS = 20;

/** The page with a row derived for each doc that storage holds none for. */
async function withRows(docs: DocState[], rowOf: RowOf): Promise<DocState[]> {
  let started = performance.now();
  const out: DocState[] = [];
  for (const doc of docs) {
    if (doc.row !== undefined) {
      out.push(doc);
      continue;
    }
    let row: Uint8Array | null = null;
    try {
      row = rowOf(doc.docId, doc.state);
    } catch {
      // Left to the client, which derives it or reports the state as bad.
    }
    out.push({ ...doc, row });
    if (performance.now() - started >= ROW_BUDGET_MS) {
      await nextTurn();
      started = performance.now();
    }
  }
  return out;
}
