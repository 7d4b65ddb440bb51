// The auth facade: one object, built once per relay on the shared SQLite handle, used by the
// HTTP routes and the socket layer alike. Every operation here is plain data in, data out
// (or a typed AuthError); requests and cookies stay in routes/.
import type { Role } from '@carnet/schema';
import type { Database } from 'bun:sqlite';
import {
  createApiToken, isApiTokenLive, listApiTokens, revokeApiToken, validateApiToken, type ApiToken,
} from './api-tokens.ts';
import { authConfig, type AuthConfig, type Clock } from './config.ts';
import type { AuthDeps } from './context.ts';
import { AuthError } from './errors.ts';
import { createAuthEvents, type AuthEvents } from './events.ts';
import { invalidInput } from './input.ts';
import { consumeInvite, createInvite, usableInvite } from './invites.ts';
import { argon2idHasher, type PasswordHasher } from './passwords.ts';
import { weakerRole, type MemberChange } from './roles.ts';
import { migrateAuth } from './schema.ts';
import {
  createSession, deleteExpiredSessions, getSession, revokeSession, revokeUserSessions, validateSessionToken,
  type ClientMeta, type Session,
} from './sessions.ts';
import { loginThrottle } from './throttle.ts';
import { constantTimeEqual } from './tokens.ts';
import { readCookie } from './cookies.ts';
import { countUsers, findUserByEmail, getUser, insertUser, normalizeEmail, publicUser, setPasswordHash, type User } from './users.ts';
import {
  changeMembership, getWorkspace, insertMember, insertWorkspace, listMembers, listUserWorkspaces, listWorkspaces, roleOf,
  type Workspace,
} from './workspaces.ts';

/** Who is making a request: a browser session or an API token, always on behalf of a user. */
export interface Principal {
  userId: string;
  sessionId?: string;
  tokenId?: string;
  /** API tokens only: the one workspace they reach and the most they may do there. */
  scope?: { workspaceId: string; roleCap: Role };
  /** Sessions only: when the session now expires, and whether this check renewed it. */
  expiresAt?: number;
  renewed?: boolean;
}

export interface AuthOptions {
  db: Database;
  clock?: Clock;
  config?: Partial<AuthConfig>;
  events?: AuthEvents;
  passwords?: PasswordHasher;
}

export interface SignedIn {
  user: User;
  token: string;
  session: Session;
}

