// Who may read a workspace over HTTP (bundle, history): any member, through a session cookie
// or an API token, and a user's private doc only by that user. Built on the auth module.
import type { Auth } from '../auth/index.ts';
import type { AccessDecision } from '../snapshots/index.ts';
import { canReadDoc } from '../sync/index.ts';

export function workspaceReadAccess(auth: Auth) {
  return (request: Request, workspaceId: string): AccessDecision => {
    const principal = auth.authenticate(request);
    if (!principal) return { allowed: false, status: 401, code: 'unauthorized', message: 'Sign in first.' };
    const role = auth.roleFor(principal, workspaceId);
    if (!role) return { allowed: false, status: 404, code: 'not_found', message: 'No such workspace, or you are not a member of it.' };
    return { allowed: true, canRead: (docId) => canReadDoc(principal.userId, docId) };
  };
}
