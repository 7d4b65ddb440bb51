// Per-record history derived from the record doc itself (who, when, which field, old → new).
// Record docs keep deleted content (gc off), so every value a field ever had is still an item
// in the doc; each item is attributed to the edit stamp its transaction ended with (see
// record-doc.ts). Nothing is logged separately, so history cannot drift from the data.
import * as Y from 'yjs';
import { FIELDS, META, type EditStamp } from './record-doc.ts';

export type HistoryKind = 'created' | 'edited' | 'deleted' | 'restored' | 'merged';

export interface HistoryChange {
  field: string;
  before: unknown;
  after: unknown;
  /** Collaborative text: `after` is the text inserted in that edit. */
  text?: boolean;
}

export interface HistoryEntry {
  kind: HistoryKind;
  /** Epoch ms; null for edits made by a client that does not stamp (a stock Yjs editor). */
  at: number | null;
  by: string | null;
  device: string | null;
  changes: HistoryChange[];
}

interface YItem {
  id: { client: number; clock: number };
  left: YItem | null;
  right: YItem | null;
  deleted: boolean;
  parentSub: string | null;
  content: { getContent(): unknown[] } & { str?: string; type?: unknown };
}

/** Items of one key of a Y.Map, oldest first (the map keeps the newest; `left` links back). */
function keyChain(map: Y.Map<unknown>, key: string): YItem[] {
  const chain: YItem[] = [];
  let item = (map as unknown as { _map: Map<string, YItem> })._map.get(key) ?? null;
  while (item) {
    chain.push(item);
    item = item.left;
  }
  return chain.reverse();
}

function itemValue(item: YItem | undefined): unknown {
  if (!item) return undefined;
  const value = item.content.getContent()[0];
  return value instanceof Y.Text ? value.toString() : value;
}

interface Stamped {
  client: number;
  clock: number;
  stamp: EditStamp | null;
}

/** Finds, for an item, the first stamp of the same client written at or after it. */
function stampFinder(stamps: Stamped[]): (item: YItem) => Stamped {
  const byClient = new Map<number, Stamped[]>();
  for (const s of stamps) {
    let list = byClient.get(s.client);
    if (!list) byClient.set(s.client, (list = []));
    list.push(s);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.clock - b.clock);
  return (item) => {
    const list = byClient.get(item.id.client) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].clock >= item.id.clock) hi = mid;
      else lo = mid + 1;
    }
    // Unstamped edits (stock Yjs clients) are grouped per client.
    return list[lo] ?? { client: item.id.client, clock: Number.MAX_SAFE_INTEGER, stamp: null };
  };
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || v === false;

/** The record's history, newest first. */
export function recordHistory(doc: Y.Doc): HistoryEntry[] {
  const fields = doc.getMap<unknown>(FIELDS);
  const meta = doc.getMap<unknown>(META);
  const stamps: Stamped[] = keyChain(meta, 'edit').map((item) => ({
    client: item.id.client,
    clock: item.id.clock,
    stamp: itemValue(item) as EditStamp,
  }));
  const findStamp = stampFinder(stamps);
  const groups = new Map<Stamped, { changes: HistoryChange[]; kind: HistoryKind }>();
  const group = (s: Stamped) => {
    let g = groups.get(s);
    if (!g) groups.set(s, (g = { changes: [], kind: 'edited' }));
    return g;
  };

  for (const key of fields.keys()) {
    const chain = keyChain(fields, key);
    chain.forEach((item, index) => {
      const value = item.content.getContent()[0];
      if (value instanceof Y.Text) {
        // The text object's creation is one change; typing inside it is attributed below.
        addTextChanges(key, value, findStamp, group);
        return;
      }
      group(findStamp(item)).changes.push({ field: key, before: itemValue(chain[index - 1]), after: value });
    });
  }

  for (const item of keyChain(meta, 'createdAt')) group(findStamp(item)).kind = 'created';
  for (const item of keyChain(meta, 'deletedAt')) {
    const g = group(findStamp(item));
    if (g.kind !== 'created') g.kind = itemValue(item) === null ? 'restored' : 'deleted';
  }
  for (const item of keyChain(meta, 'mergedInto')) {
    if (typeof itemValue(item) === 'string') group(findStamp(item)).kind = 'merged';
  }

  // Newest first; edits stamped in the same millisecond keep their order on their client.
  const ordered = [...groups].sort(
    ([s], [t]) => (t.stamp?.at ?? -1) - (s.stamp?.at ?? -1) || (s.client === t.client ? t.clock - s.clock : t.client - s.client),
  );
  return ordered.map(([s, g]) => ({
    kind: g.kind,
    at: s.stamp?.at ?? null,
    by: s.stamp?.by ?? null,
    device: s.stamp?.device ?? null,
    changes: g.kind === 'created' ? g.changes.filter((c) => !isEmpty(c.after)) : g.changes,
  }));
}

function addTextChanges(
  field: string,
  text: Y.Text,
  findStamp: (item: YItem) => Stamped,
  group: (s: Stamped) => { changes: HistoryChange[] },
): void {
  const inserted = new Map<Stamped, string>();
  let item = (text as unknown as { _start: YItem | null })._start;
  while (item) {
    if (typeof item.content.str === 'string') {
      const s = findStamp(item);
      inserted.set(s, (inserted.get(s) ?? '') + item.content.str);
    }
    item = item.right;
  }
  for (const [s, str] of inserted) group(s).changes.push({ field, before: undefined, after: str, text: true });
}
