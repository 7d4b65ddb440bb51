// The import wizard's state as runes: the record type and file, the table read from it, the
// column mapping (suggested, then edited), the reading settings, a preview of the first rows,
// the full check, the duplicates choice, the import with its progress, and the outcome with
// its undo. Every long step hands the browser a turn between batches (reading runs in a
// worker), and every step can be stopped. The components only draw this state.
import type { Collection, CustomFieldDef, Locale } from '@carnet/schema';
import type { Store } from '@carnet/store';
import {
  DuplicateIndex, FORMATS_FOR, TransferErrorCode, applyImport, isTransferError, planImport, prepareImport,
  storeDuplicateIndex, storeReferences, suggestMapping, suggestSettings,
  type ColumnMapping, type ConvertSettings, type CsvSeparator, type DuplicateChoice, type ImportReport, type ImportUndo,
  type MissingCompanyPolicy, type PreparedImport, type Progress, type References, type SourceTable, type TextEncodingName,
  type UndoReport,
} from '@carnet/transfer';
import type { ImportHistory } from './import-history.svelte.ts';
import { importableMapping, newCustomFields, referenceNeeds, setColumnTarget } from './mapping-edit.ts';
import { readFile } from './read-file.ts';
import { yieldToBrowser } from './yield.ts';

export type WizardStep = 'source' | 'mapping' | 'review' | 'importing' | 'summary';

/** A failure shown to the user: a transfer error code (translated), or another reason. */
export interface WizardError {
  code: TransferErrorCode | 'wrong_format' | 'no_rows' | 'other';
  message: string;
}

export interface WizardHost {
  store: () => Store;
  locale: () => Locale;
  history: ImportHistory;
  now?: () => number;
}

/** Rows shown in the preview. */
export const PREVIEW_ROWS = 5;
/** Rows converted between two turns for the browser (about 25 µs each). */
const PREPARE_BATCH = 1_000;

function asWizardError(error: unknown): WizardError {
  if (isTransferError(error)) return { code: error.code, message: error.message };
  return { code: 'other', message: error instanceof Error ? error.message : String(error) };
}

export class ImportWizard {
  step = $state<WizardStep>('source');
  collection = $state<Collection>('contacts');
  file = $state.raw<File | null>(null);
  /** The encoding and separator the user forced ('' = detect). */
  encoding = $state<TextEncodingName | ''>('');
  separator = $state<CsvSeparator | ''>('');
  /** What is running, if anything. */
  busy = $state<null | 'read' | 'prepare' | 'import' | 'undo'>(null);
  progress = $state.raw<Progress | null>(null);
  error = $state.raw<WizardError | null>(null);
  table = $state.raw<SourceTable | null>(null);
  suggested = $state.raw<ColumnMapping[]>([]);
  mapping = $state.raw<ColumnMapping[]>([]);
  settings = $state.raw<ConvertSettings | null>(null);
  missingCompanies = $state<MissingCompanyPolicy>('create');
  preview = $state.raw<PreparedImport | null>(null);
  prepared = $state.raw<PreparedImport | null>(null);
  choice = $state<DuplicateChoice>('skip');
  report = $state.raw<ImportReport | null>(null);
  undoReport = $state.raw<UndoReport | null>(null);
  /** Set when the finished import could not be kept in the history (its undo still works here). */
  saveError = $state<string | null>(null);

  #host: WizardHost;
  #controller: AbortController | null = null;
  #references: References | null = null;
  #undo: ImportUndo | null = null;
  #importId: string | null = null;
  #previewRun = 0;

  constructor(host: WizardHost, collection: Collection = 'contacts') {
    this.#host = host;
    this.collection = collection;
  }

