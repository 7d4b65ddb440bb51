// Widget views of the reports over deals: the funnel, won and lost by month, win rate, deal
// size, sales cycle, forecast and stalled deals. Charts draw amounts in the workspace's
// currency; amounts in other currencies are listed in the table and named in a note.
import type {
  AverageDealSize, MoneyAmount, PipelineFunnel, RevenueForecast, SalesCycle, StalledDeals, WinRate, WidgetType, WonLostByMonth,
} from '@carnet/reports';
import { blankView, type ChartData, type WidgetView } from './view-model.ts';
import {
  amountIn, formatCount, formatDays, formatMoneyList, formatMonth, formatPercent, hasOtherCurrencies, personName, stageLabel,
  type ViewText,
} from './view-text.ts';
import { formatMoney } from '../i18n/format.ts';

export interface ViewEnv {
  text: ViewText;
  type: WidgetType;
  /** The workspace's default currency: the one charts draw. */
  currency: string;
  /** Name of a member by id, for goals (reports name people themselves). */
  memberName: (userId: string) => string | null;
  /** Name of a team by id, for team goals. */
  teamName?: (teamId: string) => string | null;
}

const num = (label: string) => ({ label, numeric: true });
const col = (label: string) => ({ label, numeric: false });

function sumMoney(lists: readonly (readonly MoneyAmount[])[]): MoneyAmount[] {
  const sums = new Map<string, number>();
  for (const list of lists) for (const m of list) sums.set(m.currency, (sums.get(m.currency) ?? 0) + m.amount);
  return [...sums].map(([currency, amount]) => ({ currency, amount: Math.round(amount * 100) / 100 }));
}

function otherCurrencyNote(env: ViewEnv, lists: readonly (readonly MoneyAmount[])[]): string[] {
  return lists.some((l) => hasOtherCurrencies(l, env.currency)) ? [env.text.t('reports.note.otherCurrencies', { currency: env.currency })] : [];
}

export function funnelView(r: PipelineFunnel, env: ViewEnv): WidgetView {
  const { text } = env;
  const stepOf = new Map(r.steps.map((s) => [s.stepId, s]));
  const table = {
    columns: [col(text.t('reports.col.stage')), num(text.t('reports.col.deals')), num(text.t('reports.col.amount')), num(text.t('reports.col.conversion'))],
    rows: r.stages.map((s) => {
      const step = stepOf.get(s.stageId) ?? (s.kind === 'won' ? stepOf.get('won') : undefined);
      return {
        key: s.stageId,
        cells: [stageLabel(text, s.stageId, s.name), formatCount(text, s.count), formatMoneyList(text, s.amount, env.currency), step?.conversionToNext == null ? '' : formatPercent(text, step.conversionToNext)],
      };
    }),
  };
  const open = sumMoney(r.stages.filter((s) => s.kind === 'open').map((s) => s.amount));
  const view = blankView(table);
  view.funnel = r.steps.map((step, i) => {
    const wonStage = step.stepId === 'won' ? r.stages.find((s) => s.kind === 'won') : undefined;
    return {
      key: step.stepId,
      label: stageLabel(text, wonStage?.stageId ?? step.stepId, step.name),
      reached: step.reached,
      reachedText: formatCount(text, step.reached),
      conversionText: i < r.steps.length - 1 && step.conversionToNext !== null ? text.t('reports.funnel.goOn', { percent: formatPercent(text, step.conversionToNext) }) : null,
    };
  });
  view.chart = {
    series: [{ key: 'count', label: text.t('reports.col.deals'), format: 'count' }],
    points: r.stages.map((s) => ({ key: s.stageId, label: stageLabel(text, s.stageId, s.name), values: [s.count] })),
    axis: 'names', stacked: false, currency: null,
  };
  view.headline = { value: formatCount(text, r.total), detail: text.t('reports.funnel.open', { amount: formatMoneyList(text, open, env.currency) }) };
  view.notes = [
    text.t('reports.funnel.open', { amount: formatMoneyList(text, open, env.currency) }),
    text.t('reports.funnel.outcome', { won: formatCount(text, r.won), lost: formatCount(text, r.lost), percent: formatPercent(text, r.overallConversion) }),
  ];
  view.empty = r.total === 0;
  return view;
}

