// Auth failures as data: a const object of codes, one error class carrying the HTTP status,
// and the JSON body every route answers with (`{ error: { code, message } }`).
import type { IssueCode } from '@carnet/schema';

export const AuthErrorCode = {
  BadRequest: 'bad_request',
  InvalidInput: 'invalid_input',
  Unauthenticated: 'unauthenticated',
  InvalidCredentials: 'invalid_credentials',
  SessionRequired: 'session_required',
  BadOrigin: 'bad_origin',
  Forbidden: 'forbidden',
  SetupToken: 'invalid_setup_token',
  NotFound: 'not_found',
  SetupDone: 'setup_already_done',
  EmailTaken: 'email_taken',
  AlreadyMember: 'already_member',
  LastOwner: 'last_owner',
  InviteUsed: 'invite_used',
  InviteExpired: 'invite_expired',
  InviteEmailMismatch: 'invite_email_mismatch',
  TooManyAttempts: 'too_many_attempts',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

export interface InputIssue {
  field: string;
  code: IssueCode;
}

const STATUS: Record<AuthErrorCode, number> = {
  bad_request: 400,
  invalid_input: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_required: 403,
  bad_origin: 403,
  forbidden: 403,
  invalid_setup_token: 403,
  not_found: 404,
  setup_already_done: 409,
  email_taken: 409,
  already_member: 409,
  last_owner: 409,
  invite_used: 410,
  invite_expired: 410,
  invite_email_mismatch: 403,
  too_many_attempts: 429,
};

export class AuthError extends Error {
  override name = 'AuthError';
  readonly status: number;
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly extra: { issues?: InputIssue[]; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** The HTTP response for an AuthError: JSON body, status, and Retry-After when throttled. */
export function authErrorResponse(error: AuthError): Response {
  const body: { code: AuthErrorCode; message: string; issues?: InputIssue[] } = { code: error.code, message: error.message };
  if (error.extra.issues) body.issues = error.extra.issues;
  const headers: Record<string, string> = {};
  if (error.extra.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(error.extra.retryAfterMs / 1000)));
  return Response.json({ error: body }, { status: error.status, headers });
}
