// API tokens for scripts: create (the secret is shown once), list, revoke.
import { Elysia } from 'elysia';
import { TokenInput, parseInput } from '../input.ts';
import type { Auth } from '../service.ts';
import { checkOrigin, handleAuthError, requirePrincipal } from './http.ts';

export function tokenRoutes(auth: Auth) {
  return new Elysia()
    .onError(handleAuthError)
    .onBeforeHandle(({ request }) => checkOrigin(auth, request))
    .post('/api/tokens', ({ body, request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      const input = parseInput(TokenInput, body);
      const { token, apiToken } = auth.createToken(principal, input);
      set.status = 201;
      return { token, apiToken };
    })
    .get('/api/tokens', ({ request, set }) => ({ tokens: auth.listTokens(requirePrincipal(auth, request, set, auth.clock())) }))
    .delete('/api/tokens/:id', ({ params, request, set }) => {
      auth.revokeToken(requirePrincipal(auth, request, set, auth.clock()), params.id);
      set.status = 204;
    });
}
