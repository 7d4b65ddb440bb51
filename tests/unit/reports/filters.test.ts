import { describe, expect, it } from 'vitest';
import { ReportError, activitiesByRep, winRate } from '@carnet/reports';
import { ANN, BOB, CAT, activity, company, contact, context, deal } from './fixtures.ts';

function rows() {
  const won = { stageId: 'won', closedAt: '2026-02-01' };
  const d = {
    annSmb: deal({ ...won, ownerId: ANN, amount: 1500, tags: ['vip'], cf_segment: 'smb' }),
    annEnterprise: deal({ ...won, ownerId: ANN, amount: 50_000, tags: ['vip'], cf_segment: 'enterprise' }),
    annSmall: deal({ ...won, ownerId: ANN, amount: 200, tags: ['vip'], cf_segment: 'smb' }),
    bobSmb: deal({ ...won, ownerId: BOB, amount: 3000, tags: ['vip'], cf_segment: 'smb' }),
    catSmb: deal({ ...won, ownerId: CAT, amount: 3000, tags: [], cf_segment: 'smb' }),
    annRenewal: deal({ pipelineId: 'renewals', stageId: 'renewed', closedAt: '2026-02-01', ownerId: ANN, amount: 1500, tags: ['vip'], cf_segment: 'smb' }),
  };
  const vipContact = contact({ tags: ['vip'] });
  const vipCompany = company({ tags: ['vip'] });
  const note = (extra: Record<string, unknown>) => activity({ type: 'note', ownerId: ANN, ...extra });
  const activities = [
    note({ dealId: d.annRenewal.id }),
    note({ dealId: d.catSmb.id }),
    note({ contactId: vipContact.id }),
    note({ companyId: vipCompany.id }),
    note({}),
  ];
  return { d, data: { deals: Object.values(d), contacts: [vipContact], companies: [vipCompany], activities } };
}

describe('report filters', () => {
  it('combines owner, team, pipeline, tag and custom field conditions with AND', () => {
    const { data } = rows();
    const report = winRate(data, context(), {
      filters: {
        ownerIds: [ANN, CAT],
        teamIds: ['east'], // East is Ann and Bob: with the owners, only Ann
        pipelineIds: ['sales'],
        tags: ['vip'],
        conditions: [{ field: 'cf_segment', op: 'eq', value: 'smb' }, { field: 'amount', op: 'gte', value: 1000 }],
      },
    });
    // Only annSmb passes all of them.
    expect(report.won).toBe(1);
    expect(report.byCurrency).toEqual([{ currency: 'EUR', won: 1500, lost: 0, rate: 1 }]);
  });

  it('matches nothing for a team nobody is in', () => {
    expect(winRate(rows().data, context(), { filters: { teamIds: ['nowhere'] } }).won).toBe(0);
  });

  it('matches activities by the pipeline of their deal', () => {
    const report = activitiesByRep(rows().data, context(), { filters: { pipelineIds: ['renewals'] } });
    expect(report.total).toBe(1);
  });

  it("matches activities by their deal's, contact's or company's tags", () => {
    // The renewal deal, the VIP contact and the VIP company; not Cat's untagged deal nor the unlinked note.
    expect(activitiesByRep(rows().data, context(), { filters: { tags: ['vip'] } }).total).toBe(3);
  });

  it('refuses a malformed date range with invalid_date', () => {
    expect(() => winRate(rows().data, context(), { filters: { range: { from: '2026-02-30' } } })).toThrowError(ReportError);
  });
});
