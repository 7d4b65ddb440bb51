// Request bodies, validated with valibot. Problems come back field by field as a 422, using
// the schema's issue codes plus the two that only passwords need.
import { ROLES, type IssueCode } from '@carnet/schema';
import * as v from 'valibot';
import { AuthError } from './errors.ts';

export type AuthIssueCode = IssueCode | 'too_short' | 'wrong_password';

export const PASSWORD_MIN = 8;
/** argon2 hashes any length, but megabyte passwords are a cheap way to burn CPU. */
export const PASSWORD_MAX = 256;

const email = v.pipe(v.string('type'), v.trim(), v.toLowerCase(), v.nonEmpty('required'), v.maxLength(254, 'too_long'), v.email('invalid_email'));
const password = v.pipe(v.string('type'), v.minLength(PASSWORD_MIN, 'too_short'), v.maxLength(PASSWORD_MAX, 'too_long'));
const name = v.pipe(v.string('type'), v.trim(), v.nonEmpty('required'), v.maxLength(120, 'too_long'));
const role = v.picklist(ROLES, 'unknown_option');

export const SetupInput = v.object({
  email,
  name,
  password,
  workspaceName: name,
  setupToken: v.optional(v.string('type')),
});
export const LoginInput = v.object({
  email: v.pipe(v.string('type'), v.trim(), v.toLowerCase(), v.nonEmpty('required'), v.maxLength(254, 'too_long')),
  password: v.pipe(v.string('type'), v.nonEmpty('required'), v.maxLength(PASSWORD_MAX, 'too_long')),
});
export const PasswordChangeInput = v.object({
  currentPassword: v.pipe(v.string('type'), v.nonEmpty('required'), v.maxLength(PASSWORD_MAX, 'too_long')),
  newPassword: password,
});
export const RoleInput = v.object({ role });
export const WorkspaceInput = v.object({ name });
export const InviteInput = v.object({ role, email: v.optional(v.nullable(email)) });
export const AcceptInviteInput = v.object({
  email: v.optional(email),
  name: v.optional(name),
  password: v.optional(password),
});
export const TokenInput = v.object({
  name,
  workspaceId: v.pipe(v.string('type'), v.nonEmpty('required')),
  role: v.optional(role),
});

export function invalidInput(issues: { field: string; code: AuthIssueCode }[], message = 'Some fields are invalid'): AuthError {
  return new AuthError('invalid_input', message, { issues: issues as { field: string; code: IssueCode }[] });
}

/** Validates a JSON body: 400 when it is not an object, 422 with every field's first issue. */
export function parseInput<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AuthError('bad_request', 'Expected a JSON object body');
  }
  const result = v.safeParse(schema, body);
  if (result.success) return result.output;
  const seen = new Set<string>();
  const issues: { field: string; code: AuthIssueCode }[] = [];
  for (const issue of result.issues) {
    const field = v.getDotPath(issue) ?? '';
    if (seen.has(field)) continue;
    seen.add(field);
    // A missing key is reported by valibot as a type issue; call it what it is.
    const code = issue.input === undefined ? 'required' : ((issue.message as AuthIssueCode) ?? 'type');
    issues.push({ field, code });
  }
  throw invalidInput(issues);
}
