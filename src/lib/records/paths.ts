// Where each record lives in the app, and how it is named in lists, links and the palette.
import {
  contactDisplayName,
  type AnyRow, type Collection, type ContactFields,
} from '@carnet/schema';

/** The page of a record. Activities open on the record they belong to, or in My day. */
export function recordPath(collection: Collection, id: string, row?: AnyRow | null): string {
  switch (collection) {
    case 'contacts':
      return `/contacts/${id}`;
    case 'companies':
      return `/companies/${id}`;
    case 'deals':
      return `/deals/${id}`;
    case 'activities': {
      if (row?.dealId) return `/deals/${row.dealId as string}#activity-${id}`;
      if (row?.contactId) return `/contacts/${row.contactId as string}#activity-${id}`;
      if (row?.companyId) return `/companies/${row.companyId as string}#activity-${id}`;
      return `/today#activity-${id}`;
    }
  }
}

/** A record's name for people: a contact's full name, a company's name, a deal's title… */
export function recordTitle(collection: Collection, row: AnyRow | null | undefined): string {
  if (!row) return '';
  switch (collection) {
    case 'contacts':
      return contactDisplayName(row as Partial<ContactFields>);
    case 'companies':
      return (row.name as string | undefined) ?? '';
    case 'deals':
      return (row.title as string | undefined) ?? '';
    case 'activities':
      return (row.subject as string | null | undefined) ?? '';
  }
}
