// The column layout of a table: which fields are shown, in which order. The title column is
// always there and always first. Layouts come back from storage and views written by older
// versions or other devices, so every function tolerates unknown and repeated keys.
import { TITLE_KEY } from './fields.ts';

/** `requested` keeping only known keys, once each, with the title first. */
export function normalizeColumns(requested: readonly string[], known: readonly string[]): string[] {
  const allowed = new Set(known);
  const seen = new Set<string>([TITLE_KEY]);
  const columns = [TITLE_KEY];
  for (const key of requested) {
    if (seen.has(key) || !allowed.has(key)) continue;
    seen.add(key);
    columns.push(key);
  }
  return columns;
}

/** Shows a hidden column (at the end) or hides a shown one. The title cannot be hidden. */
export function toggleColumn(columns: readonly string[], key: string): string[] {
  if (key === TITLE_KEY) return [...columns];
  return columns.includes(key) ? columns.filter((k) => k !== key) : [...columns, key];
}

/** Moves a shown column one place left (-1) or right (+1); the title stays first. */
export function moveColumn(columns: readonly string[], key: string, delta: -1 | 1): string[] {
  const from = columns.indexOf(key);
  const to = from + delta;
  if (from <= 0 || to <= 0 || to >= columns.length) return [...columns];
  const next = [...columns];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}
