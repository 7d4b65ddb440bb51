// The relay's sync limits, with defaults an agency can leave alone. Every one is
// configurable through syncRoutes({ limits }).
import { DEFAULT_MAX_FRAME_BYTES } from '@carnet/sync';

export interface SyncLimits {
  /** Largest frame accepted from a client; larger ones close the socket with 4413. */
  maxFrameBytes: number;
  /** Frames per second per socket (token bucket refill)... */
  messagesPerSecond: number;
  /** ...and the burst allowed after a quiet spell; beyond it the socket closes with 4429. */
  messageBurst: number;
  /** Bytes per second per socket, and their burst (same bucket logic). */
  bytesPerSecond: number;
  byteBurst: number;
  /** Log entries and update bytes per catch-up batch. */
  catchupBatchEntries: number;
  catchupBatchBytes: number;
  /** A socket that has not said `hello` after this long is closed (4400). */
  helloTimeoutMs: number;
  /** How often every live socket's session or token is checked again (expiry, missed events). */
  liveCheckIntervalMs: number;
  /** A socket with more than this many bytes waiting to be sent pauses its catch-up. */
  highWaterBytes: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  messagesPerSecond: 200,
  messageBurst: 400,
  bytesPerSecond: 16 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
  catchupBatchEntries: 500,
  catchupBatchBytes: 1024 * 1024,
  helloTimeoutMs: 10_000,
  liveCheckIntervalMs: 30_000,
  highWaterBytes: 4 * 1024 * 1024,
};

export function syncLimits(overrides: Partial<SyncLimits> = {}): SyncLimits {
  const limits = { ...DEFAULT_SYNC_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`sync limit ${key} must be a positive number, got ${value}`);
  }
  return limits;
}
