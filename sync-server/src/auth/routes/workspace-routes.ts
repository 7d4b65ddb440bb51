// Workspace administration: creating a workspace, members (list, change role, remove) and
// invites.
import { Elysia } from 'elysia';
import { AuthError } from '../errors.ts';
import { AcceptInviteInput, InviteInput, RoleInput, WorkspaceInput, parseInput } from '../input.ts';
import type { Auth } from '../service.ts';
import { checkOrigin, clientMeta, handleAuthError, optionalPrincipal, requirePrincipal, setSessionCookie } from './http.ts';

/** Where the app's accept page lives; the token is the last path segment. */
export const INVITE_PATH = '/invite/';

export function workspaceRoutes(auth: Auth) {
  return new Elysia()
    .onError(handleAuthError)
    .onBeforeHandle(({ request }) => checkOrigin(auth, request))
    .post('/api/workspaces', ({ body, request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      const { name } = parseInput(WorkspaceInput, body);
      set.status = 201;
      return { workspace: auth.createWorkspace(principal, { name }) };
    })
    .get('/api/workspaces/:id/members', ({ params, request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      return { members: auth.listMembers(principal, params.id) };
    })
    .patch('/api/workspaces/:id/members/:userId', ({ params, body, request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      const { role } = parseInput(RoleInput, body);
      auth.changeMember(principal, params.id, params.userId, { kind: 'role', role });
      const member = auth.listMembers(principal, params.id).find((m) => m.userId === params.userId);
      if (!member) throw new AuthError('not_found', 'No such member');
      return { member };
    })
    .delete('/api/workspaces/:id/members/:userId', ({ params, request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      auth.changeMember(principal, params.id, params.userId, { kind: 'remove' });
      set.status = 204;
    })
    .post('/api/workspaces/:id/invites', ({ params, body, request, set }) => {
      const principal = requirePrincipal(auth, request, set, auth.clock());
      const input = parseInput(InviteInput, body);
      const { token, invite } = auth.invite(principal, params.id, input);
      const base = auth.config.publicUrl ?? new URL(request.url).origin;
      set.status = 201;
      return { invite, url: new URL(INVITE_PATH + token, base).href, token };
    })
    .get('/api/invites/:token', ({ params }) => auth.previewInvite(params.token))
    .post('/api/invites/:token/accept', async ({ params, body, request, server, set }) => {
      const principal = optionalPrincipal(auth, request, set, auth.clock());
      const signup = principal ? {} : parseInput(AcceptInviteInput, body ?? {});
      const result = await auth.acceptInvite(params.token, principal, signup, clientMeta(auth, request, server));
      if (result.signedIn) {
        setSessionCookie(auth, request, set, result.signedIn.token, result.signedIn.session.expiresAt, auth.clock());
        set.status = 201;
      }
      return { user: result.user, workspace: { ...result.workspace, role: result.role } };
    });
}
