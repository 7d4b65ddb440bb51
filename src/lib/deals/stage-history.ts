// A deal's path through the stages, read from its record history: each change of `stageId`
// with who made it and when, and how long the deal stayed (or has stayed so far) in each stage.
import type { HistoryEntry } from '@carnet/store';

export interface StageSpan {
  stageId: string;
  /** When the deal entered the stage (epoch ms); null when the edit carries no time. */
  enteredAt: number | null;
  by: string | null;
  /** When it left; null while it is still there. */
  leftAt: number | null;
  /** Time spent in the stage (until `now` for the current one); null when a time is unknown. */
  durationMs: number | null;
}

/** Stage spans oldest first, from history entries as the store returns them (newest first). */
export function stageHistory(entries: readonly HistoryEntry[], now: number): StageSpan[] {
  const spans: StageSpan[] = [];
  let open: StageSpan | null = null;
  const close = (at: number | null) => {
    if (!open) return;
    open.leftAt = at;
    open.durationMs = at !== null && open.enteredAt !== null ? Math.max(0, at - open.enteredAt) : null;
    open = null;
  };
  for (const entry of [...entries].reverse()) {
    const change = entry.changes.find((c) => c.field === 'stageId');
    if (!change || change.before === change.after) continue;
    const stageId = typeof change.after === 'string' && change.after ? change.after : null;
    if (open && open.stageId === stageId) continue;
    close(entry.at);
    if (stageId === null) continue;
    open = { stageId, enteredAt: entry.at, by: entry.by, leftAt: null, durationMs: null };
    spans.push(open);
  }
  const current = open as StageSpan | null;
  if (current && current.enteredAt !== null) current.durationMs = Math.max(0, now - current.enteredAt);
  return spans;
}

/** Total time per stage over every visit (a deal can come back to a stage). */
export function timeInStages(spans: readonly StageSpan[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const span of spans) {
    if (span.durationMs === null) continue;
    totals.set(span.stageId, (totals.get(span.stageId) ?? 0) + span.durationMs);
  }
  return totals;
}
