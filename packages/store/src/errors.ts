// Typed store errors: a const object of codes plus one error class. Callers switch on `code`;
// validation errors carry the field issues so the UI can show them beside each field.
import type { FieldIssue } from '@carnet/schema';

export const StoreErrorCode = {
  Invalid: 'invalid',
  UnknownCollection: 'unknown_collection',
  NotFound: 'not_found',
  AlreadyExists: 'already_exists',
  Deleted: 'deleted',
  BadUpdate: 'bad_update',
  BadDocId: 'bad_doc_id',
  StorageFailed: 'storage_failed',
  StorageFull: 'storage_full',
  Closed: 'closed',
  Conflict: 'conflict',
} as const;
export type StoreErrorCode = (typeof StoreErrorCode)[keyof typeof StoreErrorCode];

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly issues: FieldIssue[];
  /** The doc the error is about, when it is about one (e.g. `already_exists`). */
  readonly docId: string | undefined;
  constructor(code: StoreErrorCode, message: string, options: { issues?: FieldIssue[]; cause?: unknown; docId?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.docId = options.docId;
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}

/** A commit that would create a doc that is already stored. */
export function alreadyExists(docId: string): StoreError {
  return new StoreError(StoreErrorCode.AlreadyExists, `The document ${docId} already exists.`, { docId });
}
