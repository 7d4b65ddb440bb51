// Typed search errors: a const object of codes plus one error class. A snapshot that cannot be
// loaded is not a crash: the caller switches on `code` and rebuilds the index from rows.

export const SearchErrorCode = {
  /** The snapshot is not valid JSON or not shaped like a search snapshot. */
  CorruptSnapshot: 'corrupt_snapshot',
  /** The snapshot was written by another format version or with other index options. */
  IncompatibleSnapshot: 'incompatible_snapshot',
} as const;
export type SearchErrorCode = (typeof SearchErrorCode)[keyof typeof SearchErrorCode];

export class SearchError extends Error {
  readonly code: SearchErrorCode;
  constructor(code: SearchErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SearchError';
    this.code = code;
  }
}

export function isSearchError(error: unknown, code?: SearchErrorCode): error is SearchError {
  return error instanceof SearchError && (code === undefined || error.code === code);
}
