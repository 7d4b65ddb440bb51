// First start (setup) and sessions: login, logout, logout everywhere, password change, me.
import { Elysia } from 'elysia';
import { clearedSessionCookie } from '../cookies.ts';
import { LoginInput, PasswordChangeInput, SetupInput, parseInput } from '../input.ts';
import type { Auth } from '../service.ts';
import { checkOrigin, clientMeta, handleAuthError, isSecure, requirePrincipal, setHeader, setSessionCookie } from './http.ts';

export function sessionRoutes(auth: Auth) {
  return new Elysia()
    .onError(handleAuthError)
    .onBeforeHandle(({ request }) => checkOrigin(auth, request))
    .get('/api/setup', () => ({ needsSetup: auth.needsSetup() }))
    .post('/api/setup', async ({ body, request, server, set }) => {
      const input = parseInput(SetupInput, body);
      const { user, workspace, token, session } = await auth.setup(input, clientMeta(auth, request, server));
      setSessionCookie(auth, request, set, token, session.expiresAt, auth.clock());
      set.status = 201;
      return { user, workspace: { ...workspace, role: 'owner' as const } };
    })
    .post('/api/auth/login', async ({ body, request, server, set }) => {
      const input = parseInput(LoginInput, body);
      const { user, token, session } = await auth.login(input, clientMeta(auth, request, server));
      setSessionCookie(auth, request, set, token, session.expiresAt, auth.clock());
      const { workspaces } = auth.me({ userId: user.id, sessionId: session.id, expiresAt: session.expiresAt });
      return { user, workspaces, session: { expiresAt: session.expiresAt } };
    })
    .post('/api/auth/logout', ({ request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      auth.logout(principal);
      setHeader(set, 'set-cookie', clearedSessionCookie(auth.config.cookieName, isSecure(auth, request)));
      set.status = 204;
    })
    .post('/api/auth/logout-all', ({ request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      const revoked = auth.logoutEverywhere(principal);
      setHeader(set, 'set-cookie', clearedSessionCookie(auth.config.cookieName, isSecure(auth, request)));
      return { revokedSessions: revoked };
    })
    .post('/api/auth/password', async ({ body, request, server, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      const input = parseInput(PasswordChangeInput, body);
      const revoked = await auth.changePassword(principal, input, clientMeta(auth, request, server));
      return { revokedSessions: revoked };
    })
    .get('/api/auth/me', ({ request, set }) => auth.me(requirePrincipal(auth, request, set, auth.clock())));
}