export function wonLostView(r: WonLostByMonth, env: ViewEnv): WidgetView {
  const { text } = env;
  const view = blankView({
    columns: [col(text.t('reports.col.month')), num(text.t('reports.series.won')), num(text.t('reports.col.wonAmount')), num(text.t('reports.series.lost')), num(text.t('reports.col.lostAmount'))],
    rows: r.months.map((m) => ({
      key: m.month,
      cells: [formatMonth(text, m.month), formatCount(text, m.won.count), formatMoneyList(text, m.won.amount, env.currency), formatCount(text, m.lost.count), formatMoneyList(text, m.lost.amount, env.currency)],
    })),
  });
  view.chart = {
    series: [{ key: 'won', label: text.t('reports.series.won'), format: 'count' }, { key: 'lost', label: text.t('reports.series.lost'), format: 'count' }],
    points: r.months.map((m) => ({ key: m.month, label: formatMonth(text, m.month), values: [m.won.count, m.lost.count] })),
    axis: 'months', stacked: false, currency: null,
  };
  const won = r.months.reduce((n, m) => n + m.won.count, 0);
  const lost = r.months.reduce((n, m) => n + m.lost.count, 0);
  view.headline = { value: formatCount(text, won), detail: text.t('reports.winRate.detail', { won: formatCount(text, won), lost: formatCount(text, lost) }) };
  if (r.undated.won || r.undated.lost) view.notes.push(text.t('reports.note.undatedClosed', { won: r.undated.won, lost: r.undated.lost }));
  view.empty = won + lost === 0;
  return view;
}

export function winRateView(r: WinRate, env: ViewEnv): WidgetView {
  const { text } = env;
  const view = blankView({
    columns: [col(text.t('reports.col.owner')), num(text.t('reports.series.won')), num(text.t('reports.series.lost')), num(text.t('reports.col.winRate'))],
    rows: [
      { key: 'all', cells: [text.t('reports.row.all'), formatCount(text, r.won), formatCount(text, r.lost), formatPercent(text, r.rate)] },
      ...r.byOwner.map((o) => ({
        key: o.ownerId ?? 'none',
        cells: [personName(text, o.ownerId, o.name), formatCount(text, o.won), formatCount(text, o.lost), formatPercent(text, o.rate)],
      })),
    ],
  });
  view.headline = { value: formatPercent(text, r.rate), detail: text.t('reports.winRate.detail', { won: formatCount(text, r.won), lost: formatCount(text, r.lost) }) };
  view.chart = env.type === 'donut'
    ? {
        series: [{ key: 'count', label: text.t('reports.col.deals'), format: 'count' }],
        points: [
          { key: 'won', label: text.t('reports.series.won'), values: [r.won] },
          { key: 'lost', label: text.t('reports.series.lost'), values: [r.lost] },
        ],
        axis: 'names', stacked: false, currency: null,
      }
    : {
        series: [{ key: 'won', label: text.t('reports.series.won'), format: 'count' }, { key: 'lost', label: text.t('reports.series.lost'), format: 'count' }],
        points: r.byOwner.map((o) => ({ key: o.ownerId ?? 'none', label: personName(text, o.ownerId, o.name), values: [o.won, o.lost] })),
        axis: 'names', stacked: true, currency: null,
      };
  view.empty = r.won + r.lost === 0 && env.type !== 'number';
  return view;
}

export function dealSizeView(r: AverageDealSize, env: ViewEnv): WidgetView {
  const { text } = env;
  const view = blankView({
    columns: [col(text.t('reports.col.currency')), num(text.t('reports.col.wonDeals')), num(text.t('reports.col.total')), num(text.t('reports.col.mean')), num(text.t('reports.col.median'))],
    rows: r.byCurrency.map((c) => ({
      key: c.currency,
      cells: [c.currency, formatCount(text, c.count), formatMoney(text.tag, c.total, c.currency), formatMoney(text.tag, c.mean, c.currency), formatMoney(text.tag, c.median, c.currency)],
    })),
  });
  const main = r.byCurrency.find((c) => c.currency === env.currency) ?? r.byCurrency[0];
  view.headline = main
    ? { value: formatMoney(text.tag, main.mean, main.currency), detail: text.t('reports.dealSize.detail', { median: formatMoney(text.tag, main.median, main.currency), n: formatCount(text, main.count) }) }
    : { value: text.t('value.none'), detail: text.t('reports.dealSize.none') };
  view.chart = {
    series: [{ key: 'amount', label: text.t('reports.col.amount'), format: 'money' }],
    points: main ? [
      { key: 'mean', label: text.t('reports.col.mean'), values: [main.mean] },
      { key: 'median', label: text.t('reports.col.median'), values: [main.median] },
    ] : [],
    axis: 'names', stacked: false, currency: main?.currency ?? env.currency,
  };
  if (r.byCurrency.length > 1) view.notes.push(text.t('reports.note.otherCurrencies', { currency: main!.currency }));
  if (r.withoutAmount) view.notes.push(text.t('reports.note.withoutAmount', { n: r.withoutAmount }));
  view.empty = !main && env.type !== 'number';
  return view;
}

