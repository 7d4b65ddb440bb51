import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_FIELDS, describeIssues, docIdOf, extractMentions, fieldSpecs, foldText, issueMessage, newId, normalizeDomain,
  normalizePhone, parseDocId, validateField, validateFields, validateWorkspaceValue, defaultPipeline, type FieldSpec,
} from '@carnet/schema';

const codes = (result: ReturnType<typeof validateFields>) => (result.ok ? [] : result.issues.map((i) => `${i.field}:${i.code}`));

describe('field validation', () => {
  const cases: [FieldSpec, unknown, string | null][] = [
    [{ kind: 'email' }, 'ana@acme.fr', null],
    [{ kind: 'email' }, 'ana@', 'invalid_email'],
    [{ kind: 'url' }, 'https://acme.fr/about?x=1', null],
    [{ kind: 'url' }, 'acme', 'invalid_url'],
    [{ kind: 'url' }, 'javascript:alert(1)', 'invalid_url'],
    [{ kind: 'phone' }, '+33 6 12 34 56 78', null],
    [{ kind: 'phone' }, '(555) 010-9999 x12', null],
    [{ kind: 'phone' }, 'call me', 'invalid_phone'],
    [{ kind: 'date' }, '2026-02-28', null],
    [{ kind: 'date' }, '2026-02-30', 'invalid_date'],
    [{ kind: 'date' }, '28/02/2026', 'invalid_date'],
    [{ kind: 'datetime' }, '2026-02-28T10:00:00Z', null],
    [{ kind: 'datetime' }, '2026-02-28T10:00', 'invalid_datetime'],
    [{ kind: 'number', integer: true, min: 0, max: 100 }, 42, null],
    [{ kind: 'number', integer: true, min: 0, max: 100 }, 4.2, 'not_integer'],
    [{ kind: 'number', integer: true, min: 0, max: 100 }, 101, 'out_of_range'],
    [{ kind: 'number' }, Number.NaN, 'type'],
    [{ kind: 'number' }, '12', 'type'],
    [{ kind: 'boolean' }, 'yes', 'type'],
    [{ kind: 'select', options: ['a', 'b'] }, 'c', 'unknown_option'],
    [{ kind: 'multiSelect', options: ['a', 'b'] }, ['a', 'b'], null],
    [{ kind: 'multiSelect', options: ['a', 'b'] }, ['a', 'z'], 'unknown_option'],
    [{ kind: 'text', maxLength: 3 }, 'abcd', 'too_long'],
    [{ kind: 'text', required: true }, '', 'required'],
    [{ kind: 'text' }, null, null],
    [{ kind: 'ref' }, '../etc/passwd', 'invalid_id'],
    [{ kind: 'tags' }, Array.from({ length: 101 }, (_, i) => `t${i}`), 'too_many'],
  ];
  it.each(cases)('%j with %j gives %s', (spec, value, code) => {
    const result = validateField('f', spec, value);
    expect(result.ok ? null : result.issue.code).toBe(code);
  });

  it('trims emails and phones it accepts', () => {
    const result = validateFields('contacts', { emails: ['  ana@acme.fr '], phones: [' 0612345678 '] }, 'update');
    expect(result).toEqual({ ok: true, value: { emails: ['ana@acme.fr'], phones: ['0612345678'] } });
  });
});

describe('record validation', () => {
  it('fills defaults on create and reports every issue at once', () => {
    const ok = validateFields('contacts', { firstName: 'Ana' }, 'create');
    expect(ok.ok && ok.value).toMatchObject({ firstName: 'Ana', emails: [], tags: [], consentEmail: false, lifecycle: null, notes: '' });
    const bad = validateFields('deals', { amount: -5, currency: 'euro', probability: 50.5, id: 'x' }, 'create');
    expect(codes(bad).sort()).toEqual(['amount:out_of_range', 'currency:invalid_currency', 'id:read_only', 'probability:not_integer', 'title:required']);
  });

  it('refuses non-objects and unknown collections', () => {
    expect(codes(validateFields('contacts', 'hello', 'create'))).toEqual([':not_an_object']);
    expect(codes(validateFields('contacts', [1], 'update'))).toEqual([':not_an_object']);
    expect(codes(validateFields('pets', {}, 'create'))).toEqual([':unknown_collection']);
  });

  it('validates an activity of each type', () => {
    for (const type of ACTIVITY_FIELDS.type.options) {
      expect(validateFields('activities', { type, subject: 'x' }, 'create').ok).toBe(true);
    }
    expect(codes(validateFields('activities', { type: 'fax' }, 'create'))).toEqual(['type:unknown_option']);
  });

  it('includes custom fields of the right collection only', () => {
    const defs = [
      { key: 'budget', collection: 'deals' as const, label: 'Budget', kind: 'currency' as const, required: true, order: 0 },
      { key: 'size', collection: 'contacts' as const, label: 'Size', kind: 'number' as const, required: false, order: 0 },
    ];
    expect([...fieldSpecs('deals', defs).keys()]).toContain('cf_budget');
    expect([...fieldSpecs('deals', defs).keys()]).not.toContain('cf_size');
    expect(codes(validateFields('deals', { title: 'T' }, 'create', defs))).toEqual(['cf_budget:required']);
  });
});

describe('messages', () => {
  it('exist in English and French for every issue code', () => {
    const issue = { field: 'leadScore', code: 'out_of_range' as const, params: { min: 0, max: 100 } };
    expect(issueMessage(issue, 'en')).toBe('Must be between 0 and 100.');
    expect(issueMessage(issue, 'fr')).toBe('Doit être compris entre 0 et 100.');
    expect(describeIssues([{ field: 'emails', code: 'invalid_email' }], 'fr')).toBe("emails: Cette adresse e-mail n'est pas valide.");
  });
});

describe('workspace values', () => {
  it('accepts the default pipeline and refuses duplicate stage ids', () => {
    expect(validateWorkspaceValue('pipeline', defaultPipeline()).ok).toBe(true);
    const pipeline = defaultPipeline();
    pipeline.stages.push({ ...pipeline.stages[0] });
    const result = validateWorkspaceValue('pipeline', pipeline);
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(['duplicate_stage']);
  });
});

describe('ids and text', () => {
  it('makes distinct, well-formed ids and parses doc ids strictly', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId()));
    expect(ids.size).toBe(10_000);
    const id = newId();
    expect(parseDocId(docIdOf('deals', id))).toEqual({ kind: 'record', collection: 'deals', id });
    expect(parseDocId('workspace')).toEqual({ kind: 'workspace' });
    expect(parseDocId(`users/${id}`)).toEqual({ kind: 'user', userId: id });
    for (const bad of ['deals/', 'pets/abcdefgh12', 'deals/ABC', 'deals/a/b', '', 'contacts/../x']) expect(parseDocId(bad)).toBeUndefined();
  });

  it('folds accents, case and ligatures', () => {
    expect(foldText('FRANÇOIS Hélène Œuvre Straße')).toBe('francois helene oeuvre strasse');
  });

  it('normalises phones, domains and mentions', () => {
    expect(normalizePhone('+33 6 12 34 56 78')).toBe(normalizePhone('06 12 34 56 78'));
    expect(normalizeDomain('https://www.Acme.fr/contact')).toBe('acme.fr');
    expect(extractMentions('Hi @[Ana](abcdefgh12) and @[Bob](bbbbbbbb12), @[Ana](abcdefgh12)')).toEqual(['abcdefgh12', 'bbbbbbbb12']);
  });
});
