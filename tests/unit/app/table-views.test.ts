// Saved views come back from the private doc, written by other devices or older versions:
// reading keeps what is well formed, drops the rest, and a view round-trips unchanged.
import { describe, expect, it } from 'vitest';
import {
  columnsKey, newViewId, parseSavedView, parseSetup, sameSetup, toStoredView, viewKey, viewsIn, type SavedView,
} from '../../../src/lib/components/table/views.ts';

const view: SavedView = {
  id: 'v1', name: 'Customers in Lyon', collection: 'contacts', scope: 'private', ownerId: 'user0001', updatedAt: 5,
  filters: [{ field: 'lifecycle', op: 'eq', value: 'customer' }, { field: 'city', op: 'contains', value: 'lyon' }],
  sort: [{ field: 'lastName', dir: 'asc' }, { field: 'firstName', dir: 'asc' }],
  q: '',
  columns: ['$title', 'emails', 'lifecycle'],
};

describe('saved views', () => {
  it('round-trips through storage unchanged', () => {
    const stored = JSON.parse(JSON.stringify(toStoredView(view)));
    expect(parseSavedView(stored)).toEqual(view);
  });

  it('drops malformed filters, sorts and columns but keeps the view', () => {
    const parsed = parseSavedView({
      ...view,
      filters: [{ field: 'city', op: 'like', value: 'x' }, { field: 'tags', op: 'hasAny', value: ['vip', { nested: true }] }, { field: 'tags', op: 'has', value: 'vip' }],
      sort: [{ field: 'city', dir: 'sideways' }, 'nonsense'],
      columns: ['emails', 3, null],
    });
    expect(parsed?.filters).toEqual([{ field: 'tags', op: 'has', value: 'vip' }]);
    expect(parsed?.sort).toEqual([{ field: 'city', dir: 'asc' }]);
    expect(parsed?.columns).toEqual(['emails']);
  });

  it('is not a view without an id, a name or a known collection', () => {
    expect(parseSavedView({ ...view, id: '' })).toBeNull();
    expect(parseSavedView({ ...view, name: '   ' })).toBeNull();
    expect(parseSavedView({ ...view, collection: 'planets' })).toBeNull();
    expect(parseSavedView('view')).toBeNull();
  });

  it('lists the views of one collection from the private doc, by name', () => {
    const other = { ...view, id: 'v2', name: 'Acme deals', collection: 'deals' };
    const second = { ...view, id: 'v3', name: 'All leads' };
    const data = {
      [viewKey('v1')]: view,
      [viewKey('v2')]: other,
      [viewKey('v3')]: second,
      [viewKey('v4')]: { ...view, id: 'v5' }, // stored under another view's key: ignored
      [columnsKey('contacts')]: ['emails'],
      theme: 'dark',
    };
    expect(viewsIn(data, 'contacts').map((v) => v.name)).toEqual(['All leads', 'Customers in Lyon']);
  });

  it('says whether the table still shows what a view saved', () => {
    expect(sameSetup(view, { ...parseSetup(view) })).toBe(true);
    expect(sameSetup(view, { ...view, sort: [{ field: 'lastName', dir: 'desc' }, { field: 'firstName', dir: 'desc' }] })).toBe(false);
    expect(sameSetup(view, { ...view, q: 'dupont' })).toBe(false);
  });

  it('makes ids of lowercase letters and digits', () => {
    expect(newViewId()).toMatch(/^[0-9a-z]{12}$/);
    expect(newViewId(() => 0)).toBe('000000000000');
  });
});
