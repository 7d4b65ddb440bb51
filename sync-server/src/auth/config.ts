// Auth settings and their defaults. Everything time-related goes through the injected
// clock, so tests drive expiry, sliding renewal and throttling windows without waiting.
export type Clock = () => number;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface ThrottleConfig {
  /** Failures tolerated per account (email) inside the window before 429. */
  perAccount: number;
  /** Failures tolerated per client address inside the window before 429. */
  perAddress: number;
  windowMs: number;
}

export interface AuthConfig {
  cookieName: string;
  /** Session lifetime; a session used after half of it is renewed for a full one. */
  sessionTtlMs: number;
  /** `auto`: Secure when the request arrived over https (X-Forwarded-Proto if trustProxy). */
  secureCookie: boolean | 'auto';
  /** Trust X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy you run). */
  trustProxy: boolean;
  throttle: ThrottleConfig;
  inviteTtlMs: number;
  /** Base URL used in invite links; defaults to the request's origin. */
  publicUrl?: string;
  /** When set, POST /api/setup must carry it (printed by the relay on first start). */
  setupToken?: string;
  /** argon2id cost; lower it only in tests. */
  argon2: { memoryCost: number; timeCost: number };
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  cookieName: 'carnet_session',
  sessionTtlMs: 30 * DAY,
  secureCookie: 'auto',
  trustProxy: false,
  throttle: { perAccount: 5, perAddress: 20, windowMs: 15 * MINUTE },
  inviteTtlMs: 7 * DAY,
  argon2: { memoryCost: 19_456, timeCost: 2 },
};

export function authConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    ...DEFAULT_AUTH_CONFIG,
    ...overrides,
    throttle: { ...DEFAULT_AUTH_CONFIG.throttle, ...overrides.throttle },
    argon2: { ...DEFAULT_AUTH_CONFIG.argon2, ...overrides.argon2 },
  };
}
