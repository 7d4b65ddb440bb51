// Errors shared by the client and the relay: one const object of codes, one error class, and
// the WebSocket close codes each code closes a socket with (hocuspocus style: 4000 + the HTTP
// status that means the same thing). Decoders only ever throw SyncError.

export const SyncErrorCode = {
  /** A frame that is not a well-formed message of this protocol (garbage, truncated, text). */
  BadMessage: 'bad_message',
  /** `hello` with a protocol version this end does not speak. */
  UnsupportedVersion: 'unsupported_version',
  /** A frame or push over the size limit. */
  TooLarge: 'too_large',
  /** No valid session or token. */
  Unauthorized: 'unauthorized',
  /** Authenticated but not allowed: not a member, or a viewer pushing an edit. */
  Forbidden: 'forbidden',
  /** The workspace in `hello` does not exist on this relay. */
  UnknownWorkspace: 'unknown_workspace',
  /** Too many frames or bytes per second on this socket. */
  RateLimited: 'rate_limited',
  /** The session was revoked, the member removed or the role changed while connected. */
  SessionRevoked: 'session_revoked',
  /** A Yjs update that does not decode; refused before it reaches the log. */
  BadUpdate: 'bad_update',
  /** The relay is shutting down or restarting; reconnect later. */
  GoingAway: 'going_away',
  /** The relay failed (storage down, bug); reconnect later. */
  Internal: 'internal',
  /** Client side: the relay asked for a snapshot bootstrap and no bootstrap hook is set. */
  BootstrapRequired: 'bootstrap_required',
} as const;
export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode];

const ERROR_CODES = new Set<string>(Object.values(SyncErrorCode));

export function isSyncErrorCode(value: unknown): value is SyncErrorCode {
  return typeof value === 'string' && ERROR_CODES.has(value);
}

/** WebSocket close codes. 1xxx are the standard ones; 4xxx are Carnet's (4000 + HTTP status). */
export const CloseCode = {
  /** Normal closure (a client leaving, a bootstrap hand-off). */
  Normal: 1000,
  /** The relay is shutting down (SIGTERM); clients reconnect with backoff. */
  GoingAway: 1001,
  /** The relay hit an unexpected failure; clients reconnect with backoff. */
  InternalError: 1011,
  /** A malformed frame; the sender reconnects with backoff (it is likely a bug, not an attack). */
  BadMessage: 4400,
  /** No valid session: fatal, the user must sign in again. */
  Unauthorized: 4401,
  /** No access to this workspace (or no longer): fatal. */
  Forbidden: 4403,
  /** The workspace does not exist: fatal. */
  UnknownWorkspace: 4404,
  /** Protocol version mismatch: fatal, the app must be updated (or the relay). */
  UnsupportedVersion: 4409,
  /** A frame over the relay's size limit; reconnect with backoff. */
  TooLarge: 4413,
  /** Rate limit exceeded; reconnect with backoff. */
  RateLimited: 4429,
  /** The session was revoked or the member removed while connected: fatal. */
  SessionRevoked: 4499,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const CLOSE_FOR_ERROR: Record<SyncErrorCode, CloseCode> = {
  bad_message: CloseCode.BadMessage,
  unsupported_version: CloseCode.UnsupportedVersion,
  too_large: CloseCode.TooLarge,
  unauthorized: CloseCode.Unauthorized,
  forbidden: CloseCode.Forbidden,
  unknown_workspace: CloseCode.UnknownWorkspace,
  rate_limited: CloseCode.RateLimited,
  session_revoked: CloseCode.SessionRevoked,
  bad_update: CloseCode.BadMessage,
  going_away: CloseCode.GoingAway,
  internal: CloseCode.InternalError,
  bootstrap_required: CloseCode.Normal,
};

/** The close code a socket is closed with when it must be closed for `code`. */
export function closeCodeFor(code: SyncErrorCode): CloseCode {
  return CLOSE_FOR_ERROR[code];
}

const ERROR_FOR_CLOSE = new Map<number, SyncErrorCode>([
  [CloseCode.GoingAway, SyncErrorCode.GoingAway],
  [CloseCode.InternalError, SyncErrorCode.Internal],
  [CloseCode.BadMessage, SyncErrorCode.BadMessage],
  [CloseCode.Unauthorized, SyncErrorCode.Unauthorized],
  [CloseCode.Forbidden, SyncErrorCode.Forbidden],
  [CloseCode.UnknownWorkspace, SyncErrorCode.UnknownWorkspace],
  [CloseCode.UnsupportedVersion, SyncErrorCode.UnsupportedVersion],
  [CloseCode.TooLarge, SyncErrorCode.TooLarge],
  [CloseCode.RateLimited, SyncErrorCode.RateLimited],
  [CloseCode.SessionRevoked, SyncErrorCode.SessionRevoked],
]);

/** The error code a close code stands for (undefined for 1000, 1006 and unknown codes). */
export function errorCodeForClose(closeCode: number): SyncErrorCode | undefined {
  return ERROR_FOR_CLOSE.get(closeCode);
}

/**
 * Close codes after which reconnecting cannot help: the user must sign in again, be given
 * access, or update the app. A client stops and reports instead of retrying.
 */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.UnknownWorkspace,
  CloseCode.UnsupportedVersion,
  CloseCode.SessionRevoked,
]);

export function isFatalCloseCode(closeCode: number): boolean {
  return FATAL_CLOSE_CODES.has(closeCode);
}

/**
 * Whether an `error` message with this code ends the connection for good. `forbidden` is
 * not: a refused push (a viewer's edit) leaves the connection open; a relay that revokes
 * access closes the socket with 4403, which is fatal.
 */
export function isFatalErrorCode(code: SyncErrorCode): boolean {
  return code === SyncErrorCode.Unauthorized || code === SyncErrorCode.UnknownWorkspace
    || code === SyncErrorCode.UnsupportedVersion || code === SyncErrorCode.SessionRevoked;
}

export class SyncError extends Error {
  readonly code: SyncErrorCode;
  readonly docId: string | undefined;
  readonly batchId: number | undefined;
  /** The close code the connection ended with, when the error came from a close. */
  readonly closeCode: number | undefined;
  constructor(
    code: SyncErrorCode,
    message: string,
    options: { cause?: unknown; docId?: string; batchId?: number; closeCode?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SyncError';
    this.code = code;
    this.docId = options.docId;
    this.batchId = options.batchId;
    this.closeCode = options.closeCode;
  }
}

export function isSyncError(error: unknown, code?: SyncErrorCode): error is SyncError {
  return error instanceof SyncError && (code === undefined || error.code === code);
}
