// Typed transfer errors: a const object of codes plus one error class. Problems with single rows
// are not errors (they are reported as RowIssues and the import goes on); these are the
// failures that stop a whole read, import or export.
export const TransferErrorCode = {
  /** The bytes are not a CSV, XLSX or vCard file we can read. */
  UnsupportedFormat: 'unsupported_format',
  /** The file is of a known format but damaged (bad zip, no sheet data, …). */
  UnreadableFile: 'unreadable_file',
  /** The file holds no header row (nothing but empty lines). */
  NoHeader: 'no_header',
  /** The XLSX sheet asked for does not exist. */
  SheetNotFound: 'sheet_not_found',
  /** A column mapping names a field the record type does not have, or one field twice. */
  BadMapping: 'bad_mapping',
  /** A JSON archive of another format or a newer version. */
  BadArchive: 'bad_archive',
  /** The record asked for (a contact for a GDPR export) does not exist. */
  NotFound: 'not_found',
  /** The import was already undone. */
  AlreadyUndone: 'already_undone',
  /** The host cancelled the operation (AbortSignal). */
  Cancelled: 'cancelled',
} as const;
export type TransferErrorCode = (typeof TransferErrorCode)[keyof typeof TransferErrorCode];

export class TransferError extends Error {
  readonly code: TransferErrorCode;
  constructor(code: TransferErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'TransferError';
    this.code = code;
  }
}

export function isTransferError(error: unknown, code?: TransferErrorCode): error is TransferError {
  return error instanceof TransferError && (code === undefined || error.code === code);
}
