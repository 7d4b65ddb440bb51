// What to do with each prepared row given the records already stored and the user's choice
// for duplicates: skip them (nothing stored changes), update them (with the file's values), or
// create them anyway. Rows that repeat an earlier row of the same file are folded into it
// (update), dropped (skip) or created (create).
import type { Store } from '@carnet/store';
import type { Collection } from '@carnet/schema';
import { DuplicateIndex, type MatchReason } from './duplicate-index.ts';
import { throwIfAborted, yieldMacrotask, type HostOptions } from './host.ts';
import type { Candidate } from './prepare-row.ts';
import type { PreparedImport } from './prepare.ts';
import type { RowIssue } from './row-issues.ts';

export const DUPLICATE_CHOICES = ['skip', 'update', 'create'] as const;
export type DuplicateChoice = (typeof DUPLICATE_CHOICES)[number];

export interface PlannedUpdate {
  candidate: Candidate;
  id: string;
  reason: MatchReason;
}

export interface ImportPlan {
  collection: Collection;
  choice: DuplicateChoice;
  creates: Candidate[];
  updates: PlannedUpdate[];
  /** Rows matching a stored record, left alone (choice 'skip'). */
  skipped: PlannedUpdate[];
  /** Rows repeating an earlier row of the file: the earlier row's number. */
  foldedInto: { candidate: Candidate; row: number; reason: MatchReason }[];
  /** duplicate_skipped and duplicate_in_file notes, one per row concerned. */
  issues: RowIssue[];
}

/** An index of the alive stored records of a collection. */
export async function storeDuplicateIndex(store: Store, collection: Collection): Promise<DuplicateIndex> {
  const index = new DuplicateIndex(collection);
  await store.persistence.scanRows(collection, 2_000, (rows) => {
    for (const row of rows) if (row.deletedAt === null) index.add(row.id, row);
  });
  return index;
}

/** Lists merge without repeats; other fields take the later row's value. */
function fold(into: Candidate, from: Candidate): void {
  for (const field of from.provided) {
    const value = from.values[field];
    const current = into.values[field];
    into.values[field] = Array.isArray(current) && Array.isArray(value) ? [...new Set([...current, ...value])] : value;
    if (!into.provided.includes(field)) into.provided.push(field);
  }
  if (from.newCompanyName !== undefined && !into.values.companyId) into.newCompanyName = from.newCompanyName;
}

export async function planImport(
  prepared: PreparedImport,
  existing: DuplicateIndex,
  options: HostOptions & { choice: DuplicateChoice; batchRows?: number },
): Promise<ImportPlan> {
  const { choice } = options;
  const yieldToHost = options.yieldToHost ?? yieldMacrotask;
  const batchRows = options.batchRows ?? 5_000;
  const plan: ImportPlan = { collection: prepared.collection, choice, creates: [], updates: [], skipped: [], foldedInto: [], issues: [] };
  const inFile = new DuplicateIndex(prepared.collection);
  const byRow = new Map<string, Candidate>();
  const { candidates } = prepared;
  for (let start = 0; start < candidates.length; start += batchRows) {
    throwIfAborted(options.signal);
    for (const candidate of candidates.slice(start, start + batchRows)) {
      if (choice === 'create') {
        plan.creates.push(candidate);
        continue;
      }
      const at = { row: candidate.row, ...(candidate.line !== undefined ? { line: candidate.line } : {}) };
      const match = existing.match(candidate.values, candidate.recordId);
      if (match) {
        if (choice === 'update') plan.updates.push({ candidate, ...match });
        else {
          plan.skipped.push({ candidate, ...match });
          plan.issues.push({ ...at, column: null, field: null, code: 'duplicate_skipped', severity: 'warning', params: { reason: match.reason, id: match.id } });
        }
        continue;
      }
      const earlier = inFile.match(candidate.values);
      if (earlier) {
        const first = byRow.get(earlier.id)!;
        if (choice === 'update') fold(first, candidate);
        plan.foldedInto.push({ candidate, row: first.row, reason: earlier.reason });
        plan.issues.push({ ...at, column: null, field: null, code: 'duplicate_in_file', severity: 'warning', params: { otherRow: first.row, reason: earlier.reason } });
        continue;
      }
      const key = `row:${candidate.row}`;
      inFile.add(key, candidate.values);
      byRow.set(key, candidate);
      plan.creates.push(candidate);
    }
    const done = Math.min(start + batchRows, candidates.length);
    options.onProgress?.({ phase: 'match', done, total: candidates.length });
    if (done < candidates.length) await yieldToHost();
  }
  return plan;
}
