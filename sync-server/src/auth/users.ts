// Accounts: email (unique regardless of case), display name and argon2id password hash.
import { newId } from '@carnet/schema';
import type { Database } from 'bun:sqlite';

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
}
interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
}

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, createdAt: r.created_at });

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function countUsers(db: Database): number {
  return db.query<{ n: number }, []>('SELECT COUNT(*) AS n FROM users').get()?.n ?? 0;
}

/** Inserts an account; the caller has checked the email is free (inside its transaction). */
export function insertUser(db: Database, input: { email: string; name: string; passwordHash: string }, now: number): User {
  const row: UserRow = { id: newId(), email: normalizeEmail(input.email), name: input.name, password_hash: input.passwordHash, created_at: now };
  db.query('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
    row.id, row.email, row.name, row.password_hash, row.created_at,
  );
  return toUser(row);
}

export function findUserByEmail(db: Database, email: string): (User & { passwordHash: string }) | null {
  const row = db.query<UserRow, [string]>('SELECT * FROM users WHERE email = ?').get(normalizeEmail(email));
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function getUser(db: Database, id: string): (User & { passwordHash: string }) | null {
  const row = db.query<UserRow, [string]>('SELECT * FROM users WHERE id = ?').get(id);
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export function setPasswordHash(db: Database, userId: string, passwordHash: string): void {
  db.query('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
}

export function publicUser(user: User): User {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}
