// Running one widget: which rows it needs, what it takes besides its saved options (the
// goals, the workspace's stalled threshold), and a key of everything its figures depend on,
// so a widget whose inputs did not change is not computed again. A report that throws (a
// pipeline removed since the widget was saved) yields an error for that widget alone.
import { ReportError, runWidget, type Goal, type ReportContext, type ReportData, type Widget } from '@carnet/reports';
import type { ReportCollection, Revisions } from './row-cache.ts';

/** The collections a widget's report reads, with those its filters look through. */
export function collectionsFor(widget: Widget): ReportCollection[] {
  const needed = new Set<ReportCollection>();
  const filters = widget.filters ?? {};
  switch (widget.report) {
    case 'activities_by_rep':
    case 'overdue_tasks':
    case 'activity_heatmap':
      needed.add('activities');
      // An activity matches a pipeline through its deal, a tag through its deal, contact or company.
      if (filters.pipelineIds) needed.add('deals');
      if (filters.tags) for (const c of ['deals', 'contacts', 'companies'] as const) needed.add(c);
      break;
    case 'leads_by_source':
      needed.add('contacts');
      break;
    case 'stalled_deals':
      needed.add('deals').add('activities');
      break;
    case 'leaderboard':
      needed.add('deals');
      if (widget.options?.metric === 'activities') {
        needed.add('activities');
        if (filters.tags) for (const c of ['contacts', 'companies'] as const) needed.add(c);
      }
      break;
    default:
      needed.add('deals');
  }
  return [...needed];
}

export interface RunExtras {
  goals: readonly Goal[];
  stalledDays: number;
}

/** A widget's figures, or why there are none; `report` says which report they are of. */
export type WidgetOutcome =
  | { ok: true; report: string; result: unknown }
  | { ok: false; report: string; error: string; code: string | null };

export function runOne(widget: Widget, data: ReportData, ctx: ReportContext, extras: RunExtras): WidgetOutcome {
  try {
    const extra: Record<string, unknown> = {};
    if (widget.report === 'goal_progress') extra.goals = extras.goals;
    if (widget.report === 'stalled_deals' && widget.options?.stalledDays === undefined) extra.stalledDays = extras.stalledDays;
    return { ok: true, report: widget.report, result: runWidget(widget as never, data, ctx, extra as never) };
  } catch (error) {
    return {
      ok: false,
      report: widget.report,
      error: error instanceof Error ? error.message : String(error),
      code: error instanceof ReportError ? error.code : null,
    };
  }
}

/** Everything a widget's figures depend on, as one comparable string. */
export function inputKey(widget: Widget, revisions: Revisions, context: string): string {
  const rows = collectionsFor(widget).map((c) => `${c}:${revisions[c]}`).join(',');
  return `${JSON.stringify(widget)}|${rows}|${context}`;
}
