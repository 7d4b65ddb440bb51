// Leads by source and lifecycle stage: contacts counted in a source × lifecycle table. A
// contact without a source is under source null, one without a lifecycle stage under `none`.
// Date range: when the contact was created (local days). The pipeline filter does not apply
// to contacts.
import { LIFECYCLE_STAGES, type LifecycleStage } from '@carnet/schema';
import type { ReportContext, ReportData } from '../context.ts';
import { compileRange, contactMatcher, inInstants, type ReportFilters } from '../filters.ts';

export interface LeadsBySourceOptions {
  filters?: ReportFilters;
}

export type LifecycleCounts = Record<LifecycleStage | 'none', number>;

export interface SourceLeads {
  source: string | null;
  byLifecycle: LifecycleCounts;
  total: number;
}

export interface LeadsBySource {
  sources: SourceLeads[];
  byLifecycle: LifecycleCounts;
  total: number;
}

const emptyCounts = (): LifecycleCounts => ({ lead: 0, prospect: 0, customer: 0, churned: 0, none: 0 });
const LIFECYCLES = new Set<string>(LIFECYCLE_STAGES);

export function leadsBySource(data: ReportData, ctx: ReportContext, options: LeadsBySourceOptions = {}): LeadsBySource {
  const keep = contactMatcher(options.filters, ctx);
  const range = compileRange(options.filters?.range, ctx.zone);
  const sources = new Map<string | null, SourceLeads>();
  const totals = emptyCounts();
  let total = 0;

  for (const contact of data.contacts ?? []) {
    if (!inInstants(range, contact.createdAt) || !keep(contact)) continue;
    const source = typeof contact.source === 'string' && contact.source !== '' ? contact.source : null;
    const stage = typeof contact.lifecycle === 'string' && LIFECYCLES.has(contact.lifecycle) ? contact.lifecycle : 'none';
    let row = sources.get(source);
    if (!row) sources.set(source, (row = { source, byLifecycle: emptyCounts(), total: 0 }));
    row.byLifecycle[stage]++;
    row.total++;
    totals[stage]++;
    total++;
  }
  const list = [...sources.values()].sort((a, b) =>
    b.total - a.total || (a.source === null ? 1 : b.source === null ? -1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { sources: list, byLifecycle: totals, total };
}
