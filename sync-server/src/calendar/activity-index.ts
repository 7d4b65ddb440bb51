// The activities calendar feeds draw from, per workspace, kept current from the log instead of
// re-reading every activity on every poll (200,000 of them at dataset L).
//
// The first request reads the workspace's `activities/` docs once, using the rows storage keeps
// beside compacted states and deriving the others with @carnet/store's own `snapshotRowOf`, and
// keeps only what some feed could list (feed-activities.ts). Later requests read the log after
// the seq the index is current to, and re-derive just the activity docs it touched. When the
// log was compacted past that seq (a feed not polled for a long while), the index is read again
// from scratch. One refresh runs at a time per workspace; idle workspaces are dropped.
import { snapshotRowOf } from '@carnet/store';
import type { RelayStorage } from '../storage/index.ts';
import { feedActivityOf, type FeedActivity } from './feed-activities.ts';

export const ACTIVITY_DOC_PREFIX = 'activities/';

export interface ActivityIndexOptions {
  storage: Pick<RelayStorage, 'headSeq' | 'readLog' | 'docStates' | 'docState'>;
  now: () => number;
  /** Docs or log entries read per storage call. Default 500. */
  pageSize?: number;
  /** Lets the relay serve other requests between pages of a full read. */
  yieldToHost?: () => Promise<void>;
  /** A workspace whose feeds nobody polled for this long is forgotten. Default a day (Google polls every few hours). */
  idleMs?: number;
}

export interface WorkspaceActivities {
  /** The log seq the index reflects (at least). */
  seq: number;
  /** Activities some feed could list, by id. */
  items: Map<string, FeedActivity>;
}

/** How the index was brought up to date, for tests and logs. */
export type RefreshKind = 'fresh' | 'caught-up' | 'rebuilt';

interface Entry extends WorkspaceActivities {
  /** False until the first full read succeeded. */
  built: boolean;
  usedAt: number;
  queue: Promise<unknown>;
}

const decoder = new TextDecoder();
/** Lets timers and sockets run; setImmediate, as setTimeout(0) costs milliseconds on a busy host. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A full read gives the host a turn after this much work. */
const SLICE_MS = 20;

/**
 * The row of a stored row's JSON, parsed only when it can be a feed activity: rows list their
 * fields in name order without spaces, so every task or meeting row holds one of these.
 */
function candidateRow(json: Uint8Array): Record<string, unknown> | null {
  const text = decoder.decode(json);
  if (!text.includes('"type":"task"') && !text.includes('"type":"meeting"')) return null;
  return JSON.parse(text) as Record<string, unknown>;
}

export function createActivityIndex(options: ActivityIndexOptions) {
  const { storage, now } = options;
  const pageSize = options.pageSize ?? 500;
  const yieldToHost = options.yieldToHost ?? nextTurn;
  const idleMs = options.idleMs ?? 24 * 60 * 60_000;
  const workspaces = new Map<string, Entry>();

  function put(items: Map<string, FeedActivity>, docId: string, row: Record<string, unknown> | null, at: number): void {
    const id = docId.slice(ACTIVITY_DOC_PREFIX.length);
    const activity = row ? feedActivityOf(row, at) : null;
    if (activity) items.set(id, activity);
    else items.delete(id);
  }

  /** Reads every activity doc of the workspace; the seq is read first, so the index is at least that new. */
  async function rebuild(workspaceId: string, entry: Entry): Promise<void> {
    const seq = await storage.headSeq(workspaceId);
    const items = new Map<string, FeedActivity>();
    const at = now();
    let after = ACTIVITY_DOC_PREFIX;
    let sliceStart = performance.now();
    for (;;) {
      const page = await storage.docStates(workspaceId, after, pageSize);
      let more = page.length === pageSize;
      for (const doc of page) {
        if (!doc.docId.startsWith(ACTIVITY_DOC_PREFIX)) {
          more = false;
          break;
        }
        const row = doc.row === undefined ? snapshotRowOf(doc.docId, doc.state) : doc.row && candidateRow(doc.row);
        put(items, doc.docId, row, at);
      }
      if (!more) break;
      after = page[page.length - 1].docId;
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToHost();
        sliceStart = performance.now();
      }
    }
    entry.items = items;
    entry.seq = seq;
    entry.built = true;
  }

  /** Applies the log after `entry.seq`; false when the log no longer holds all of it. */
  async function catchUp(workspaceId: string, entry: Entry, head: number): Promise<boolean> {
    let after = entry.seq;
    const touched = new Set<string>();
    while (after < head) {
      const page = await storage.readLog(workspaceId, after, pageSize);
      if (page.length === 0 || page[0].seq !== after + 1) return false;
      for (const logged of page) if (logged.docId.startsWith(ACTIVITY_DOC_PREFIX)) touched.add(logged.docId);
      after = page[page.length - 1].seq;
    }
    const at = now();
    for (const docId of touched) {
      const state = await storage.docState(workspaceId, docId);
      put(entry.items, docId, state ? snapshotRowOf(docId, state) : null, at);
    }
    entry.seq = after;
    return true;
  }

  async function refresh(workspaceId: string, entry: Entry): Promise<RefreshKind> {
    if (!entry.built) {
      await rebuild(workspaceId, entry);
      return 'rebuilt';
    }
    const head = await storage.headSeq(workspaceId);
    if (head <= entry.seq) return 'fresh';
    if (await catchUp(workspaceId, entry, head)) return 'caught-up';
    await rebuild(workspaceId, entry);
    return 'rebuilt';
  }

  function forgetIdle(at: number): void {
    for (const [workspaceId, entry] of workspaces) if (at - entry.usedAt > idleMs) workspaces.delete(workspaceId);
  }

  return {
    /** The workspace's feed activities as of now (or a moment later). */
    async current(workspaceId: string): Promise<WorkspaceActivities & { refreshed: RefreshKind }> {
      const at = now();
      forgetIdle(at);
      let entry = workspaces.get(workspaceId);
      if (!entry) workspaces.set(workspaceId, (entry = { built: false, seq: 0, items: new Map(), usedAt: at, queue: Promise.resolve() }));
      entry.usedAt = at;
      const target = entry;
      // Serialised per workspace: concurrent polls wait for one refresh instead of each doing it.
      const run = target.queue.then(() => refresh(workspaceId, target));
      target.queue = run.catch(() => {});
      const refreshed = await run;
      return { seq: target.seq, items: target.items, refreshed };
    },
    /** Drops a workspace's index (e.g. after a restore). */
    forget(workspaceId: string): void {
      workspaces.delete(workspaceId);
    },
    get size(): number {
      return workspaces.size;
    },
  };
}

export type ActivityIndex = ReturnType<typeof createActivityIndex>;
