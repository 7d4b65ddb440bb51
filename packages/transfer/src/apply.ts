// Writing an import plan through the Store API: companies the rows name but the workspace lacks
// are created first, then new records with createMany in batches, then updates (only the
// fields the file gave, lists united with what is stored). Between batches the host gets a
// turn and a progress report. Stored records change only through planned updates, that is only
// when the user chose "update". Everything written is recorded for the one-call undo.
import { validateFields, type AnyRow, type Collection } from '@carnet/schema';
import { listItemKey } from './list-items.ts';
import { isStoreError, type Store } from '@carnet/store';
import { isTransferError, TransferErrorCode } from './errors.ts';
import { throwIfAborted, yieldMacrotask, type HostOptions } from './host.ts';
import { emptyChanges, ImportUndo, recordCreated, type ImportChanges } from './import-undo.ts';
import type { ImportPlan } from './plan.ts';
import type { Candidate } from './prepare-row.ts';
import type { PreparedImport } from './prepare.ts';
import { companyNameKey } from './references.ts';
import type { RowIssue } from './row-issues.ts';

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'folded' | 'failed';

export interface ImportReport {
  collection: Collection;
  choice: ImportPlan['choice'];
  /** Data rows in the file (empty rows excluded). */
  totalRows: number;
  emptyRows: number;
  created: number;
  updated: number;
  /** Matched a stored record whose values already were the file's. */
  unchanged: number;
  skipped: number;
  /** Repeated an earlier row of the file. */
  folded: number;
  failed: number;
  companiesCreated: number;
  /** Every problem, errors and warnings, by row. */
  issues: RowIssue[];
  ignoredColumns: string[];
  /** What happened to each data row, in file order. */
  outcomes: { row: number; outcome: RowOutcome; id?: string }[];
  /** The host aborted: the report covers what was done (and the undo reverts it). */
  cancelled: boolean;
}

export interface ApplyOptions extends HostOptions {
  /** Records per createMany call (one store commit each). */
  batchSize?: number;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function unite(field: string, current: unknown, incoming: unknown[]): unknown[] {
  const list = Array.isArray(current) ? [...current] : [];
  const seen = new Set(list.map((v) => listItemKey(field, v)));
  for (const value of incoming) {
    const key = listItemKey(field, value);
    if (!seen.has(key)) {
      seen.add(key);
      list.push(value);
    }
  }
  return list;
}

/** The fields an update writes: what the file gave that differs from the stored row. */
export function updatePatch(row: AnyRow, candidate: Candidate): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of candidate.provided) {
    const incoming = candidate.values[field];
    const value = Array.isArray(incoming) ? unite(field, row[field], incoming) : incoming;
    if (!sameValue(row[field], value)) patch[field] = value;
  }
  return patch;
}

