// The app's side of PDF exports, in Node: a report widget's chart as a vector scene for each
// kind the dashboard draws (bars over months and names, lines, donut, funnel, heat map, goals,
// the single number), the widget's PDF with its details, chart labels and table, and a list's
// PDF with the columns shown, the filters in words and the row cap said in the document.
import { describe, expect, it } from 'vitest';
import type { WidgetType } from '@carnet/reports';
import { blankView, type ChartData, type WidgetView } from '../../../src/lib/reports/view-model.ts';
import { chartScene, tint, valueTicks } from '../../../src/lib/transfer/report-chart-scene.ts';
import { widgetExportBytes } from '../../../src/lib/transfer/report-export.ts';
import { conditionText, listPdf } from '../../../src/lib/transfer/list-pdf.ts';
import { en } from '../../../src/lib/i18n/en.ts';
import { fr } from '../../../src/lib/i18n/fr.ts';
import { memoryStore } from '../../helpers/store.ts';
import { viewText } from '../app/reports-text.ts';
import { readPdf } from './pdf-read.ts';

const table = { columns: [{ label: 'Month', numeric: false }, { label: 'Won', numeric: true }, { label: 'Lost', numeric: true }], rows: [
  { key: '2026-01', cells: ['Jan 2026', '3', '1'] }, { key: '2026-02', cells: ['Feb 2026', '5', '2'] },
] };

function chartView(chart: ChartData): WidgetView {
  return { ...blankView(table), chart };
}

const months: ChartData = {
  series: [{ key: 'won', label: 'Won', format: 'count' }, { key: 'lost', label: 'Lost', format: 'count' }],
  points: [{ key: '2026-01', label: 'Jan 2026', values: [3, 1] }, { key: '2026-02', label: 'Feb 2026', values: [5, 2] }],
  axis: 'months', stacked: false, currency: null,
};
const names: ChartData = { ...months, axis: 'names', stacked: true, points: [{ key: 'a', label: 'Alice Martin', values: [4, 2] }, { key: 'b', label: 'Bob', values: [1, 0] }] };

const texts = (scene: ReturnType<typeof chartScene>) => (scene?.shapes ?? []).flatMap((s) => (s.kind === 'text' ? [s.text] : []));
const kinds = (scene: ReturnType<typeof chartScene>) => new Set((scene?.shapes ?? []).map((s) => s.kind));

describe('chartScene', () => {
  const text = viewText('en');

  it('draws columns over months and stacked rows over names, with axis ticks and a legend', () => {
    const columns = chartScene(chartView(months), 'bar', text)!;
    expect(columns.shapes.filter((s) => s.kind === 'rect' && s.fill === '#1f5fa8')).toHaveLength(2 + 1);
    expect(texts(columns)).toEqual(expect.arrayContaining(['Jan 2026', 'Feb 2026', 'Won', 'Lost', '0', '6']));
    const rows = chartScene(chartView(names), 'bar', text)!;
    // Bob's zero "lost" draws nothing.
    expect(rows.shapes.filter((s) => s.kind === 'rect' && s.w > 0 && s.h > 0 && s.x >= 130)).toHaveLength(3);
    expect(texts(rows)).toContain('Alice Martin');
  });

  it('draws lines with markers, a donut as ring polygons, a funnel, a heat map, goals and a number', () => {
    expect(kinds(chartScene(chartView(months), 'line', text))).toEqual(new Set(['polyline', 'text', 'circle', 'rect']));
    const donut = chartScene(chartView({ ...months, series: [months.series[0]] }), 'donut', text)!;
    expect(donut.shapes.filter((s) => s.kind === 'polygon')).toHaveLength(2);
    expect(texts(donut)).toEqual(expect.arrayContaining(['8', 'Jan 2026  3 (38%)']));

    const funnel = chartScene({ ...blankView(table), funnel: [
      { key: 'q', label: 'Qualified', reached: 10, reachedText: '10', conversionText: '60% go on' },
      { key: 'won', label: 'Won', reached: 6, reachedText: '6', conversionText: null },
    ] }, 'funnel', text)!;
    expect(texts(funnel)).toEqual(['Qualified · 10', '60% go on', 'Won · 6']);

    const cells = Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => (d === 0 && h === 9 ? 4 : 0)));
    const heat = chartScene({ ...blankView(table), heatmap: { cells, max: 4, total: 4, dayLabels: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], hourLabels: Array.from({ length: 24 }, (_, h) => `${h}h`) } }, 'heatmap', text)!;
    expect(heat.shapes.filter((s) => s.kind === 'rect')).toHaveLength(168);
    expect(heat.shapes.filter((s) => s.kind === 'rect' && s.fill === '#1f5fa8')).toHaveLength(1);

    const goals = chartScene({ ...blankView(table), goals: [{ key: 'g', label: 'Alice', periodText: 'March 2026', progress: 0.5, elapsed: 0.4, status: 'on_track', statusText: 'On track', valueText: '5 of 10', percentText: '50%' }] }, 'bar', text)!;
    expect(texts(goals)).toEqual(['Alice · March 2026', '5 of 10 · 50% · On track']);

    const number = chartScene({ ...blankView(table), headline: { value: '42%', detail: '21 won of 50' } }, 'number', text)!;
    expect(texts(number)).toEqual(['42%', '21 won of 50']);
  });

  it('draws nothing for a table, an empty view or a chart without points', () => {
    expect(chartScene(chartView(months), 'table', text)).toBeNull();
    expect(chartScene({ ...chartView(months), empty: true }, 'bar', text)).toBeNull();
    expect(chartScene(chartView({ ...months, points: [] }), 'line', text)).toBeNull();
  });

  it('steps values roundly and tints like the screen', () => {
    expect(valueTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(0)).toEqual([0, 1]);
    expect(valueTicks(12_500)).toEqual([0, 5000, 10000, 15000]);
    expect(tint('#1f5fa8', 1)).toBe('#1f5fa8');
    expect(tint('#1f5fa8', 0)).toBe('#ffffff');
  });
});

