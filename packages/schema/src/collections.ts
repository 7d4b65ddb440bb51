// The record collections and how their docs are named. Everything that addresses a document
// (store, relay, log, history, API) goes through docIdOf/parseDocId so the naming lives here.
import { isId } from './ids.ts';

export const COLLECTIONS = ['contacts', 'companies', 'deals', 'activities'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export const WORKSPACE_DOC_ID = 'workspace';
export const USER_DOC_PREFIX = 'users/';

export function isCollection(value: unknown): value is Collection {
  return typeof value === 'string' && (COLLECTIONS as readonly string[]).includes(value);
}

export function docIdOf(collection: Collection, id: string): string {
  return `${collection}/${id}`;
}

export function userDocId(userId: string): string {
  return `${USER_DOC_PREFIX}${userId}`;
}

export type ParsedDocId =
  | { kind: 'record'; collection: Collection; id: string }
  | { kind: 'workspace' }
  | { kind: 'user'; userId: string };

/** Parses a doc id; returns undefined for anything that is not a well-formed Carnet doc id. */
export function parseDocId(docId: string): ParsedDocId | undefined {
  if (docId === WORKSPACE_DOC_ID) return { kind: 'workspace' };
  const slash = docId.indexOf('/');
  if (slash < 0) return undefined;
  const head = docId.slice(0, slash);
  const id = docId.slice(slash + 1);
  if (!isId(id)) return undefined;
  if (head === 'users') return { kind: 'user', userId: id };
  if (isCollection(head)) return { kind: 'record', collection: head, id };
  return undefined;
}