export async function applyImport(
  store: Store,
  prepared: PreparedImport,
  plan: ImportPlan,
  options: ApplyOptions = {},
): Promise<{ report: ImportReport; undo: ImportUndo }> {
  const { collection } = plan;
  const yieldToHost = options.yieldToHost ?? yieldMacrotask;
  const batchSize = options.batchSize ?? 500;
  const changes: ImportChanges = emptyChanges();
  const issues: RowIssue[] = [...prepared.issues, ...plan.issues];
  const outcome = new Map<number, { outcome: RowOutcome; id?: string }>();
  for (const row of prepared.rejectedRows) outcome.set(row, { outcome: 'failed' });
  for (const s of plan.skipped) outcome.set(s.candidate.row, { outcome: 'skipped', id: s.id });
  for (const f of plan.foldedInto) outcome.set(f.candidate.row, { outcome: 'folded' });
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  let companiesCreated = 0;
  const refuse = (candidate: Candidate, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    issues.push({ row: candidate.row, column: null, field: null, code: 'store_refused', severity: 'error', params: { message } });
    outcome.set(candidate.row, { outcome: 'failed' });
  };

  try {
    companiesCreated = await createMissingCompanies(store, [...plan.creates, ...plan.updates.map((u) => u.candidate)], changes, options);

    // The next batch is handed to the store before the previous one is stored: the store builds
    // its docs while IndexedDB writes the previous batch, and commits them in order.
    let inFlight: { batch: Candidate[]; rows: Promise<AnyRow[]> } | undefined;
    const settle = async () => {
      if (!inFlight) return;
      const { batch, rows: pending } = inFlight;
      inFlight = undefined;
      try {
        const rows = await pending;
        recordCreated(changes, collection, rows.map((r) => r.id));
        rows.forEach((row, i) => outcome.set(batch[i].row, { outcome: 'created', id: row.id }));
      } catch (error) {
        if (!isStoreError(error)) throw error;
        // One bad record refuses its whole batch: retry one by one to save the others.
        for (const candidate of batch) {
          try {
            const row = await store.create(collection, candidate.values);
            recordCreated(changes, collection, [row.id]);
            outcome.set(candidate.row, { outcome: 'created', id: row.id });
          } catch (single) {
            if (!isStoreError(single)) throw single;
            refuse(candidate, single);
          }
        }
      }
      done += batch.length;
      options.onProgress?.({ phase: 'create', done, total });
    };
    for (let start = 0; start < plan.creates.length; start += batchSize) {
      // A cancelled import still reports (and can undo) the batch the store already has.
      if (options.signal?.aborted) await settle();
      throwIfAborted(options.signal);
      const batch = plan.creates.slice(start, start + batchSize);
      const rows: Promise<AnyRow[]> = store.createMany(collection, batch.map((c) => c.values));
      rows.catch(() => {}); // handled when settled
      await settle();
      inFlight = { batch, rows };
      await yieldToHost();
    }
    await settle();

    const custom = store.customFields(collection);
    for (let start = 0; start < plan.updates.length; start += batchSize) {
      throwIfAborted(options.signal);
      const batch = plan.updates.slice(start, start + batchSize);
      const rows = await store.getMany(collection, batch.map((u) => u.id));
      for (const [i, { candidate, id }] of batch.entries()) {
        const row = rows[i];
        if (!row || row.deletedAt !== null) {
          refuse(candidate, new Error(`the matching ${collection} record ${id} was deleted meanwhile`));
          continue;
        }
        const patch = updatePatch(row, candidate);
        if (!Object.keys(patch).length) {
          outcome.set(candidate.row, { outcome: 'unchanged', id });
          continue;
        }
        const checked = validateFields(collection, patch, 'update', custom);
        try {
          if (!checked.ok) throw new Error(checked.issues.map((x) => `${x.field}: ${x.code}`).join('; '));
          const updated = await store.update(collection, id, patch);
          const before: Record<string, unknown> = {};
          const after: Record<string, unknown> = {};
          for (const field of Object.keys(patch)) {
            before[field] = row[field] ?? null;
            after[field] = (updated as AnyRow)[field] ?? null;
          }
          changes.updated.push({ collection, id, before, after });
          // A later row matching the same record builds on this one.
          rows[i] = updated;
          for (let j = i + 1; j < batch.length; j++) if (batch[j].id === id) rows[j] = updated;
          outcome.set(candidate.row, { outcome: 'updated', id });
        } catch (error) {
          refuse(candidate, error);
        }
      }
      done += batch.length;
      options.onProgress?.({ phase: 'update', done, total });
      await yieldToHost();
    }
    return { report: buildReport(prepared, plan, issues, outcome, companiesCreated, false), undo: new ImportUndo(store, changes) };
  } catch (error) {
    if (!isTransferError(error, TransferErrorCode.Cancelled)) throw error;
    return { report: buildReport(prepared, plan, issues, outcome, companiesCreated, true), undo: new ImportUndo(store, changes) };
  }
}

/** Creates one company per distinct missing name (folded) and links the rows to it. */
async function createMissingCompanies(store: Store, candidates: Candidate[], changes: ImportChanges, options: ApplyOptions): Promise<number> {
  const byKey = new Map<string, { name: string; rows: Candidate[] }>();
  for (const candidate of candidates) {
    if (candidate.newCompanyName === undefined) continue;
    const key = companyNameKey(candidate.newCompanyName);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { name: candidate.newCompanyName.trim(), rows: [] }));
    entry.rows.push(candidate);
  }
  const entries = [...byKey.values()];
  for (let start = 0; start < entries.length; start += 500) {
    throwIfAborted(options.signal);
    const slice = entries.slice(start, start + 500);
    const rows = await store.createMany('companies', slice.map((e) => ({ name: e.name.slice(0, 300) })));
    recordCreated(changes, 'companies', rows.map((r) => r.id));
    rows.forEach((row, i) => {
      for (const candidate of slice[i].rows) candidate.values.companyId = row.id;
    });
  }
  return entries.length;
}

function buildReport(
  prepared: PreparedImport, plan: ImportPlan, issues: RowIssue[],
  outcome: Map<number, { outcome: RowOutcome; id?: string }>, companiesCreated: number, cancelled: boolean,
): ImportReport {
  const outcomes = [...outcome].map(([row, o]) => ({ row, ...o })).sort((a, b) => a.row - b.row);
  const count = (o: RowOutcome) => outcomes.filter((x) => x.outcome === o).length;
  issues.sort((a, b) => a.row - b.row);
  return {
    collection: plan.collection, choice: plan.choice, totalRows: prepared.totalRows, emptyRows: prepared.info.emptyRows,
    created: count('created'), updated: count('updated'), unchanged: count('unchanged'), skipped: count('skipped'),
    folded: count('folded'), failed: count('failed'), companiesCreated, issues, ignoredColumns: prepared.ignoredColumns,
    outcomes, cancelled,
  };
}
