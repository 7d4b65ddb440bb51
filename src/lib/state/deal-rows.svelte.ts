// Every alive deal of the workspace in memory, with the names of their companies, kept current
// from the store's change events (read once, then patched row by row). One per open workspace:
// the deals board, its table view and later visits read it at once instead of reading 20,000
// rows again, and the workspace warms it in the background once the first screen is shown.
import type { Row } from '@carnet/schema';
import type { RowChange, Store } from '@carnet/store';
import type { DealRow } from '$lib/deals';
import { nextFrame } from './frames.ts';

/**
 * Deals are read, and their companies looked up, this many at a time: each read is decoded in
 * one task of the page, and this runs in the background while the user works (2,000 deals or
 * 1,000 companies at once were 50–80 ms tasks at dataset L).
 */
const BATCH = 400;

export class DealRows {
  deals = $state.raw<DealRow[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Company id → name, for the companies the deals link to. */
  companies = $state.raw<ReadonlyMap<string, string>>(new Map());

  #store: Store;
  #stop: (() => void) | null = null;
  #companyNames = new Map<string, string>();
  #requestedCompanies = new Set<string>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** Reads the deals and follows their changes; does nothing once started. */
  start(): void {
    if (!this.#stop) this.#stop = this.#follow(this.#store);
  }

  stop(): void {
    this.#stop?.();
  }

  #follow(store: Store): () => void {
    const byId = new Map<string, DealRow>();
    // Changes seen while the first read runs are applied after it, in order.
    let buffered: RowChange[] | null = [];
    let queued = false;
    let stopped = false;

    const apply = (change: RowChange) => {
      if (change.row.deletedAt === null) byId.set(change.id, change.row as DealRow);
      else byId.delete(change.id);
    };
    const publish = () => {
      queued = false;
      if (stopped) return;
      this.deals = [...byId.values()];
      void this.#fetchCompanies(store, this.deals);
    };

    const off = store.subscribe((event) => {
      const deals: RowChange[] = [];
      const companies: RowChange[] = [];
      for (const change of event.rows) {
        if (change.collection === 'deals') deals.push(change);
        else if (change.collection === 'companies') companies.push(change);
      }
      if (companies.length) this.#onCompanies(companies);
      if (!deals.length) return;
      if (buffered) {
        buffered.push(...deals);
        return;
      }
      deals.forEach(apply);
      if (!queued) {
        queued = true;
        nextFrame(publish);
      }
    });

    store
      .scan('deals', (rows) => {
        if (stopped) return;
        for (const row of rows) if (row.deletedAt === null) byId.set(row.id, row);
      }, BATCH)
      .then(() => {
        if (stopped) return;
        buffered?.forEach(apply);
        buffered = null;
        publish();
        this.loaded = true;
      })
      .catch((error: unknown) => {
        this.error = error instanceof Error ? error.message : String(error);
      });

    return () => {
      stopped = true;
      off();
    };
  }

  async #fetchCompanies(store: Store, deals: readonly DealRow[]): Promise<void> {
    const missing: string[] = [];
    for (const deal of deals) {
      const id = deal.companyId;
      if (id && !this.#requestedCompanies.has(id)) {
        this.#requestedCompanies.add(id);
        missing.push(id);
      }
    }
    if (!missing.length) return;
    for (let i = 0; i < missing.length; i += BATCH) {
      const ids = missing.slice(i, i + BATCH);
      const rows = await store.getMany('companies', ids);
      rows.forEach((row, index) => {
        if (row && row.deletedAt === null) this.#companyNames.set(ids[index], (row as Row<'companies'>).name);
      });
    }
    this.companies = new Map(this.#companyNames);
  }

  #onCompanies(changes: RowChange[]): void {
    let changed = false;
    for (const change of changes) {
      if (!this.#requestedCompanies.has(change.id)) continue;
      const name = change.row.deletedAt === null ? (change.row as Row<'companies'>).name : undefined;
      if (name === undefined) this.#companyNames.delete(change.id);
      else this.#companyNames.set(change.id, name);
      changed = true;
    }
    if (changed) this.companies = new Map(this.#companyNames);
  }
}
