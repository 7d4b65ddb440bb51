// What the auth routes share: turning AuthErrors (and unparsable bodies) into JSON errors,
// who is calling, the client's address, the Secure flag, the session cookie, and refusing
// cross-site state changes.
import type { Server } from 'bun';
import { readCookie, sessionCookie } from '../cookies.ts';
import { AuthError, authErrorResponse } from '../errors.ts';
import type { Auth, Principal } from '../service.ts';
import type { ClientMeta } from '../sessions.ts';

type Headers = Record<string, string | number>;
interface SetLike {
  headers: Headers | Record<string, unknown>;
  status?: number | string;
}

/** onError handler for every auth instance. */
export function handleAuthError({ error, code }: { error: unknown; code: unknown }): Response | undefined {
  if (error instanceof AuthError) return authErrorResponse(error);
  if (code === 'PARSE') return authErrorResponse(new AuthError('bad_request', 'The request body is not valid JSON'));
  return undefined;
}

export function clientMeta(auth: Auth, request: Request, server: Server<unknown> | null): ClientMeta {
  let ip: string | null = null;
  if (auth.config.trustProxy) ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || null;
  ip ??= server?.requestIP(request)?.address ?? null;
  return { ip, userAgent: request.headers.get('user-agent') };
}

export function isSecure(auth: Auth, request: Request): boolean {
  const { secureCookie, trustProxy } = auth.config;
  if (secureCookie !== 'auto') return secureCookie;
  if (trustProxy && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(request.url).protocol === 'https:';
}

export function setHeader(set: SetLike, name: string, value: string): void {
  (set.headers as Record<string, string>)[name] = value;
}

export function setSessionCookie(auth: Auth, request: Request, set: SetLike, token: string, expiresAt: number, now: number): void {
  setHeader(set, 'set-cookie', sessionCookie(auth.config.cookieName, token, expiresAt, now, isSecure(auth, request)));
}

/** The caller, or null. A session renewed by this request gets its cookie re-sent. */
export function optionalPrincipal(auth: Auth, request: Request, set: SetLike, now: number): Principal | null {
  const principal = auth.authenticate(request);
  if (principal?.renewed && principal.expiresAt !== undefined) {
    const token = readCookie(request.headers.get('cookie'), auth.config.cookieName);
    if (token) setSessionCookie(auth, request, set, token, principal.expiresAt, now);
  }
  return principal;
}

export function requirePrincipal(auth: Auth, request: Request, set: SetLike, now: number): Principal {
  const principal = optionalPrincipal(auth, request, set, now);
  if (!principal) throw new AuthError('unauthenticated', 'Log in or send an API token');
  return principal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request whose Origin is another site. SameSite=Lax already keeps
 * the cookie off cross-site POSTs; this also covers sibling subdomains and old browsers.
 */
export function checkOrigin(auth: Auth, request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get('origin');
  if (origin === null) return; // not a browser, or a same-origin request of an old browser
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AuthError('bad_origin', 'Cross-site request refused');
  }
  const allowed = new Set([request.headers.get('host') ?? new URL(request.url).host]);
  if (auth.config.trustProxy) {
    const forwarded = request.headers.get('x-forwarded-host');
    if (forwarded) allowed.add(forwarded.split(',')[0].trim());
  }
  if (auth.config.publicUrl) allowed.add(new URL(auth.config.publicUrl).host);
  if (!allowed.has(host)) throw new AuthError('bad_origin', 'Cross-site request refused');
}
