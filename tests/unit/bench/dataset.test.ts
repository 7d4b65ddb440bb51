// The benchmark dataset must be valid Carnet data: every record passes the schema, counts are
// exact, the same seed always gives the same records, and every reference points at a record.
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, ID_PATTERN, extractMentions, validateFields } from '@carnet/schema';
import { DATASET_COUNTS, DATASET_NOW, DATASET_SPAN_MS, createDataset, fieldsOf, generate, iterate } from '../../../bench/dataset.ts';

const S = generate('S');

describe('bench dataset S', () => {
  it('has exactly the counts of DESIGN.md', () => {
    for (const collection of COLLECTIONS) expect(S[collection]).toHaveLength(DATASET_COUNTS.S[collection]);
  });

  it('generates only records that pass validateFields for a create', () => {
    for (const collection of COLLECTIONS) {
      for (const record of S[collection]) {
        const result = validateFields(collection, fieldsOf(record as never), 'create');
        if (!result.ok) throw new Error(`${collection}/${record.id}: ${JSON.stringify(result.issues)}`);
      }
    }
  });

  it('gives every record a unique schema id and timestamps within the 5 years', () => {
    const ids = new Set<string>();
    for (const collection of COLLECTIONS) {
      for (const record of S[collection]) {
        expect(record.id).toMatch(ID_PATTERN);
        expect(record.id).toHaveLength(16);
        ids.add(record.id);
        expect(record.createdAt).toBeGreaterThanOrEqual(DATASET_NOW - DATASET_SPAN_MS);
        expect(record.updatedAt).toBeGreaterThanOrEqual(record.createdAt);
        expect(record.updatedAt).toBeLessThanOrEqual(DATASET_NOW);
      }
    }
    expect(ids.size).toBe(1_000 + 100 + 200 + 2_000);
  });

  it('is deterministic: the same seed gives identical output, another seed different output', () => {
    expect(JSON.stringify(generate('S'))).toBe(JSON.stringify(S));
    const other = generate('S', 7);
    expect(other.contacts[0].id).not.toBe(S.contacts[0].id);
    expect(JSON.stringify(other.activities)).not.toBe(JSON.stringify(S.activities));
  });

  it('streams the same records it returns as arrays, one at a time', () => {
    const streamed = [...iterate('deals', 'S')];
    expect(streamed).toEqual(S.deals);
    const gen = createDataset('S');
    expect(gen.record('activities', 1234)).toEqual(S.activities[1234]);
    expect(gen.idOf('contacts', 42)).toBe(S.contacts[42].id);
  });

  it('keeps referential integrity between contacts, companies, deals and activities', () => {
    const contacts = new Set(S.contacts.map((c) => c.id));
    const companies = new Map(S.companies.map((c, i) => [c.id, i]));
    const deals = new Set(S.deals.map((d) => d.id));
    const users = new Set(S.users.map((u) => u.id));
    for (const c of S.contacts) {
      if (c.companyId !== null) expect(companies.has(c.companyId)).toBe(true);
      expect(users.has(c.ownerId!)).toBe(true);
    }
    let subsidiaries = 0;
    S.companies.forEach((c, i) => {
      if (c.parentId === null) return;
      subsidiaries++;
      expect(companies.get(c.parentId)).toBeLessThan(i); // parents come first: no cycles
    });
    expect(subsidiaries).toBeGreaterThan(0);
    const contactCompany = new Map(S.contacts.map((c) => [c.id, c.companyId]));
    for (const d of S.deals) {
      expect(companies.has(d.companyId!)).toBe(true);
      for (const id of d.contactIds) {
        expect(contacts.has(id)).toBe(true);
        expect(contactCompany.get(id)).toBe(d.companyId);
      }
    }
    for (const a of S.activities) {
      if (a.contactId !== null) expect(contacts.has(a.contactId)).toBe(true);
      if (a.companyId !== null) expect(companies.has(a.companyId)).toBe(true);
      if (a.dealId !== null) expect(deals.has(a.dealId)).toBe(true);
      expect(a.contactId ?? a.companyId ?? a.dealId).not.toBeNull();
      expect(a.mentions).toEqual(extractMentions(a.body));
    }
  });

  it('looks like a French and English CRM: accents, legal suffixes, pipeline stages, all activity types', () => {
    const names = S.contacts.map((c) => `${c.firstName} ${c.lastName}`).join('\n');
    for (const accented of ['François', 'Hélène', 'Zoë', 'é']) expect(names).toContain(accented);
    const companyNames = S.companies.map((c) => c.name).join('\n');
    expect(companyNames).toMatch(/ (SAS|SARL)$/m);
    expect(companyNames).toMatch(/ (Ltd|Inc|GmbH)$/m);
    const phones = S.contacts.flatMap((c) => c.phones).join('\n');
    expect(phones).toMatch(/^\+33 /m);
    expect(phones).toMatch(/^(\+44|\+1) /m);
    expect(new Set(S.deals.map((d) => d.currency))).toEqual(new Set(['EUR', 'USD', 'GBP']));
    expect(new Set(S.activities.map((a) => a.type))).toEqual(new Set(['note', 'task', 'call', 'meeting', 'email']));
    for (const a of S.activities) {
      expect(a.body.length).toBeGreaterThanOrEqual(170);
      if (a.type === 'task' || a.type === 'meeting') expect(a.dueAt).not.toBeNull();
    }
    const stageProbability = { qualified: 10, contact_made: 20, demo: 40, proposal: 60, negotiation: 80, won: 100, lost: 0 };
    for (const d of S.deals) {
      expect(d.pipelineId).toBe('sales');
      expect(d.probability).toBe(stageProbability[d.stageId as keyof typeof stageProbability]);
    }
  });
});
