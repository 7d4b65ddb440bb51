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
  constructor(code: StoreErrorCode, message: string, options: { issues?: FieldIssue[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return error instanceof StoreError && (code === undefined || error.code === code);
}
