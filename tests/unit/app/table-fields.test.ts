// What the table knows of each field: kinds, sorting, bulk editing, and cell text formatted
// for the interface language.
import { describe, expect, it } from 'vitest';
import { cellText, type CellContext } from '../../../src/lib/components/table/cell-text.ts';
import { TITLE_KEY, sortDirectionOf, sortFor, tableFields, titleField } from '../../../src/lib/components/table/fields.ts';

const fields = new Map(tableFields('contacts', [
  { key: 'renewal', collection: 'contacts', label: 'Renewal', kind: 'date', required: false, order: 0 },
  { key: 'other', collection: 'deals', label: 'Not a contact field', kind: 'text', required: false, order: 0 },
]).map((f) => [f.key, f]));

function ctx(tag: string): CellContext {
  const labels: Record<string, string> = { 'lifecycle.customer': tag === 'fr-FR' ? 'Client' : 'Customer' };
  return {
    tag,
    label: (key, fallback = key) => labels[key] ?? fallback,
    yes: 'Yes',
    no: 'No',
    refName: (target, id) => (target === 'companies' && id === 'co000001' ? 'Acme' : target === 'members' ? 'Élodie' : null),
  };
}

describe('table fields', () => {
  it('lists built-in fields, the collection’s custom fields and the row times', () => {
    expect(fields.has('lastName')).toBe(true);
    expect(fields.get('cf_renewal')?.label).toBe('Renewal');
    expect(fields.has('cf_other')).toBe(false);
    expect(fields.get('updatedAt')?.kind).toBe('instant');
  });

  it('sorts plain values but not links or lists, and edits in bulk only single values', () => {
    expect(fields.get('lastName')?.sortable).toBe(true);
    expect(fields.get('companyId')?.sortable).toBe(false);
    expect(fields.get('tags')?.sortable).toBe(false);
    expect(fields.get('lifecycle')?.bulkEditable).toBe(true);
    expect(fields.get('ownerId')?.bulkEditable).toBe(true);
    expect(fields.get('notes')?.bulkEditable).toBe(false);
    expect(fields.get('tags')?.bulkEditable).toBe(false);
    expect(fields.get('notes')?.filterable).toBe(false);
  });

  it('sorts the name column by last name then first name, and reads that sort back', () => {
    expect(titleField('contacts').key).toBe(TITLE_KEY);
    const sort = sortFor('contacts', TITLE_KEY, 'desc');
    expect(sort).toEqual([{ field: 'lastName', dir: 'desc' }, { field: 'firstName', dir: 'desc' }]);
    expect(sortDirectionOf('contacts', TITLE_KEY, sort)).toBe('desc');
    expect(sortDirectionOf('contacts', 'lastName', sort)).toBeNull();
    expect(sortDirectionOf('contacts', 'city', [{ field: 'city' }])).toBe('asc');
  });
});

describe('cell text', () => {
  it('formats dates and numbers for the language', () => {
    expect(cellText(fields.get('cf_renewal')!, '2026-03-12', ctx('en-US'))).toBe('Mar 12, 2026');
    expect(cellText(fields.get('cf_renewal')!, '2026-03-12', ctx('fr-FR'))).toBe('12 mars 2026');
    expect(cellText(fields.get('leadScore')!, 1234, ctx('fr-FR'))).toMatch(/^1\s234$/);
  });

  it('shows option labels, linked names and the first of several emails', () => {
    expect(cellText(fields.get('lifecycle')!, 'customer', ctx('fr-FR'))).toBe('Client');
    expect(cellText(fields.get('companyId')!, 'co000001', ctx('en-US'))).toBe('Acme');
    expect(cellText(fields.get('companyId')!, 'co999999', ctx('en-US'))).toBe('');
    expect(cellText(fields.get('ownerId')!, 'user0001', ctx('en-US'))).toBe('Élodie');
    expect(cellText(fields.get('emails')!, ['a@x.fr', 'b@x.fr', 'c@x.fr'], ctx('en-US'))).toBe('a@x.fr +2');
    expect(cellText(fields.get('consentEmail')!, true, ctx('en-US'))).toBe('Yes');
    expect(cellText(fields.get('city')!, null, ctx('en-US'))).toBe('');
  });
});
