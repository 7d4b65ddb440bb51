// The filter builder's choices: operators per field kind, the value each asks for, and what a
// typed value becomes, checked against the store's own matching so a filter finds what it says.
import { describe, expect, it } from 'vitest';
import { matchRow, type Condition } from '@carnet/store';
import type { AnyRow } from '@carnet/schema';
import { tableFields, type TableField } from '../../../src/lib/components/table/fields.ts';
import {
  conditionDay, operatorLabelKey, operatorsFor, parseValue, startOfDay, toCondition, valueInputFor,
} from '../../../src/lib/components/table/filters.ts';

const fields = new Map(tableFields('contacts', [
  { key: 'budget', collection: 'contacts', label: 'Budget', kind: 'currency', required: false, order: 0 },
  { key: 'segment', collection: 'contacts', label: 'Segment', kind: 'select', options: ['SMB', 'Enterprise'], required: false, order: 1 },
]).map((f) => [f.key, f]));
const field = (key: string): TableField => fields.get(key)!;

function row(values: Record<string, unknown>): AnyRow {
  return { id: 'c0000001', createdAt: 0, createdBy: null, updatedAt: 0, updatedBy: null, deletedAt: null, ...values };
}

function condition(key: string, op: Condition['op'], draft: Parameters<typeof toCondition>[2]): Condition {
  const result = toCondition(field(key), op, draft);
  if (!result.ok) throw new Error(`not a filter: ${result.problem}`);
  return result.condition;
}

describe('operators per field kind', () => {
  it('offers text operators for names, list operators for tags and option operators for the lifecycle stage', () => {
    expect(operatorsFor(field('lastName').kind)).toEqual(['contains', 'eq', 'ne', 'startsWith', 'empty', 'notEmpty']);
    expect(operatorsFor(field('tags').kind)).toEqual(['has', 'hasAny', 'empty', 'notEmpty']);
    expect(operatorsFor(field('lifecycle').kind)).toEqual(['eq', 'ne', 'in', 'nin', 'empty', 'notEmpty']);
    expect(operatorsFor(field('emails').kind)).toEqual(['contains', 'empty', 'notEmpty']);
    expect(operatorsFor(field('leadScore').kind)).toContain('gte');
    expect(operatorsFor(field('updatedAt').kind)).toEqual(['gte', 'lt']);
    expect(operatorsFor(field('consentEmail').kind)).toEqual(['eq']);
  });

  it('asks for the kind of value the operator needs', () => {
    expect(valueInputFor('select', 'eq')).toBe('option');
    expect(valueInputFor('select', 'in')).toBe('options');
    expect(valueInputFor('tags', 'has')).toBe('tag');
    expect(valueInputFor('tags', 'hasAny')).toBe('options');
    expect(valueInputFor('ref', 'eq')).toBe('ref');
    expect(valueInputFor('text', 'empty')).toBe('none');
    expect(valueInputFor('instant', 'lt')).toBe('date');
    expect(valueInputFor('currency', 'gt')).toBe('number');
  });

  it('names date operators as before/after and list operators as includes', () => {
    expect(operatorLabelKey('date', 'lt')).toBe('table.op.date.lt');
    expect(operatorLabelKey('instant', 'gte')).toBe('table.op.date.gte');
    expect(operatorLabelKey('number', 'lt')).toBe('table.op.lt');
    expect(operatorLabelKey('tags', 'has')).toBe('table.op.list.has');
  });

  it('treats custom fields by their kind', () => {
    expect(operatorsFor(field('cf_budget').kind)).toContain('gt');
    expect(field('cf_segment').options).toEqual(['SMB', 'Enterprise']);
  });
});

describe('typed values become conditions', () => {
  it('reads numbers with a decimal comma and refuses what is not a number', () => {
    expect(parseValue(field('cf_budget'), 'gt', '1 250,5')).toEqual({ ok: true, value: 1250.5 });
    expect(parseValue(field('cf_budget'), 'gt', 'lots')).toEqual({ ok: false, problem: 'number' });
  });

  it('asks for a value unless the operator needs none', () => {
    expect(toCondition(field('city'), 'contains', '  ')).toEqual({ ok: false, problem: 'required' });
    expect(toCondition(field('city'), 'empty', null)).toEqual({ ok: true, condition: { field: 'city', op: 'empty' } });
    expect(toCondition(field('lifecycle'), 'in', [])).toEqual({ ok: false, problem: 'required' });
  });

  it('refuses an operator that does not suit the field', () => {
    expect(toCondition(field('tags'), 'gt', '3')).toEqual({ ok: false, problem: 'operator' });
  });

  it('turns a day into local midnight for the row times, and checks the day', () => {
    expect(parseValue(field('updatedAt'), 'gte', '2026-03-12')).toEqual({ ok: true, value: startOfDay('2026-03-12') });
    expect(parseValue(field('updatedAt'), 'gte', '12/03/2026')).toEqual({ ok: false, problem: 'date' });
    expect(conditionDay(field('updatedAt'), startOfDay('2026-03-12'))).toBe('2026-03-12');
  });

  it('finds the rows the filter describes', () => {
    const customer = row({ lifecycle: 'customer', tags: ['vip'], lastName: 'Dupont', leadScore: 80, cf_budget: 1000 });
    const lead = row({ id: 'c0000002', lifecycle: 'lead', tags: [], lastName: 'Martin', leadScore: 20, cf_budget: null });
    const keep = (c: Condition) => [customer, lead].filter((r) => matchRow(r, { where: [c] })).map((r) => r.lastName);
    expect(keep(condition('lifecycle', 'eq', 'customer'))).toEqual(['Dupont']);
    expect(keep(condition('lifecycle', 'in', ['lead', 'prospect']))).toEqual(['Martin']);
    expect(keep(condition('tags', 'has', 'vip'))).toEqual(['Dupont']);
    expect(keep(condition('tags', 'empty', null))).toEqual(['Martin']);
    expect(keep(condition('lastName', 'contains', 'DUP'))).toEqual(['Dupont']);
    expect(keep(condition('leadScore', 'gte', '50'))).toEqual(['Dupont']);
    expect(keep(condition('cf_budget', 'notEmpty', null))).toEqual(['Dupont']);
    expect(keep(condition('consentEmail', 'eq', false))).toEqual([]);
  });
});
