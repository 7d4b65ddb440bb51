// Editing an import's column mapping on the import screen: one column per single-valued field,
// list fields shared, new custom fields made from headers, and the targets offered per type.
import { describe, expect, it } from 'vitest';
import type { CustomFieldDef } from '@carnet/schema';
import { checkMapping, suggestMapping } from '@carnet/transfer';
import {
  NEW_FIELD_TARGET, customFieldKey, importableMapping, newCustomFields, referenceNeeds, setColumnTarget, targetGroups, unrecognisedColumns,
} from '../../../src/lib/transfer/mapping-edit.ts';

const BUDGET: CustomFieldDef = { key: 'budget', collection: 'contacts', label: 'Budget', kind: 'number', required: false, order: 1 };
const HEADERS = ['Prénom', 'Nom', 'E-mail', 'E-mail 2', 'Société', 'Couleur préférée'];

describe('mapping edits', () => {
  it('suggests from French headers and lists the column it did not recognise', () => {
    const mapping = suggestMapping('contacts', HEADERS);
    expect(mapping.map((m) => m.target)).toEqual(['firstName', 'lastName', 'emails', 'emails', '$companyName', null]);
    expect(unrecognisedColumns(mapping).map((m) => m.header)).toEqual(['Couleur préférée']);
  });

  it('moves a single-valued field to the column the user chose and leaves that field nowhere else', () => {
    const mapping = suggestMapping('contacts', HEADERS);
    const next = setColumnTarget('contacts', mapping, 5, 'firstName');
    expect(next.map((m) => m.target)).toEqual([null, 'lastName', 'emails', 'emails', '$companyName', 'firstName']);
    expect(() => checkMapping('contacts', next)).not.toThrow();
    expect(mapping[0].target).toBe('firstName');
  });

  it('lets several columns feed a list field, and ignores a column set to null', () => {
    const mapping = suggestMapping('contacts', HEADERS);
    const next = setColumnTarget('contacts', setColumnTarget('contacts', mapping, 5, 'emails'), 4, null);
    expect(next.map((m) => m.target)).toEqual(['firstName', 'lastName', 'emails', 'emails', null, 'emails']);
    expect(next[4].confidence).toBe(0);
    expect(() => checkMapping('contacts', next)).not.toThrow();
  });

  it('turns the columns marked for a new custom field into unique text fields and points them there', () => {
    const mapping = setColumnTarget('contacts', suggestMapping('contacts', HEADERS), 5, NEW_FIELD_TARGET);
    expect(importableMapping(mapping)[5].target).toBeNull();
    const taken: CustomFieldDef = { ...BUDGET, key: 'couleur_preferee', label: 'Old' };
    const { defs, mapping: next } = newCustomFields('contacts', mapping, [taken]);
    expect(defs).toEqual([{ key: 'couleur_preferee_2', collection: 'contacts', label: 'Couleur préférée', kind: 'text', required: false, order: 2 }]);
    expect(next[5].target).toBe('cf_couleur_preferee_2');
    expect(() => checkMapping('contacts', next, [taken, ...defs])).not.toThrow();
  });

  it('makes custom field keys from any header', () => {
    expect(customFieldKey('  N° de TVA  ', [])).toBe('n_de_tva');
    expect(customFieldKey('***', [])).toBe('column');
    expect(customFieldKey('Budget', ['budget', 'budget_2'])).toBe('budget_3');
  });

  it('groups the targets of a record type as the select shows them', () => {
    const groups = targetGroups('contacts', [BUDGET]);
    expect(groups.fields).toContain('emails');
    expect(groups.fields).not.toContain('companyId');
    expect(groups.custom).toEqual(['cf_budget']);
    expect(groups.virtual).toEqual(expect.arrayContaining(['$fullName', '$companyName', '$owner', '$id']));
    expect(targetGroups('deals', []).virtual).toEqual(expect.arrayContaining(['$pipeline', '$stage', '$contactEmail']));
  });

  it('reads only the collections an import of each type looks names up in', () => {
    expect(referenceNeeds('contacts')).toEqual({ companies: true, contacts: false, deals: false });
    expect(referenceNeeds('activities')).toEqual({ companies: true, contacts: true, deals: true });
  });
});
