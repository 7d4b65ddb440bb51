// Login throttling: after too many failures inside a sliding window, per account and per
// client address, further attempts get 429 with Retry-After until the oldest counted failure
// leaves the window. Checked before the password is verified, so a throttled guess is never
// tested.
import type { AuthDeps } from './context.ts';
import { AuthError } from './errors.ts';

export type ThrottleScope = 'account' | 'address';

/** Pure: ms until another attempt is allowed, or null when it is allowed now. */
export function retryAfterMs(failureTimes: readonly number[], now: number, limit: number, windowMs: number): number | null {
  const recent = failureTimes.filter((t) => t > now - windowMs).sort((a, b) => a - b);
  if (recent.length < limit) return null;
  return recent[recent.length - limit] + windowMs - now;
}

export interface LoginAttempt {
  /** The attempt succeeded: forget it, and forgive the account's earlier failures. */
  succeeded(): void;
}

export function loginThrottle({ db, clock, config }: AuthDeps) {
  const { perAccount, perAddress, windowMs } = config.throttle;
  const recent = db.query<{ at: number }, [ThrottleScope, string, number]>(
    'SELECT at FROM login_attempts WHERE scope = ? AND key = ? AND at > ? ORDER BY at',
  );
  const insert = db.query<{ id: number }, [ThrottleScope, string, number]>('INSERT INTO login_attempts (scope, key, at) VALUES (?, ?, ?) RETURNING id');
  const prune = db.query('DELETE FROM login_attempts WHERE at <= ?');
  const forget = db.query('DELETE FROM login_attempts WHERE id = ?');
  const clear = db.query("DELETE FROM login_attempts WHERE scope = 'account' AND key = ?");

  function wait(scope: ThrottleScope, key: string, limit: number, now: number): number | null {
    return retryAfterMs(recent.all(scope, key, now - windowMs).map((r) => r.at), now, limit, windowMs);
  }

  return {
    /**
     * Throws 429 when the account or the address has failed too often lately; otherwise
     * records this attempt as a failure up front (so parallel guesses are counted while the
     * password is being hashed) until `succeeded()` says otherwise.
     */
    attempt(account: string, address: string): LoginAttempt {
      const now = clock();
      const addressRowId = db.transaction(() => {
        const ms = Math.max(wait('account', account, perAccount, now) ?? 0, wait('address', address, perAddress, now) ?? 0);
        if (ms > 0) throw new AuthError('too_many_attempts', 'Too many failed attempts; try again later', { retryAfterMs: ms });
        prune.run(now - windowMs);
        insert.get('account', account, now);
        return insert.get('address', address, now)!.id;
      }).immediate();
      return {
        succeeded() {
          forget.run(addressRowId);
          clear.run(account);
        },
      };
    },
  };
}
export type LoginThrottle = ReturnType<typeof loginThrottle>;
