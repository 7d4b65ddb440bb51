// Password hashing with argon2id through Bun.password. Unknown accounts are checked
// against a throwaway hash so a login for a missing email costs as much as a wrong
// password and does not reveal which emails exist.
import type { AuthConfig } from './config.ts';
import { generateSecret } from './tokens.ts';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the same time as a real verification, for accounts that do not exist. */
  verifyNothing(password: string): Promise<void>;
}

export function argon2idHasher(cost: AuthConfig['argon2']): PasswordHasher {
  const options = { algorithm: 'argon2id' as const, memoryCost: cost.memoryCost, timeCost: cost.timeCost };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => Bun.password.hash(password, options),
    async verify(password, hash) {
      try {
        return await Bun.password.verify(password, hash);
      } catch {
        return false; // a corrupt stored hash is a failed login, not a crash
      }
    },
    async verifyNothing(password) {
      dummy ??= Bun.password.hash(generateSecret(), options);
      await Bun.password.verify(password, await dummy);
    },
  };
}
