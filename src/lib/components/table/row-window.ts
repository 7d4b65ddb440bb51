// The arithmetic of a virtualized list: which rows a scroll position shows, which pages of
// rows they fall in, and which cached pages to drop first. Pure.

export interface RowWindow {
  /** First row index shown (included). */
  start: number;
  /** Row index after the last one shown (excluded). */
  end: number;
}

/** The rows to render for a scroll position, with `overscan` extra rows above and below. */
export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 6): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first, total - 1) - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end: Math.max(start, end) };
}

/** The page numbers covering rows [start, end). */
export function pagesFor(window: RowWindow, pageSize: number): number[] {
  if (window.end <= window.start) return [];
  const first = Math.floor(window.start / pageSize);
  const last = Math.floor((window.end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/**
 * Cached pages to drop so that at most `max` remain: never a wanted one, and the farthest
 * from the wanted ones first (the user is likelier to scroll back a little than a lot).
 */
export function pagesToEvict(cached: readonly number[], wanted: readonly number[], max: number): number[] {
  if (cached.length <= max) return [];
  const keep = new Set(wanted);
  const distance = (page: number) => (wanted.length ? Math.min(...wanted.map((w) => Math.abs(w - page))) : page);
  const candidates = cached.filter((p) => !keep.has(p)).sort((a, b) => distance(b) - distance(a) || b - a);
  return candidates.slice(0, Math.min(candidates.length, cached.length - max));
}
