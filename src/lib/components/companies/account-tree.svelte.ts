// The account hierarchy around one company, kept current: the parents above it, its direct
// subsidiaries with the deals of each one's whole branch rolled up, and the figures of the
// company with everything below it. Re-read (at most once a frame) when companies or deals
// change, here or from a teammate. Call during component initialisation.
import type { AnyRow } from '@carnet/schema';
import type { WorkspaceSession } from '$lib/state/workspace.svelte';
import { rereadOnChanges } from '$lib/state/live.svelte';
import { readAncestors, readTree, rollUp, summarize, type DealSummary } from './deal-totals.ts';

export interface Subsidiary {
  row: AnyRow;
  summary: DealSummary;
  /** Companies in this subsidiary's branch, itself included. */
  companies: number;
}

export function accountTree(ws: WorkspaceSession, companyId: () => string) {
  let ancestors = $state.raw<AnyRow[]>([]);
  let subsidiaries = $state.raw<Subsidiary[]>([]);
  let group = $state.raw<DealSummary | null>(null);
  let size = $state(1);
  let loop = $state(false);
  let truncated = $state(false);
  let loaded = $state(false);

  $effect(() => {
    const store = ws.store;
    const id = companyId();
    if (!store) return;
    let stopped = false;
    let ticket = 0;

    const read = async () => {
      const mine = ++ticket;
      const tree = await readTree(id, async (ids) => (await store.query('companies', { where: [{ field: 'parentId', op: 'in', value: ids }] })).rows);
      const up = await readAncestors(id, async (cid) => {
        const parent = (await store.get('companies', cid))?.parentId;
        return typeof parent === 'string' ? parent : null;
      });
      const [parents, children, deals] = await Promise.all([
        store.getMany('companies', up.ids),
        store.getMany('companies', tree.children.get(id) ?? []),
        store.query('deals', { where: [{ field: 'companyId', op: 'in', value: [...tree.ids] }] }),
      ]);
      if (stopped || mine !== ticket) return;
      const currency = ws.settings?.defaultCurrency ?? 'EUR';
      const rolled = rollUp(id, tree.children, deals.rows, ws.pipelines, currency);
      ancestors = parents.filter((r): r is NonNullable<typeof r> => !!r);
      subsidiaries = children
        .filter((r): r is NonNullable<typeof r> => !!r)
        .map((row) => ({ row, ...(rolled.get(row.id) ?? { summary: summarize([], [], currency), companies: 1 }) }))
        .sort((a, b) => String(a.row.name).localeCompare(String(b.row.name)));
      group = summarize(deals.rows, ws.pipelines, currency);
      size = tree.ids.size;
      loop = tree.loop || up.loop;
      truncated = tree.truncated;
      loaded = true;
    };

    void read();
    const stop = rereadOnChanges(store, (event) => event.rows.some((r) => r.collection === 'companies' || r.collection === 'deals'), () => void read());
    return () => {
      stopped = true;
      stop();
    };
  });

  return {
    /** Parents above the company, nearest first. */
    get ancestors() {
      return ancestors;
    },
    get subsidiaries() {
      return subsidiaries;
    },
    /** Deals of the company and every subsidiary below it. */
    get group() {
      return group;
    },
    /** Companies in the tree, the company itself included. */
    get size() {
      return size;
    },
    get loop() {
      return loop;
    },
    get truncated() {
      return truncated;
    },
    get loaded() {
      return loaded;
    },
  };
}