export function createAuth(options: AuthOptions) {
  const config = authConfig(options.config);
  const deps: AuthDeps = {
    db: options.db,
    clock: options.clock ?? Date.now,
    config,
    events: options.events ?? createAuthEvents(),
    passwords: options.passwords ?? argon2idHasher(config.argon2),
  };
  const { db, clock, passwords } = deps;
  migrateAuth(db);
  const throttle = loginThrottle(deps);

  function requireSession(principal: Principal): string {
    if (!principal.sessionId) throw new AuthError('session_required', 'This action needs a logged-in session, not an API token');
    return principal.sessionId;
  }

  /** The principal's role in a workspace, capped by its token; null when it has no access. */
  function roleFor(principal: Principal, workspaceId: string): Role | null {
    if (principal.scope && principal.scope.workspaceId !== workspaceId) return null;
    const role = roleOf(db, workspaceId, principal.userId);
    if (!role) return null;
    return principal.scope ? weakerRole(role, principal.scope.roleCap) : role;
  }

  /** The principal's role, or 404 when the workspace is unknown or invisible to it. */
  function requireMember(principal: Principal, workspaceId: string): Role {
    const role = getWorkspace(db, workspaceId) ? roleFor(principal, workspaceId) : null;
    if (!role) throw new AuthError('not_found', 'No such workspace');
    return role;
  }

  return {
    events: deps.events,
    config,
    clock,

    // ----- first start -----
    needsSetup(): boolean {
      return countUsers(db) === 0;
    },

    /** Creates the owner account and the first workspace; 409 once any account exists. */
    async setup(
      input: { email: string; name: string; password: string; workspaceName: string; setupToken?: string },
      meta: ClientMeta = {},
    ): Promise<SignedIn & { workspace: Workspace }> {
      if (countUsers(db) > 0) throw new AuthError('setup_already_done', 'Setup is already done; log in instead');
      if (config.setupToken !== undefined && !constantTimeEqual(input.setupToken ?? '', config.setupToken)) {
        throw new AuthError('invalid_setup_token', 'The setup token is missing or wrong');
      }
      const passwordHash = await passwords.hash(input.password);
      const { user, workspace } = db.transaction(() => {
        // Checked again inside the transaction: two setups racing through the hash above.
        if (countUsers(db) > 0) throw new AuthError('setup_already_done', 'Setup is already done; log in instead');
        const now = clock();
        const user = insertUser(db, { email: input.email, name: input.name, passwordHash }, now);
        const workspace = insertWorkspace(db, input.workspaceName, now);
        insertMember(db, workspace.id, user.id, 'owner', now);
        return { user, workspace };
      }).immediate();
      deps.events.emit('workspace.created', { workspaceId: workspace.id, userId: user.id });
      const { token, session } = createSession(deps, user.id, meta);
      return { user, workspace, token, session };
    },

    /**
     * A signed-in person who owns a workspace creates another one (an agency's next client)
     * and becomes its owner. API tokens cannot: they reach one workspace only.
     */
    createWorkspace(principal: Principal, input: { name: string }): Workspace & { role: 'owner' } {
      requireSession(principal);
      const workspace = db.transaction(() => {
        const ownsOne = listUserWorkspaces(db, principal.userId).some((ws) => roleOf(db, ws.id, principal.userId) === 'owner');
        if (!ownsOne) throw new AuthError('forbidden', 'Only the owner of a workspace can create another one');
        const now = clock();
        const created = insertWorkspace(db, input.name, now);
        insertMember(db, created.id, principal.userId, 'owner', now);
        return created;
      }).immediate();
      deps.events.emit('workspace.created', { workspaceId: workspace.id, userId: principal.userId });
      return { ...workspace, role: 'owner' };
    },

    // ----- sessions -----
    async login(input: { email: string; password: string }, meta: ClientMeta = {}): Promise<SignedIn> {
      const account = normalizeEmail(input.email);
      const attempt = throttle.attempt(account, meta.ip ?? 'unknown');
      const found = findUserByEmail(db, account);
      let ok = false;
      if (found) ok = await passwords.verify(input.password, found.passwordHash);
      else await passwords.verifyNothing(input.password);
      if (!found || !ok) throw new AuthError('invalid_credentials', 'Wrong email or password');
      attempt.succeeded();
      const { token, session } = createSession(deps, found.id, meta);
      return { user: publicUser(found), token, session };
    },

    logout(principal: Principal): void {
      revokeSession(deps, requireSession(principal));
    },

    /** Ends every session of the user, this one included. Returns how many ended. */
    logoutEverywhere(principal: Principal): number {
      requireSession(principal);
      return revokeUserSessions(deps, principal.userId);
    },

    /** Changes the password and ends every other session. Returns how many ended. */
    async changePassword(principal: Principal, input: { currentPassword: string; newPassword: string }, meta: ClientMeta = {}): Promise<number> {
      const sessionId = requireSession(principal);
      const user = getUser(db, principal.userId);
      if (!user) throw new AuthError('unauthenticated', 'No such user');
      // Throttled like logins: a stolen session must not become a password oracle.
      const attempt = throttle.attempt(user.email, meta.ip ?? 'unknown');
      if (!(await passwords.verify(input.currentPassword, user.passwordHash))) {
        throw invalidInput([{ field: 'currentPassword', code: 'wrong_password' }], 'The current password is wrong');
      }
      attempt.succeeded();
      setPasswordHash(db, user.id, await passwords.hash(input.newPassword));
      return revokeUserSessions(deps, user.id, sessionId);
    },

    /**
     * Who sent a request: an API token (`Authorization: Bearer carnet_...`) or the session
     * cookie. For the HTTP routes and the socket upgrade alike; null when neither is valid.
     * A request carrying an Authorization header is judged by it alone.
     */
    authenticate(request: Request): Principal | null {
      const authorization = request.headers.get('authorization');
      if (authorization !== null) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
        return match ? this.tokenPrincipal(match[1]) : null;
      }
      const token = readCookie(request.headers.get('cookie'), config.cookieName);
      return token ? this.sessionPrincipal(token) : null;
    },

    /** Resolves a session token (the cookie value), renewing it past half-life. */
    sessionPrincipal(token: string): Principal | null {
      const result = validateSessionToken(deps, token);
      if (!result) return null;
      const { session, renewed } = result;
      return { userId: session.userId, sessionId: session.id, expiresAt: session.expiresAt, renewed };
    },

    /** Resolves a bearer value (`carnet_...`) to an API-token principal. */
    tokenPrincipal(bearer: string): Principal | null {
      const token = validateApiToken(deps, bearer);
      if (!token) return null;
      return { userId: token.userId, tokenId: token.id, scope: { workspaceId: token.workspaceId, roleCap: token.roleCap } };
    },

    /** For live sockets: whether the session or token behind a principal still stands. */
    isLive(principal: Principal): boolean {
      if (principal.tokenId) return isApiTokenLive(deps, principal.tokenId);
      if (!principal.sessionId) return false;
      const session = getSession(db, principal.sessionId);
      return session !== null && clock() < session.expiresAt;
    },

    deleteExpiredSessions: () => deleteExpiredSessions(deps),

    me(principal: Principal): { user: User; workspaces: (Workspace & { role: Role })[]; session: { expiresAt: number } | null } {
      const user = getUser(db, principal.userId);
      if (!user) throw new AuthError('unauthenticated', 'No such user');
      const workspaces = listUserWorkspaces(db, user.id).flatMap((ws) => {
        const role = roleFor(principal, ws.id);
        return role ? [{ ...ws, role }] : [];
      });
      return { user: publicUser(user), workspaces, session: principal.expiresAt ? { expiresAt: principal.expiresAt } : null };
    },

    // ----- workspaces -----
    roleOf: (workspaceId: string, userId: string): Role | null => roleOf(db, workspaceId, userId),

    /** Every workspace, for relay-side work (the workspace doc); no access check. */
    allWorkspaces: (): Workspace[] => listWorkspaces(db),
    /** A workspace by id, for relay-side work; no access check. */
    workspaceById: (workspaceId: string): Workspace | null => getWorkspace(db, workspaceId),
    /** A workspace's members, for relay-side work; no access check (use listMembers for requests). */
    membersOf: (workspaceId: string) => listMembers(db, workspaceId),
    roleFor,

    listMembers(principal: Principal, workspaceId: string) {
      requireMember(principal, workspaceId);
      return listMembers(db, workspaceId);
    },

    changeMember(principal: Principal, workspaceId: string, userId: string, change: MemberChange): void {
      const role = requireMember(principal, workspaceId);
      changeMembership(deps, { userId: principal.userId, role }, workspaceId, userId, change);
    },

    // ----- invites -----
    invite(principal: Principal, workspaceId: string, input: { role: Role; email?: string | null }) {
      const role = requireMember(principal, workspaceId);
      return createInvite(deps, { userId: principal.userId, role }, workspaceId, input);
    },

    /** What an invite link offers, for the accept page. */
    previewInvite(token: string) {
      const invite = usableInvite(db, token, clock());
      const workspace = getWorkspace(db, invite.workspaceId);
      if (!workspace) throw new AuthError('not_found', 'No such invite');
      return { workspace: { id: workspace.id, name: workspace.name }, role: invite.role, email: invite.email, expiresAt: invite.expiresAt };
    },

    /**
     * Accepts an invite: a logged-in user joins as is; anyone else creates an account with
     * it (email, name, password) and gets a session. The invite is spent either way.
     */
    async acceptInvite(
      token: string,
      principal: Principal | null,
      signup: { email?: string; name?: string; password?: string },
      meta: ClientMeta = {},
    ): Promise<{ user: User; workspace: Workspace; role: Role; signedIn?: { token: string; session: Session } }> {
      const invite = usableInvite(db, token, clock());
      const workspace = getWorkspace(db, invite.workspaceId);
      if (!workspace) throw new AuthError('not_found', 'No such invite');

      if (principal) {
        requireSession(principal);
        const user = getUser(db, principal.userId);
        if (!user) throw new AuthError('unauthenticated', 'No such user');
        if (invite.email && invite.email !== user.email) throw new AuthError('invite_email_mismatch', 'This invite is for another email address');
        db.transaction(() => {
          const now = clock();
          usableInvite(db, token, now);
          if (roleOf(db, workspace.id, user.id)) throw new AuthError('already_member', 'You are already a member of this workspace');
          consumeInvite(db, invite.id, user.id, now);
          insertMember(db, workspace.id, user.id, invite.role, now);
        }).immediate();
        deps.events.emit('member.added', { workspaceId: workspace.id, userId: user.id, role: invite.role });
        return { user: publicUser(user), workspace, role: invite.role };
      }

      const email = signup.email ?? invite.email ?? undefined;
      const missing = (
        [['email', email], ['name', signup.name], ['password', signup.password]] as const
      ).filter(([, value]) => value === undefined);
      if (missing.length) throw invalidInput(missing.map(([field]) => ({ field, code: 'required' as const })));
      if (invite.email && normalizeEmail(email!) !== invite.email) {
        throw new AuthError('invite_email_mismatch', 'This invite is for another email address');
      }
      if (findUserByEmail(db, email!)) throw new AuthError('email_taken', 'An account with this email exists; log in, then accept the invite');
      const passwordHash = await passwords.hash(signup.password!);
      const user = db.transaction(() => {
        const now = clock();
        usableInvite(db, token, now);
        if (findUserByEmail(db, email!)) throw new AuthError('email_taken', 'An account with this email exists; log in, then accept the invite');
        const user = insertUser(db, { email: email!, name: signup.name!, passwordHash }, now);
        consumeInvite(db, invite.id, user.id, now);
        insertMember(db, workspace.id, user.id, invite.role, now);
        return user;
      }).immediate();
      deps.events.emit('member.added', { workspaceId: workspace.id, userId: user.id, role: invite.role });
      return { user, workspace, role: invite.role, signedIn: createSession(deps, user.id, meta) };
    },

    // ----- API tokens -----
    createToken(principal: Principal, input: { workspaceId: string; name: string; role?: Role }) {
      requireSession(principal);
      requireMember(principal, input.workspaceId);
      return createApiToken(deps, principal.userId, input);
    },
    listTokens(principal: Principal): ApiToken[] {
      requireSession(principal);
      return listApiTokens(deps, principal.userId);
    },
    revokeToken(principal: Principal, tokenId: string): void {
      // A token may revoke itself (a script cleaning up); managing others needs a session.
      if (principal.tokenId !== tokenId) requireSession(principal);
      revokeApiToken(deps, principal.userId, tokenId);
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