describe('widget exports', () => {
  const widget = (type: WidgetType, code: 'en' | 'fr' = 'en') => ({
    title: code === 'fr' ? 'Gagnées et perdues' : 'Won and lost', type, view: chartView(months), text: viewText(code), code, workspaceName: 'Acme',
    details: [['Workspace', 'Acme'], ['Period', 'Last 12 months']] as const, notes: ['Won 8, lost 3'],
  });

  it('writes the PDF with the details, the chart labels, the notes and the table, numbered in the language', async () => {
    const { bytes } = await widgetExportBytes(widget('bar'), 'pdf');
    const pdf = readPdf(bytes);
    expect(pdf.pages).toHaveLength(1);
    const page = pdf.pages[0];
    expect(page.slice(0, 5)).toEqual(['Won and lost', 'Workspace', 'Acme', 'Period', 'Last 12 months']);
    expect(page.indexOf('Feb 2026')).toBeLessThan(page.indexOf('Won 8, lost 3'));
    expect(page.slice(page.indexOf('Month'))).toEqual(['Month', 'Won', 'Lost', 'Jan 2026', '3', '1', 'Feb 2026', '5', '2', 'Acme · Won and lost', 'Page 1 of 1']);
    const french = readPdf((await widgetExportBytes(widget('line', 'fr'), 'pdf')).bytes);
    expect(french.pages[0].at(-1)).toBe('Page 1 sur 1');
  });

  it('writes the table as CSV (";" in French) and XLSX', async () => {
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await widgetExportBytes(widget('bar'), 'csv')).bytes);
    expect(csv).toBe('\ufeffMonth,Won,Lost\r\nJan 2026,3,1\r\nFeb 2026,5,2\r\n');
    const csvFr = new TextDecoder().decode((await widgetExportBytes(widget('bar', 'fr'), 'csv')).bytes);
    expect(csvFr.split('\r\n')[1]).toBe('Jan 2026;3;1');
    const xlsx = (await widgetExportBytes(widget('bar'), 'xlsx')).bytes;
    expect([...xlsx.slice(0, 2)]).toEqual([0x50, 0x4b]);
  });
});

describe('list PDF', () => {
  const label = (messages: Record<string, string>) => (key: string, fallback?: string) => (Object.hasOwn(messages, key) ? messages[key] : (fallback ?? key));

  async function seeded(count: number) {
    const store = await memoryStore();
    const acme = await store.create('companies', { name: 'Acme SAS' });
    const rows = await store.createMany('contacts', Array.from({ length: count }, (_, i) => ({
      firstName: `Ada${i}`, lastName: 'Lovelace', emails: [`ada${i}@engine.uk`], lifecycle: 'customer', companyId: acme.id, leadScore: i,
    })));
    return { store, acme, rows };
  }

  it('lists the columns shown with the cells as the table writes them, and the view in words', async () => {
    const { store, acme, rows } = await seeded(3);
    const filters = [{ field: 'lifecycle', op: 'eq' as const, value: 'customer' }, { field: 'companyId', op: 'eq' as const, value: acme.id }];
    const result = await listPdf(store, rows, {
      collection: 'contacts', customFields: [], columns: ['$title', 'emails', 'companyId', 'leadScore'], filters, sort: [{ field: 'lastName', dir: 'asc' }],
      q: 'ada', viewName: 'Customers', scope: null, workspaceName: 'Acme', label: label(en), tag: 'en-US', code: 'en', now: Date.UTC(2026, 2, 5, 9),
    });
    const page = readPdf(result.bytes).pages[0];
    expect(page[0]).toBe('Contacts');
    expect(page).toEqual(expect.arrayContaining(['Saved view', 'Customers', 'Lifecycle stage is Customer; Company is Acme SAS; Quick filter “ada”']));
    expect(page).toContain('Last name (ascending)');
    const header = page.indexOf('Name');
    expect(page.slice(header, header + 8)).toEqual(['Name', 'Emails', 'Company', 'Lead score', 'Ada0 Lovelace', 'ada0@engine.uk', 'Acme SAS', '0']);
  });

  it('keeps the first rows only and says so, in French', async () => {
    const { store, rows } = await seeded(30);
    const result = await listPdf(store, rows, {
      collection: 'contacts', customFields: [], columns: ['$title'], filters: [], sort: [], q: '', viewName: null, scope: null,
      workspaceName: 'Acme', label: label(fr), tag: 'fr-FR', code: 'fr',
    }, { maxRows: 10 });
    expect(result).toMatchObject({ rows: 10, omitted: 20 });
    const text = readPdf(result.bytes).text;
    expect(text).toContain('Ce PDF liste les 10 premières lignes sur 30.');
    expect(text).toContain('Filtres Aucun');
  });

  it('describes a filter on an unknown field or a missing record without failing', () => {
    const none = () => null;
    expect(conditionText({ field: 'gone', op: 'eq', value: 'x' }, undefined, label(en), 'en-US', none)).toBe('gone is x');
  });
});
