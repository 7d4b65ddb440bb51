// Branded ids and doc ids. A record's id is random, URL-safe and collision-resistant; its doc
// id (`contacts/<id>`) names the Y.Doc that holds it everywhere: store, relay, log, API.

declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ContactId = Brand<string, 'ContactId'>;
export type CompanyId = Brand<string, 'CompanyId'>;
export type DealId = Brand<string, 'DealId'>;
export type ActivityId = Brand<string, 'ActivityId'>;
export type UserId = Brand<string, 'UserId'>;
export type WorkspaceId = Brand<string, 'WorkspaceId'>;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
export const ID_PATTERN = /^[0-9a-z]{8,32}$/;

/** 16 characters of base 36: about 82 bits of randomness. */
export function newId<T extends string = string>(): T {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % 36];
  return id as T;
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
