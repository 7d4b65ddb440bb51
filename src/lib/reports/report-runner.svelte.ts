// Computes the dashboard's widgets whenever their inputs change: one widget at a time with a
// pause for the browser in between (a dashboard over a large workspace never freezes the
// page), skipping widgets whose inputs are the same as last time, and dropping a pass that a
// newer change made stale. Results appear widget by widget.
import { untrack } from 'svelte';
import type { ReportContext, ReportData, Widget } from '@carnet/reports';
import type { ReportCollection, Revisions } from './row-cache.ts';
import { collectionsFor, inputKey, runOne, type RunExtras, type WidgetOutcome } from './widget-runs.ts';

export interface RunInput {
  /** Widgets as they run (the filter bar applied). */
  widgets: readonly Widget[];
  data: ReportData;
  revisions: Revisions;
  loaded: ReadonlySet<ReportCollection>;
  ctx: ReportContext;
  extras: RunExtras;
  /** Everything else the figures depend on (clock, pipelines, members, goals), as a string. */
  context: string;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class ReportRunner {
  outcomes = $state.raw<ReadonlyMap<string, WidgetOutcome>>(new Map());
  #last = new Map<string, { key: string; outcome: WidgetOutcome; report: string }>();
  #ticket = 0;

  /** Call during component initialisation. */
  constructor(input: () => RunInput | null) {
    $effect(() => {
      const current = input();
      if (current) untrack(() => void this.#run(current));
    });
  }

  async #run(input: RunInput): Promise<void> {
    const ticket = ++this.#ticket;
    // An outcome is kept for a widget only while that widget still draws the same report: a
    // dashboard swapped for another (shared, reset) reuses ids for other reports, and a view
    // must never be handed another report's result.
    const reportOf = new Map(input.widgets.map((w) => [w.id, w.report]));
    const next = new Map([...this.outcomes].filter(([id]) => reportOf.has(id) && this.#last.get(id)?.report === reportOf.get(id)));
    let computed = 0;
    for (const widget of input.widgets) {
      if (!collectionsFor(widget).every((c) => input.loaded.has(c))) continue;
      const key = inputKey(widget, input.revisions, input.context);
      const last = this.#last.get(widget.id);
      if (last?.key === key) {
        next.set(widget.id, last.outcome);
        continue;
      }
      if (computed++ > 0) {
        this.outcomes = new Map(next);
        await pause();
        if (ticket !== this.#ticket) return;
      }
      const outcome = runOne(widget, input.data, input.ctx, input.extras);
      this.#last.set(widget.id, { key, outcome, report: widget.report });
      next.set(widget.id, outcome);
    }
    if (ticket === this.#ticket) this.outcomes = next;
  }
}
