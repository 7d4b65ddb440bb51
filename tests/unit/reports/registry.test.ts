import { describe, expect, it } from 'vitest';
import { REPORTS, REPORT_IDS, ReportError, ignoredFilters, isReportId, runReport, type ReportId } from '@carnet/reports';
import { activity, contact, context, deal, deleted } from './fixtures.ts';

describe('report registry', () => {
  it('runs every report on empty rows and on a small dataset with odd values without throwing', () => {
    const odd = {
      deals: [deal({ amount: null, currency: null, closedAt: 'not a date', stageId: 'won' }), deal({ pipelineId: 'gone', stageId: null }), deleted(deal())],
      activities: [activity({ doneAt: 'garbage', done: true }), activity({ type: 'task', dueAt: 'later' })],
      contacts: [contact({ source: '', lifecycle: 'weird' as never })],
    };
    for (const id of REPORT_IDS) {
      const options = (id === 'goal_progress' ? { goals: [] } : {}) as never;
      expect(() => runReport(id as ReportId, {}, context(), options), id).not.toThrow();
      expect(() => runReport(id as ReportId, odd, context(), options), id).not.toThrow();
    }
  });

  it('offers at least one chart kind per report, the heat map only for the heat map report', () => {
    for (const id of REPORT_IDS) expect(REPORTS[id].charts.length, id).toBeGreaterThan(0);
    expect(REPORT_IDS.filter((id) => REPORTS[id].charts.includes('heatmap'))).toEqual(['activity_heatmap']);
    expect(REPORT_IDS.filter((id) => REPORTS[id].charts.includes('funnel'))).toEqual(['pipeline_funnel']);
  });

  it('names the filters a report does not apply', () => {
    expect(ignoredFilters('stalled_deals', { range: { from: '2026-01-01' }, ownerIds: ['annann01'] })).toEqual(['range']);
    expect(ignoredFilters('win_rate', { range: { from: '2026-01-01' } })).toEqual([]);
  });

  it('refuses an unknown report id with unknown_report', () => {
    expect(isReportId('win_rate')).toBe(true);
    expect(isReportId('toString')).toBe(false);
    expect(() => runReport('nope' as ReportId, {}, context(), {} as never)).toThrowError(ReportError);
  });
});
