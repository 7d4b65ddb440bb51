// Helpers for transfer tests: fixture files, stores with a known workspace, text re-encoded in
// the encodings importers meet.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultPipeline } from '@carnet/schema';
import type { Store } from '@carnet/store';
import { memoryStore } from '../../helpers/store.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export function fixtureText(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

export function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2 + (bom ? 2 : 0));
  let i = 0;
  if (bom) {
    out[i++] = order === 'le' ? 0xff : 0xfe;
    out[i++] = order === 'le' ? 0xfe : 0xff;
  }
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    out[i++] = order === 'le' ? unit & 0xff : unit >> 8;
    out[i++] = order === 'le' ? unit >> 8 : unit & 0xff;
  }
  return out;
}

export const MEMBER_ID = 'claire0000000001';

/** A store whose workspace has a member (Claire Martin) and the default pipeline. */
export async function workspaceStore(): Promise<Store> {
  const store = await memoryStore();
  await store.updateWorkspace(
    { type: 'putMember', member: { userId: MEMBER_ID, name: 'Claire Martin', email: 'claire@agence.fr', role: 'rep' } },
    { type: 'putPipeline', pipeline: defaultPipeline() },
  );
  return store;
}

type AnyCollection = 'contacts' | 'companies' | 'deals' | 'activities';

/** Every alive row of a collection, sorted by a field (ids break ties). */
export async function allRows(store: Store, collection: AnyCollection, sortBy = 'createdAt') {
  const { rows } = await store.query(collection, { sort: [{ field: sortBy }] });
  return rows;
}

/** The rows an import (or several) created or updated, in file order. */
export async function importedRows(store: Store, collection: AnyCollection, ...reports: { outcomes: { id?: string; outcome: string }[] }[]) {
  const ids = reports.flatMap((r) => r.outcomes.filter((o) => o.outcome === 'created' || o.outcome === 'updated').map((o) => o.id!));
  return (await store.getMany(collection, ids)).map((row) => row!);
}

export const noYield = async () => {};
