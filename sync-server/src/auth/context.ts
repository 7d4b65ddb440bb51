// What every auth module is handed: the database, the clock, the settings, the event
// emitter and the password hasher. No module keeps state of its own.
import type { Database } from 'bun:sqlite';
import type { AuthConfig, Clock } from './config.ts';
import type { AuthEvents } from './events.ts';
import type { PasswordHasher } from './passwords.ts';

export interface AuthDeps {
  db: Database;
  clock: Clock;
  config: AuthConfig;
  events: AuthEvents;
  passwords: PasswordHasher;
}
