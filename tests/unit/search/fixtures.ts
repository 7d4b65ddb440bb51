// Row builders for the search tests: minimal valid-looking rows with the fields search reads.
import type { AnyRow } from '@carnet/schema';
import type { RowChange } from '@carnet/search';

let next = 0;
export function testId(): string {
  next += 1;
  return `t${String(next).padStart(9, '0')}`;
}

function meta(id: string, extra: Partial<AnyRow> = {}): AnyRow {
  return { id, createdAt: 0, createdBy: null, updatedAt: 0, updatedBy: null, deletedAt: null, ...extra } as AnyRow;
}

export function contact(fields: Record<string, unknown>, id = testId()): RowChange {
  return {
    collection: 'contacts',
    id,
    row: meta(id, { firstName: null, lastName: null, emails: [], phones: [], title: null, city: null, ...fields }),
  };
}

export function company(fields: Record<string, unknown>, id = testId()): RowChange {
  return { collection: 'companies', id, row: meta(id, { name: '', domain: null, city: null, ...fields }) };
}

export function deal(title: string, id = testId()): RowChange {
  return { collection: 'deals', id, row: meta(id, { title }) };
}

export function activity(subject: string | null, id = testId(), type = 'call'): RowChange {
  return { collection: 'activities', id, row: meta(id, { type, subject, body: '' }) };
}

export function removed(change: RowChange): RowChange {
  return { ...change, row: null };
}

export function softDeleted(change: RowChange): RowChange {
  return { ...change, row: { ...change.row!, deletedAt: 1 } };
}

export function titles(results: { title: string }[]): string[] {
  return results.map((result) => result.title);
}
