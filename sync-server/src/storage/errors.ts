// Storage errors as data: a const object of codes plus one error class, so the sync layer can
// map a refused append to a protocol error without parsing messages.
export const StorageErrorCode = {
  /** The bytes are not a Yjs update (v1 encoding) or have trailing garbage. */
  MalformedUpdate: 'malformed_update',
  /** One entry's update is larger than the configured limit. */
  UpdateTooLarge: 'update_too_large',
  /** A field of an entry (workspace id, doc id, user, device, time) is missing or invalid. */
  InvalidEntry: 'invalid_entry',
  /** An argument other than an entry is out of range (a negative limit, keepTail…). */
  InvalidArgument: 'invalid_argument',
  /** The database file is not a Carnet relay database, or is from a newer version. */
  NotCarnetDatabase: 'not_carnet_database',
  /** The storage was closed. */
  Closed: 'closed',
} as const;
export type StorageErrorCode = (typeof StorageErrorCode)[keyof typeof StorageErrorCode];

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    /** For entry errors: the index of the offending entry in the append call. */
    readonly entryIndex?: number,
  ) {
    super(message);
  }
}
