// What a field's input shows for a stored value and what is stored for what was typed, per
// field kind: the conversions the record pages rely on before validation.
import { describe, expect, it } from 'vitest';
import { CONTACT_FIELDS, DEAL_FIELDS, ACTIVITY_FIELDS, COMPANY_FIELDS } from '@carnet/schema';
import { fromInputText, sameValue, toInputText, toLocalDateTimeInput } from '../../../src/lib/components/record/field-values.ts';

describe('record field values', () => {
  it('clears a text field with empty input and trims what was typed', () => {
    expect(fromInputText(CONTACT_FIELDS.title, '  Directrice  ')).toBe('Directrice');
    expect(fromInputText(CONTACT_FIELDS.title, '   ')).toBeNull();
  });

  it('reads numbers with a comma or spaces, and passes on what does not parse for validation to refuse', () => {
    expect(fromInputText(DEAL_FIELDS.amount, '12 500,50')).toBe(12500.5);
    expect(fromInputText(CONTACT_FIELDS.leadScore, '42')).toBe(42);
    expect(fromInputText(DEAL_FIELDS.amount, 'douze')).toBe('douze');
    expect(fromInputText(DEAL_FIELDS.amount, '')).toBeNull();
  });

  it('splits lists on new lines, commas and semicolons, dropping blanks', () => {
    expect(fromInputText(CONTACT_FIELDS.emails, 'a@x.fr\n b@y.fr ;; c@z.fr,')).toEqual(['a@x.fr', 'b@y.fr', 'c@z.fr']);
    expect(fromInputText(CONTACT_FIELDS.phones, '')).toEqual([]);
    expect(toInputText(CONTACT_FIELDS.emails, ['a@x.fr', 'b@y.fr'])).toBe('a@x.fr\nb@y.fr');
  });

  it('keeps long text exactly as typed, spaces and new lines included', () => {
    expect(fromInputText(COMPANY_FIELDS.description, '  two\n\nparagraphs ')).toBe('  two\n\nparagraphs ');
  });

  it('turns a local date and time into an ISO instant and back', () => {
    const iso = fromInputText(ACTIVITY_FIELDS.dueAt, '2026-03-05T09:30') as string;
    expect(iso).toBe(new Date(2026, 2, 5, 9, 30).toISOString());
    expect(toLocalDateTimeInput(iso)).toBe('2026-03-05T09:30');
    expect(toInputText(ACTIVITY_FIELDS.dueAt, iso)).toBe('2026-03-05T09:30');
  });

  it('adds https:// to a web address typed without a scheme', () => {
    expect(fromInputText({ kind: 'url' }, 'carnet.example')).toBe('https://carnet.example');
    expect(fromInputText({ kind: 'url' }, 'http://a.example')).toBe('http://a.example');
  });

  it('treats empty values alike and compares lists item by item', () => {
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue([], undefined)).toBe(true);
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue(0, null)).toBe(false);
  });
});
