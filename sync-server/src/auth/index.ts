// Relay auth: accounts, sessions, workspaces and members, invites, API tokens, throttling.
//
// Wiring (sync-server/src/app.ts, owned by the integrator):
//   const auth = createAuth({ db, config: { trustProxy, secureCookie, publicUrl, setupToken } });
//   new Elysia().use(authRoutes(auth))...
// `db` is the relay's shared bun:sqlite Database; createAuth creates its tables if missing.
// The socket layer uses auth.authenticate(request), auth.roleFor(principal, workspaceId),
// auth.isLive(principal) and auth.events.on('session.revoked' | 'member.removed' |
// 'member.role_changed' | 'token.revoked', ...).
export { createAuth, type Auth, type AuthOptions, type Principal, type SignedIn } from './service.ts';
export { authRoutes } from './routes/index.ts';
export { INVITE_PATH } from './routes/workspace-routes.ts';
export { authConfig, DEFAULT_AUTH_CONFIG, type AuthConfig, type Clock, type ThrottleConfig } from './config.ts';
export { AuthError, AuthErrorCode, authErrorResponse, type InputIssue } from './errors.ts';
export { createAuthEvents, type AuthEventMap, type AuthEvents, type AuthEventType } from './events.ts';
export { migrateAuth, AUTH_SCHEMA } from './schema.ts';
export { argon2idHasher, type PasswordHasher } from './passwords.ts';
export { API_TOKEN_PREFIX } from './tokens.ts';
export type { Session } from './sessions.ts';
export type { User } from './users.ts';
export type { Workspace, MemberView } from './workspaces.ts';
export type { Invite } from './invites.ts';
export type { ApiToken } from './api-tokens.ts';
