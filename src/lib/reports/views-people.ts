// Widget views of the reports about people and their work: activities per rep, overdue
// tasks, leads by source, the activity heat map, goals and the leaderboard.
import { ACTIVITY_TYPES, LIFECYCLE_STAGES } from '@carnet/schema';
import type { ActivitiesByRep, ActivityHeatmap, GoalProgress, Leaderboard, LeadsBySource, OverdueTasks } from '@carnet/reports';
import { formatMoney } from '../i18n/format.ts';
import { blankView, type GoalView, type WidgetView } from './view-model.ts';
import { formatCount, formatDays, formatPercent, formatPeriod, personName, sourceLabel, type ViewText } from './view-text.ts';
import type { ViewEnv } from './views-deals.ts';

const num = (label: string) => ({ label, numeric: true });
const col = (label: string) => ({ label, numeric: false });

export function activitiesView(r: ActivitiesByRep, env: ViewEnv): WidgetView {
  const { text } = env;
  const typeLabels = ACTIVITY_TYPES.map((type) => text.label(`activityType.${type}`, type));
  const view = blankView({
    columns: [col(text.t('reports.col.rep')), ...typeLabels.map(num), num(text.t('reports.col.total'))],
    rows: r.reps.map((rep) => ({
      key: rep.ownerId ?? 'none',
      cells: [personName(text, rep.ownerId, rep.name), ...ACTIVITY_TYPES.map((type) => formatCount(text, rep.byType[type])), formatCount(text, rep.total)],
    })),
  });
  view.chart = env.type === 'donut'
    ? {
        series: [{ key: 'count', label: text.t('reports.col.activities'), format: 'count' }],
        points: ACTIVITY_TYPES.map((type, i) => ({ key: type, label: typeLabels[i], values: [r.byType[type]] })),
        axis: 'names', stacked: false, currency: null,
      }
    : {
        series: ACTIVITY_TYPES.map((type, i) => ({ key: type, label: typeLabels[i], format: 'count' as const })),
        points: r.reps.map((rep) => ({ key: rep.ownerId ?? 'none', label: personName(text, rep.ownerId, rep.name), values: ACTIVITY_TYPES.map((type) => rep.byType[type]) })),
        axis: 'names', stacked: true, currency: null,
      };
  view.headline = { value: formatCount(text, r.total), detail: null };
  view.empty = r.total === 0 && env.type !== 'number';
  return view;
}

export function overdueView(r: OverdueTasks, env: ViewEnv): WidgetView {
  const { text } = env;
  const view = blankView({
    columns: [col(text.t('reports.col.rep')), num(text.t('reports.col.overdue')), num(text.t('reports.col.oldest'))],
    rows: r.reps.map((rep) => ({
      key: rep.ownerId ?? 'none',
      cells: [personName(text, rep.ownerId, rep.name), formatCount(text, rep.count), formatDays(text, rep.oldestDays)],
    })),
  });
  const oldest = Math.max(0, ...r.reps.map((rep) => rep.oldestDays));
  view.headline = { value: formatCount(text, r.total), detail: r.total ? text.t('reports.overdue.oldest', { days: formatDays(text, oldest) }) : text.t('reports.overdue.none') };
  view.chart = {
    series: [{ key: 'count', label: text.t('reports.col.overdue'), format: 'count' }],
    points: r.reps.map((rep) => ({ key: rep.ownerId ?? 'none', label: personName(text, rep.ownerId, rep.name), values: [rep.count] })),
    axis: 'names', stacked: false, currency: null,
  };
  view.empty = r.total === 0 && env.type !== 'number';
  return view;
}

export function leadsView(r: LeadsBySource, env: ViewEnv): WidgetView {
  const { text } = env;
  const stages = [...LIFECYCLE_STAGES, 'none'] as const;
  const stageLabels = stages.map((s) => (s === 'none' ? text.t('reports.noLifecycle') : text.label(`lifecycle.${s}`, s)));
  const view = blankView({
    columns: [col(text.t('reports.col.source')), ...stageLabels.map(num), num(text.t('reports.col.total'))],
    rows: r.sources.map((s) => ({
      key: s.source ?? 'none',
      cells: [sourceLabel(text, s.source), ...stages.map((stage) => formatCount(text, s.byLifecycle[stage])), formatCount(text, s.total)],
    })),
  });
  view.chart = env.type === 'donut'
    ? {
        series: [{ key: 'count', label: text.t('reports.col.contacts'), format: 'count' }],
        points: r.sources.map((s) => ({ key: s.source ?? 'none', label: sourceLabel(text, s.source), values: [s.total] })),
        axis: 'names', stacked: false, currency: null,
      }
    : {
        series: stages.map((stage, i) => ({ key: stage, label: stageLabels[i], format: 'count' as const })),
        points: r.sources.map((s) => ({ key: s.source ?? 'none', label: sourceLabel(text, s.source), values: stages.map((stage) => s.byLifecycle[stage]) })),
        axis: 'names', stacked: true, currency: null,
      };
  view.headline = { value: formatCount(text, r.total), detail: null };
  view.empty = r.total === 0 && env.type !== 'number';
  return view;
}

