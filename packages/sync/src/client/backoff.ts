// Reconnect delays: exponential backoff with full jitter (a uniformly random delay between 0
// and min(cap, base · 2^attempt)), so a relay restart is not met by every client at once.
// Pure: the random source is passed in.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /**
   * A connection must stay open this long before the backoff starts over; one that dies
   * sooner counts as a failed attempt, so a crash-looping relay is not hammered.
   */
  stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000, stableAfterMs: 5_000 };

/** The delay before reconnect attempt number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 52));
  const roll = Math.min(Math.max(random(), 0), 1);
  return Math.floor(roll * ceiling);
}
