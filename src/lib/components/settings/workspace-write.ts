// Writing the workspace doc from the settings screen: every change goes through
// store.updateWorkspace, and a refusal comes back as messages per field (in the user's
// language) or one message for the whole change, never as a thrown error.
import { issueMessage, type FieldIssue, type Locale } from '@carnet/schema';
import { isStoreError, type Store, type WorkspaceOp } from '@carnet/store';

export type WriteOutcome =
  | { ok: true }
  | { ok: false; fields: Record<string, string>; message: string | null };

/** `stages.2.probability` → the message for it; the first issue of a field wins. */
export function issuesByField(issues: readonly FieldIssue[], locale: Locale): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.field || ''] ??= issueMessage(issue, locale);
  return fields;
}

export async function writeWorkspace(store: Store | null, ops: WorkspaceOp[], locale: Locale, failed: (reason: string) => string): Promise<WriteOutcome> {
  if (!store) return { ok: false, fields: {}, message: failed('not open') };
  try {
    await store.updateWorkspace(...ops);
    return { ok: true };
  } catch (error) {
    if (isStoreError(error) && error.issues.length) return { ok: false, fields: issuesByField(error.issues, locale), message: null };
    return { ok: false, fields: {}, message: failed(error instanceof Error ? error.message : String(error)) };
  }
}

/** A key for ids in the workspace doc (`[a-z0-9_]{1,64}`) made from a name, unique among `taken`. */
export function keyFrom(name: string, taken: readonly string[], fallback = 'item'): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 56) || fallback;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}_${n}`)) return `${base}_${n}`;
}