export function salesCycleView(r: SalesCycle, env: ViewEnv): WidgetView {
  const { text } = env;
  const rows = [{ ownerId: 'all' as string | null, name: text.t('reports.row.all') as string | null, ...r }, ...r.byOwner];
  const view = blankView({
    columns: [col(text.t('reports.col.owner')), num(text.t('reports.col.wonDeals')), num(text.t('reports.col.mean')), num(text.t('reports.col.median')), num(text.t('reports.col.shortest')), num(text.t('reports.col.longest'))],
    rows: rows.map((o) => ({
      key: o.ownerId ?? 'none',
      cells: [personName(text, o.ownerId, o.name), formatCount(text, o.count), formatDays(text, o.meanDays), formatDays(text, o.medianDays), formatDays(text, o.minDays), formatDays(text, o.maxDays)],
    })),
  });
  view.headline = { value: formatDays(text, r.meanDays), detail: text.t('reports.cycle.detail', { median: formatDays(text, r.medianDays), n: formatCount(text, r.count) }) };
  view.chart = {
    series: [{ key: 'mean', label: text.t('reports.col.mean'), format: 'days' }],
    points: r.byOwner.map((o) => ({ key: o.ownerId ?? 'none', label: personName(text, o.ownerId, o.name), values: [o.meanDays ?? 0] })),
    axis: 'names', stacked: false, currency: null,
  };
  if (r.withoutCloseDate) view.notes.push(text.t('reports.note.withoutCloseDate', { n: r.withoutCloseDate }));
  if (r.closedBeforeCreated) view.notes.push(text.t('reports.note.closedBeforeCreated', { n: r.closedBeforeCreated }));
  view.empty = r.count === 0 && env.type !== 'number';
  return view;
}

export function forecastView(r: RevenueForecast, env: ViewEnv): WidgetView {
  const { text } = env;
  const c = env.currency;
  const money = (list: readonly MoneyAmount[]) => formatMoneyList(text, list, c);
  const view = blankView({
    columns: [col(text.t('reports.col.month')), num(text.t('reports.series.won')), num(text.t('reports.series.weighted')), num(text.t('reports.series.worst')), num(text.t('reports.series.best')), num(text.t('reports.col.openDeals'))],
    rows: [
      ...r.months.map((m) => ({ key: m.month, cells: [formatMonth(text, m.month), money(m.won), money(m.weighted), money(m.worstCase), money(m.bestCase), formatCount(text, m.openCount)] })),
      ...(r.pastDue.count ? [{ key: 'past', cells: [text.t('reports.row.pastDue'), '', money(r.pastDue.weighted), '', money(r.pastDue.amount), formatCount(text, r.pastDue.count)] }] : []),
      ...(r.undated.count ? [{ key: 'undated', cells: [text.t('reports.row.undated'), '', money(r.undated.weighted), '', money(r.undated.amount), formatCount(text, r.undated.count)] }] : []),
    ],
  });
  const chart: ChartData = {
    series: [
      { key: 'worst', label: text.t('reports.series.worst'), format: 'money' },
      { key: 'weighted', label: text.t('reports.series.weighted'), format: 'money' },
      { key: 'best', label: text.t('reports.series.best'), format: 'money' },
    ],
    points: r.months.map((m) => ({ key: m.month, label: formatMonth(text, m.month), values: [amountIn(m.worstCase, c), amountIn(m.weighted, c), amountIn(m.bestCase, c)] })),
    axis: 'months', stacked: false, currency: c,
  };
  view.chart = chart;
  const weighted = chart.points.reduce((sum, p) => sum + p.values[1], 0);
  view.headline = { value: formatMoney(text.tag, Math.round(weighted * 100) / 100, c), detail: text.t('reports.forecast.detail') };
  view.notes = [
    ...otherCurrencyNote(env, r.months.flatMap((m) => [m.bestCase, m.won])),
    ...(r.pastDue.count ? [text.t('reports.note.pastDue', { n: r.pastDue.count, amount: money(r.pastDue.amount) })] : []),
  ];
  view.empty = r.months.length === 0;
  return view;
}

export function stalledView(r: StalledDeals, env: ViewEnv): WidgetView {
  const { text } = env;
  const view = blankView({
    columns: [col(text.t('reports.col.deal')), col(text.t('reports.col.owner')), num(text.t('reports.col.amount')), num(text.t('reports.col.idle'))],
    rows: r.deals.map((d) => ({
      key: d.dealId,
      href: `/deals/${d.dealId}`,
      cells: [d.title, personName(text, d.ownerId, d.ownerId ? env.memberName(d.ownerId) : null), d.amount === null ? '' : formatMoney(text.tag, d.amount, d.currency ?? env.currency), formatDays(text, d.daysIdle)],
    })),
  });
  view.headline = { value: formatCount(text, r.deals.length), detail: r.deals.length ? formatMoneyList(text, r.amount, env.currency) : text.t('reports.stalled.none') };
  view.chart = {
    series: [{ key: 'count', label: text.t('reports.col.deals'), format: 'count' }],
    points: r.byOwner.map((o) => ({ key: o.ownerId ?? 'none', label: personName(text, o.ownerId, o.name), values: [o.count] })),
    axis: 'names', stacked: false, currency: null,
  };
  view.notes = [text.t('reports.stalled.rule', { n: r.stalledDays })];
  view.empty = r.deals.length === 0 && env.type !== 'number';
  return view;
}