  get #store(): Store {
    return this.#host.store();
  }

  customFields(): CustomFieldDef[] {
    return this.#store.customFields(this.collection);
  }

  /** Chooses the record type; a file already read is read again for it. */
  setCollection(collection: Collection): void {
    if (collection === this.collection) return;
    this.collection = collection;
    if (this.file) void this.read(this.file);
  }

  /** Reads a file (in a worker) and suggests the mapping and settings. */
  async read(file: File): Promise<void> {
    this.#abort();
    const controller = (this.#controller = new AbortController());
    const collection = this.collection;
    this.file = file;
    this.error = null;
    this.table = null;
    this.preview = null;
    this.prepared = null;
    this.busy = 'read';
    this.progress = { phase: 'read', done: 0, total: file.size };
    try {
      const table = await readFile(file, {
        encoding: this.encoding || undefined,
        separator: this.separator || undefined,
        signal: controller.signal,
        onProgress: (done, total) => (this.progress = { phase: 'read', done, total }),
      });
      if (controller.signal.aborted) return;
      if (!FORMATS_FOR[collection].includes(table.info.format)) {
        this.error = { code: 'wrong_format', message: table.info.format };
        return;
      }
      if (table.rows.length === 0) {
        this.table = table;
        this.error = { code: 'no_rows', message: '' };
        return;
      }
      const customFields = this.customFields();
      const suggested = suggestMapping(collection, table.headers, customFields);
      this.#references = await storeReferences(this.#store, referenceNeeds(collection));
      this.table = table;
      this.suggested = suggested;
      this.mapping = suggested;
      this.settings = suggestSettings(table, suggested, collection, this.#host.locale(), customFields);
    } catch (error) {
      if (!isTransferError(error, TransferErrorCode.Cancelled)) this.error = asWizardError(error);
    } finally {
      if (this.#controller === controller) {
        this.busy = null;
        this.progress = null;
        this.#controller = null;
      }
    }
  }

  /** Reads the same file again with the encoding and separator the user chose. */
  async reread(): Promise<void> {
    if (this.file) await this.read(this.file);
  }

  toMapping(): void {
    if (!this.table || this.error) return;
    this.step = 'mapping';
    void this.refreshPreview();
  }

  setTarget(column: number, target: string | null): void {
    this.mapping = setColumnTarget(this.collection, this.mapping, column, target, this.customFields());
    void this.refreshPreview();
  }

  setSettings(patch: Partial<ConvertSettings>): void {
    if (!this.settings) return;
    this.settings = { ...this.settings, ...patch };
    void this.refreshPreview();
  }

  setMissingCompanies(policy: MissingCompanyPolicy): void {
    this.missingCompanies = policy;
    void this.refreshPreview();
  }

  get mappedCount(): number {
    return this.mapping.filter((m) => m.target !== null).length;
  }

  /** Converts the first rows with the current mapping, as they would be stored. */
  async refreshPreview(): Promise<void> {
    const table = this.table;
    if (!table || !this.settings) return;
    const run = ++this.#previewRun;
    try {
      const preview = await prepareImport(
        { ...table, rows: table.rows.slice(0, PREVIEW_ROWS) },
        {
          collection: this.collection, mapping: importableMapping(this.mapping), customFields: this.customFields(),
          references: this.#references ?? undefined, settings: this.settings, missingCompanies: this.missingCompanies,
          yieldToHost: yieldToBrowser,
        },
      );
      if (run === this.#previewRun) this.preview = preview;
    } catch (error) {
      if (run === this.#previewRun) this.error = asWizardError(error);
    }
  }

  /**
   * Creates the custom fields asked for, then converts and validates every row: the list of
   * problems the user reads before importing.
   */
  async check(): Promise<void> {
    const table = this.table;
    if (!table || !this.settings || this.busy) return;
    this.#abort();
    const controller = (this.#controller = new AbortController());
    this.error = null;
    this.prepared = null;
    this.step = 'review';
    this.busy = 'prepare';
    this.progress = { phase: 'prepare', done: 0, total: table.rows.length };
    try {
      const { defs, mapping } = newCustomFields(this.collection, this.mapping, this.#store.customFields());
      if (defs.length) {
        await this.#store.updateWorkspace(...defs.map((def) => ({ type: 'putCustomField' as const, def })));
        this.mapping = mapping;
      }
      this.#references = await storeReferences(this.#store, referenceNeeds(this.collection));
      const prepared = await prepareImport(table, {
        collection: this.collection, mapping: importableMapping(this.mapping), customFields: this.customFields(),
        references: this.#references, settings: this.settings, missingCompanies: this.missingCompanies,
        batchRows: PREPARE_BATCH, yieldToHost: yieldToBrowser, signal: controller.signal,
        onProgress: (progress) => (this.progress = progress),
      });
      if (!controller.signal.aborted) this.prepared = prepared;
    } catch (error) {
      if (!isTransferError(error, TransferErrorCode.Cancelled)) this.error = asWizardError(error);
    } finally {
      if (this.#controller === controller) {
        this.busy = null;
        this.progress = null;
        this.#controller = null;
      }
    }
  }

  back(): void {
    this.#abort();
    this.error = null;
    if (this.step === 'review') {
      this.step = 'mapping';
      this.prepared = null;
      void this.refreshPreview();
    } else if (this.step === 'mapping') {
      this.step = 'source';
    }
  }

  /** Matches duplicates, writes the records in batches, and keeps the undo record. */
  async start(): Promise<void> {
    const prepared = this.prepared;
    if (!prepared || this.busy || prepared.candidates.length === 0) return;
    const controller = (this.#controller = new AbortController());
    const store = this.#store;
    const options = {
      yieldToHost: yieldToBrowser,
      signal: controller.signal,
      onProgress: (progress: Progress) => (this.progress = progress),
    };
    this.step = 'importing';
    this.busy = 'import';
    this.error = null;
    this.progress = { phase: 'match', done: 0, total: prepared.candidates.length };
    try {
      const existing = this.choice === 'create' ? new DuplicateIndex(this.collection) : await storeDuplicateIndex(store, this.collection);
      const plan = await planImport(prepared, existing, { ...options, choice: this.choice });
      const { report, undo } = await applyImport(store, prepared, plan, options);
      this.#undo = undo;
      this.report = report;
      this.step = 'summary';
      const at = (this.#host.now ?? Date.now)();
      this.#importId = `${at.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      try {
        await this.#host.history.add(this.#importId, at, this.file?.name ?? '', report, undo.changes);
      } catch (error) {
        this.saveError = error instanceof Error ? error.message : String(error);
      }
    } catch (error) {
      // A cancelled plan (before anything was written) returns to the check.
      if (isTransferError(error, TransferErrorCode.Cancelled)) this.step = 'review';
      else {
        this.error = asWizardError(error);
        this.step = 'review';
      }
    } finally {
      this.busy = null;
      this.progress = null;
      this.#controller = null;
    }
  }

  /** Stops what runs: reading, checking, or the import (which then reports what it did). */
  stop(): void {
    this.#controller?.abort();
  }

  get canUndo(): boolean {
    return !!this.#undo && !this.#undo.undone && !this.undoReport;
  }

  async undo(): Promise<void> {
    const undo = this.#undo;
    if (!undo || undo.undone || this.busy) return;
    this.busy = 'undo';
    this.error = null;
    try {
      this.undoReport = await undo.undo({ yieldToHost: yieldToBrowser, onProgress: (p) => (this.progress = p) });
      if (this.#importId) await this.#host.history.markUndone(this.#importId).catch(() => {});
    } catch (error) {
      this.error = asWizardError(error);
    } finally {
      this.busy = null;
      this.progress = null;
    }
  }

  /** Back to an empty first step, keeping the record type. */
  reset(): void {
    this.#abort();
    this.step = 'source';
    this.file = null;
    this.encoding = '';
    this.separator = '';
    this.table = null;
    this.suggested = [];
    this.mapping = [];
    this.settings = null;
    this.preview = null;
    this.prepared = null;
    this.report = null;
    this.undoReport = null;
    this.saveError = null;
    this.error = null;
    this.#undo = null;
    this.#importId = null;
  }

  #abort(): void {
    this.#controller?.abort();
    this.#controller = null;
  }
}