/** Hours as the interface language writes them ("9 AM" or "09 h"). */
export function hourLabel(text: ViewText, hour: number): string {
  return new Intl.DateTimeFormat(text.tag, { hour: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1, hour));
}

/** Monday-first weekday names (1 January 2024 was a Monday). */
export function weekdayLabels(text: ViewText, width: 'short' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(text.tag, { weekday: width, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2024, 0, 1 + i)));
}

export function heatmapView(r: ActivityHeatmap, env: ViewEnv): WidgetView {
  const { text } = env;
  const days = weekdayLabels(text, 'long');
  const hours = Array.from({ length: 24 }, (_, h) => hourLabel(text, h));
  const view = blankView({
    columns: [col(text.t('reports.col.weekday')), ...hours.map(num)],
    rows: r.cells.map((row, d) => ({ key: String(d), cells: [days[d], ...row.map((n) => formatCount(text, n))] })),
  });
  view.heatmap = { cells: r.cells, max: r.max, total: r.total, dayLabels: weekdayLabels(text), hourLabels: hours };
  view.headline = { value: formatCount(text, r.total), detail: null };
  view.notes = [text.t('reports.heatmap.zone', { zone: r.timeZone, n: formatCount(text, r.total) })];
  view.empty = r.total === 0;
  return view;
}

const teamWho = (text: ViewText, name: string | null) => (name === null ? text.t('reports.goal.unknownTeam') : text.t('reports.goal.teamWho', { team: name }));

function goalLabel(goal: GoalProgress, env: ViewEnv): string {
  const { text } = env;
  if (goal.name) return goal.name;
  const who = goal.scope.kind === 'rep' ? env.memberName(goal.scope.userId) ?? text.t('value.unknownUser')
    : goal.scope.kind === 'team' ? teamWho(text, env.teamName?.(goal.scope.teamId) ?? null)
      : text.t('reports.goal.company');
  return text.t(goal.metric === 'won_amount' ? 'reports.goal.labelAmount' : 'reports.goal.labelCount', { who });
}

function goalValue(goal: GoalProgress, env: ViewEnv, value: number): string {
  return goal.currency ? formatMoney(env.text.tag, value, goal.currency) : formatCount(env.text, value);
}

export function goalsView(r: GoalProgress[], env: ViewEnv): WidgetView {
  const { text } = env;
  const goals: GoalView[] = r.map((g) => ({
    key: g.goalId,
    label: goalLabel(g, env),
    periodText: formatPeriod(text, g.period),
    progress: g.progress,
    elapsed: g.elapsed,
    status: g.status,
    statusText: text.t(`reports.goal.status.${g.status}`),
    valueText: text.t('reports.goal.of', { actual: goalValue(g, env, g.actual), target: goalValue(g, env, g.target) }),
    percentText: formatPercent(text, g.progress),
  }));
  const view = blankView({
    columns: [col(text.t('reports.col.goal')), col(text.t('reports.col.period')), num(text.t('reports.col.actual')), num(text.t('reports.col.target')), num(text.t('reports.col.progress')), col(text.t('reports.col.status'))],
    rows: r.map((g, i) => ({
      key: g.goalId,
      cells: [goals[i].label, goals[i].periodText, goalValue(g, env, g.actual), goalValue(g, env, g.target), formatPercent(text, g.progress), goals[i].statusText],
    })),
  });
  view.goals = goals;
  view.chart = {
    series: [{ key: 'progress', label: text.t('reports.col.progress'), format: 'percent' }],
    points: goals.map((g) => ({ key: g.key, label: `${g.label}, ${g.periodText}`, values: [g.progress] })),
    axis: 'names', stacked: false, currency: null,
  };
  const met = r.filter((g) => g.status === 'achieved' || g.status === 'on_track').length;
  view.headline = r.length === 1
    ? { value: formatPercent(text, r[0].progress), detail: `${goals[0].label} · ${goals[0].valueText}` }
    : { value: `${formatCount(text, met)} / ${formatCount(text, r.length)}`, detail: text.t('reports.goal.metOrOnTrack') };
  view.empty = r.length === 0;
  return view;
}

export function leaderboardView(r: Leaderboard, env: ViewEnv): WidgetView {
  const { text } = env;
  const value = (v: number) => (r.currency ? formatMoney(text.tag, v, r.currency) : formatCount(text, v));
  const metric = text.t(`reports.metric.${r.metric}`);
  const view = blankView({
    columns: [num(text.t('reports.col.rank')), col(text.t(r.by === 'team' ? 'reports.col.team' : 'reports.col.rep')), num(metric)],
    rows: r.entries.map((e) => ({ key: e.id, cells: [formatCount(text, e.rank), personName(text, e.id, e.name), value(e.value)] })),
  });
  view.chart = {
    series: [{ key: 'value', label: metric, format: r.currency ? 'money' : 'count' }],
    points: r.entries.map((e) => ({ key: e.id, label: personName(text, e.id, e.name), values: [e.value] })),
    axis: 'names', stacked: false, currency: r.currency,
  };
  const leader = r.entries[0];
  view.headline = leader ? { value: personName(text, leader.id, leader.name), detail: value(leader.value) } : { value: text.t('value.none'), detail: null };
  view.notes = [text.t('reports.leaderboard.metric', { metric })];
  view.empty = r.entries.length === 0;
  return view;
}
