// Sizes shared by the client and the relay, so a client never builds a frame the relay would
// refuse with `too_large`.

/** Largest frame the relay accepts from a client by default (the relay may configure it). */
export const DEFAULT_MAX_FRAME_BYTES = 2 * 1024 * 1024;

/** A client push carries at most this many outbox entries... */
export const MAX_PUSH_ENTRIES = 500;
/** ...and at most this many update bytes (a single larger entry still goes alone). */
export const MAX_PUSH_BYTES = 1024 * 1024;

/** Doc ids (`contacts/<id>`, `workspace`, `users/<id>`) are short; anything longer is garbage. */
export const MAX_DOC_ID_LENGTH = 256;
/** Workspace and device ids. */
export const MAX_ID_LENGTH = 256;
/** Human-readable text in `error` messages. */
export const MAX_ERROR_TEXT_LENGTH = 4096;
