// Deal figures for the record pages, as pure functions over rows: a deal's stage and status
// from the workspace's pipelines, sums per currency (all, open pipeline, won), and roll-ups
// over an account hierarchy (a company with every subsidiary below it). The hierarchy is
// read breadth-first with a visited set, so a parent loop (A → B → A) ends instead of hanging.
import type { AnyRow, Pipeline, Stage, StageKind } from '@carnet/schema';

/** Amounts per currency code, e.g. { EUR: 12000, USD: 500 }. */
export type Money = Record<string, number>;

export interface DealSummary {
  count: number;
  openCount: number;
  wonCount: number;
  total: Money;
  open: Money;
  won: Money;
}

export function emptySummary(): DealSummary {
  return { count: 0, openCount: 0, wonCount: 0, total: {}, open: {}, won: {} };
}

/** The stage a deal sits in, or null when its pipeline or stage no longer exists. */
export function stageOf(pipelines: readonly Pipeline[], deal: AnyRow): Stage | null {
  const pipeline = pipelines.find((p) => p.id === deal.pipelineId) ?? (deal.pipelineId ? undefined : pipelines[0]);
  return pipeline?.stages.find((s) => s.id === deal.stageId) ?? null;
}

/** Open unless its stage says won or lost (a deal without a known stage is still open). */
export function dealStatus(pipelines: readonly Pipeline[], deal: AnyRow): StageKind {
  return stageOf(pipelines, deal)?.kind ?? 'open';
}

function add(money: Money, currency: string, amount: number): void {
  money[currency] = (money[currency] ?? 0) + amount;
}

export function summarize(deals: Iterable<AnyRow>, pipelines: readonly Pipeline[], defaultCurrency: string): DealSummary {
  const summary = emptySummary();
  for (const deal of deals) {
    if (deal.deletedAt !== null) continue;
    summary.count++;
    const status = dealStatus(pipelines, deal);
    if (status === 'open') summary.openCount++;
    if (status === 'won') summary.wonCount++;
    const amount = typeof deal.amount === 'number' ? deal.amount : null;
    if (amount === null) continue;
    const currency = typeof deal.currency === 'string' && deal.currency ? deal.currency : defaultCurrency;
    add(summary.total, currency, amount);
    if (status === 'open') add(summary.open, currency, amount);
    if (status === 'won') add(summary.won, currency, amount);
  }
  return summary;
}

/** Company → its direct subsidiaries' ids, as read from the store. */
export type ChildMap = Map<string, string[]>;

export interface TreeRead {
  children: ChildMap;
  /** Every company in the tree, the root included. */
  ids: Set<string>;
  /** A subsidiary pointed back at a company already in the tree (a loop in the data). */
  loop: boolean;
  /** The tree was cut at `maxNodes`. */
  truncated: boolean;
}

/**
 * Reads the subsidiaries below `rootId` level by level: `childrenOf(ids)` returns the
 * companies whose parent is one of `ids`. A company already seen is not visited again.
 */
export async function readTree(
  rootId: string,
  childrenOf: (parentIds: string[]) => Promise<{ id: string; parentId: unknown }[]>,
  maxNodes = 2_000,
): Promise<TreeRead> {
  const children: ChildMap = new Map();
  const ids = new Set([rootId]);
  let loop = false;
  let truncated = false;
  let frontier = [rootId];
  while (frontier.length && !truncated) {
    const next: string[] = [];
    for (const row of await childrenOf(frontier)) {
      if (typeof row.parentId !== 'string') continue;
      if (ids.has(row.id)) {
        loop = true;
        continue;
      }
      if (ids.size >= maxNodes) {
        truncated = true;
        break;
      }
      ids.add(row.id);
      next.push(row.id);
      const list = children.get(row.parentId) ?? [];
      list.push(row.id);
      children.set(row.parentId, list);
    }
    frontier = next;
  }
  return { children, ids, loop, truncated };
}

/** A company and everything below it in the tree (each once). */
export function subtree(id: string, children: ChildMap): string[] {
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      stack.push(child);
    }
  }
  return [...seen];
}

/** Deal summaries of each direct subsidiary of `rootId`, each including its own subsidiaries. */
export function rollUp(
  rootId: string,
  children: ChildMap,
  deals: readonly AnyRow[],
  pipelines: readonly Pipeline[],
  defaultCurrency: string,
): Map<string, { summary: DealSummary; companies: number }> {
  const byCompany = new Map<string, AnyRow[]>();
  for (const deal of deals) {
    if (typeof deal.companyId !== 'string') continue;
    const list = byCompany.get(deal.companyId) ?? [];
    list.push(deal);
    byCompany.set(deal.companyId, list);
  }
  const result = new Map<string, { summary: DealSummary; companies: number }>();
  for (const child of children.get(rootId) ?? []) {
    const ids = subtree(child, children);
    result.set(child, {
      summary: summarize(ids.flatMap((id) => byCompany.get(id) ?? []), pipelines, defaultCurrency),
      companies: ids.length,
    });
  }
  return result;
}

/**
 * The chain of parents above a company, nearest first, stopping at a loop or after `max`.
 * `parentOf` reads one company's parent id.
 */
export async function readAncestors(
  id: string,
  parentOf: (id: string) => Promise<string | null>,
  max = 20,
): Promise<{ ids: string[]; loop: boolean }> {
  const ids: string[] = [];
  const seen = new Set([id]);
  let current: string | null = id;
  while (current && ids.length < max) {
    const parent: string | null = await parentOf(current);
    if (!parent) break;
    if (seen.has(parent)) return { ids, loop: true };
    seen.add(parent);
    ids.push(parent);
    current = parent;
  }
  return { ids, loop: false };
}

/** Currencies in a stable order: the default first, then alphabetical. */
export function moneyEntries(money: Money, defaultCurrency: string): [string, number][] {
  return Object.entries(money).sort(([a], [b]) => (a === defaultCurrency ? -1 : b === defaultCurrency ? 1 : a.localeCompare(b)));
}
