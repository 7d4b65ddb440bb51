// Auth logic without HTTP: the pure rules, then the facade on a real SQLite file with an
// injected clock.
import { describe, expect, test } from 'bun:test';
import { readCookie } from '../src/auth/cookies.ts';
import { createAuthEvents } from '../src/auth/events.ts';
import { canGrant, refuseMemberChange, weakerRole, type MemberChangeRequest } from '../src/auth/roles.ts';
import { renewedExpiry } from '../src/auth/sessions.ts';
import { retryAfterMs } from '../src/auth/throttle.ts';
import { constantTimeEqual, hashSecret } from '../src/auth/tokens.ts';
import { DAY, MINUTE, makeAuth, OWNER, T0, type Harness } from './auth-fixtures.ts';

describe('pure rules', () => {
  test('throttle allows attempts under the limit and waits for the oldest counted failure to age out', () => {
    const w = 15 * MINUTE;
    expect(retryAfterMs([], T0, 5, w)).toBeNull();
    expect(retryAfterMs([T0 - 4, T0 - 3, T0 - 2, T0 - 1], T0, 5, w)).toBeNull();
    const five = [T0 - 5 * MINUTE, T0 - 4 * MINUTE, T0 - 3 * MINUTE, T0 - 2 * MINUTE, T0 - MINUTE];
    expect(retryAfterMs(five, T0, 5, w)).toBe(10 * MINUTE);
    // Failures older than the window do not count.
    expect(retryAfterMs([T0 - 20 * MINUTE, ...five.slice(1)], T0, 5, w)).toBeNull();
  });

  test('a session is renewed for a full lifetime once half of it is used, not before', () => {
    const ttl = 30 * DAY;
    const expiresAt = T0 + ttl;
    expect(renewedExpiry(expiresAt, T0 + 14 * DAY, ttl)).toBeNull();
    expect(renewedExpiry(expiresAt, T0 + 15 * DAY, ttl)).toBe(T0 + 45 * DAY);
  });

  test('roles order from owner to viewer; only owners grant owner; managers grant nothing', () => {
    expect(weakerRole('owner', 'rep')).toBe('rep');
    expect(weakerRole('viewer', 'admin')).toBe('viewer');
    expect(canGrant('owner', 'owner')).toBe(true);
    expect(canGrant('admin', 'owner')).toBe(false);
    expect(canGrant('admin', 'admin')).toBe(true);
    expect(canGrant('manager', 'viewer')).toBe(false);
  });

  const base: MemberChangeRequest = { actorId: 'a', actorRole: 'owner', targetId: 'b', targetRole: 'rep', ownerCount: 1, change: { kind: 'remove' } };
  test.each<[string, Partial<MemberChangeRequest>, string | null]>([
    ['owner removes a rep', {}, null],
    ['admin promotes a rep to manager', { actorRole: 'admin', change: { kind: 'role', role: 'manager' } }, null],
    ['manager removes a rep', { actorRole: 'manager' }, 'forbidden'],
    ['admin makes a rep owner', { actorRole: 'admin', change: { kind: 'role', role: 'owner' } }, 'forbidden'],
    ['admin removes an owner', { actorRole: 'admin', targetRole: 'owner', ownerCount: 2 }, 'forbidden'],
    ['viewer leaves', { actorId: 'b', actorRole: 'viewer', targetRole: 'viewer' }, null],
    ['last owner leaves', { actorId: 'b', targetRole: 'owner' }, 'last_owner'],
    ['last owner downgraded by themself', { actorId: 'b', targetRole: 'owner', change: { kind: 'role', role: 'admin' } }, 'last_owner'],
    ['one of two owners downgraded', { targetRole: 'owner', ownerCount: 2, change: { kind: 'role', role: 'admin' } }, null],
    ['last owner kept as owner', { targetRole: 'owner', change: { kind: 'role', role: 'owner' } }, null],
  ])('member change: %s → %s', (_name, patch, expected) => {
    expect(refuseMemberChange({ ...base, ...patch })?.code ?? null).toBe(expected as never);
  });

  test('cookie parsing finds the named cookie among others', () => {
    expect(readCookie('a=1; carnet_session=abc; b=2', 'carnet_session')).toBe('abc');
    expect(readCookie('carnet_session=', 'carnet_session')).toBeNull();
    expect(readCookie(null, 'carnet_session')).toBeNull();
  });

  test('constant-time comparison and hex SHA-256', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('a throwing event listener does not stop the others', () => {
    const errors: unknown[] = [];
    const events = createAuthEvents((e) => errors.push(e));
    const seen: string[] = [];
    events.on('token.revoked', () => {
      throw new Error('boom');
    });
    const off = events.on('token.revoked', (e) => seen.push(e.tokenId));
    events.emit('token.revoked', { tokenId: 't1' });
    off();
    events.emit('token.revoked', { tokenId: 't2' });
    expect(seen).toEqual(['t1']);
    expect(errors).toHaveLength(2);
  });
});

async function withOwner(h: Harness) {
  const { user, workspace, token, session } = await h.auth.setup(OWNER, { ip: '10.0.0.1' });
  return { user, workspace, token, session };
}

describe('facade on SQLite', () => {
  test('stores only the SHA-256 of a session token, never the token', async () => {
    const h = makeAuth();
    const { token, session } = await withOwner(h);
    expect(session.id).toBe(hashSecret(token));
    const dump = JSON.stringify(h.db.query('SELECT * FROM sessions').all());
    expect(dump).not.toContain(token);
    h.close();
  });

  test('stores passwords as argon2id hashes', async () => {
    const h = makeAuth();
    await withOwner(h);
    const row = h.db.query<{ password_hash: string }, []>('SELECT password_hash FROM users').get()!;
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    h.close();
  });

  test('an expired session is refused, deleted and announced as revoked', async () => {
    const h = makeAuth();
    const { token, session, user } = await withOwner(h);
    h.advance(30 * DAY);
    expect(h.auth.sessionPrincipal(token)).toBeNull();
    expect(h.db.query('SELECT id FROM sessions').all()).toHaveLength(0);
    expect(h.events).toContainEqual({ type: 'session.revoked', sessionId: session.id, userId: user.id });
    h.close();
  });

  test('deleteExpiredSessions sweeps only sessions past their expiry', async () => {
    const h = makeAuth();
    await withOwner(h);
    h.advance(20 * DAY);
    await h.auth.login({ email: OWNER.email, password: OWNER.password });
    h.advance(11 * DAY);
    expect(h.auth.deleteExpiredSessions()).toBe(1);
    expect(h.db.query('SELECT id FROM sessions').all()).toHaveLength(1);
    h.close();
  });

  test('setup is refused once an account exists, even when two setups race', async () => {
    const h = makeAuth();
    const results = await Promise.allSettled([h.auth.setup(OWNER), h.auth.setup({ ...OWNER, email: 'other@example.com' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('setup_already_done');
    expect(h.auth.needsSetup()).toBe(false);
    h.close();
  });

  test('an unknown account still spends a password verification', async () => {
    const h = makeAuth();
    let dummyChecks = 0;
    const { createAuth } = await import('../src/auth/index.ts');
    const auth = createAuth({
      db: h.db,
      clock: h.now,
      passwords: {
        hash: async () => 'x',
        verify: async () => false,
        verifyNothing: async () => void dummyChecks++,
      },
    });
    await expect(auth.login({ email: 'nobody@example.com', password: 'whatever1' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(dummyChecks).toBe(1);
    h.close();
  });

  test('parallel wrong guesses are all counted: the sixth of six concurrent logins is throttled', async () => {
    const h = makeAuth();
    await withOwner(h);
    const guesses = Array.from({ length: 6 }, (_, i) => h.auth.login({ email: OWNER.email, password: `guess-${i}` }, { ip: `10.1.0.${i}` }));
    const codes = (await Promise.allSettled(guesses)).map((r) => (r as PromiseRejectedResult).reason.code);
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'too_many_attempts')).toHaveLength(1);
    h.close();
  });

  test('a successful login forgives the account its earlier failures', async () => {
    const h = makeAuth();
    await withOwner(h);
    for (let i = 0; i < 4; i++) await h.auth.login({ email: OWNER.email, password: 'wrong-pass' }).catch(() => {});
    await h.auth.login({ email: OWNER.email, password: OWNER.password });
    for (let i = 0; i < 4; i++) await h.auth.login({ email: OWNER.email, password: 'wrong-pass' }).catch(() => {});
    await expect(h.auth.login({ email: OWNER.email, password: OWNER.password })).resolves.toBeDefined();
    h.close();
  });

  test('roleFor caps an API token at its role and confines it to its workspace', async () => {
    const h = makeAuth();
    const { user, workspace, token: sessionToken } = await withOwner(h);
    const owner = h.auth.sessionPrincipal(sessionToken)!;
    const { token } = h.auth.createToken(owner, { workspaceId: workspace.id, name: 'export', role: 'viewer' });
    const principal = h.auth.tokenPrincipal(token)!;
    expect(principal).toMatchObject({ userId: user.id, scope: { workspaceId: workspace.id, roleCap: 'viewer' } });
    expect(h.auth.roleFor(principal, workspace.id)).toBe('viewer');
    expect(h.auth.roleFor(principal, 'otherworkspace1')).toBeNull();
    expect(h.auth.roleOf(workspace.id, user.id)).toBe('owner');
    h.close();
  });

  test('authenticate reads the cookie or the bearer token; a bad bearer is not rescued by the cookie', async () => {
    const h = makeAuth();
    const { user, workspace, token, session } = await withOwner(h);
    const cookie = `carnet_session=${token}`;
    expect(h.auth.authenticate(new Request('http://localhost/x', { headers: { cookie } }))).toMatchObject({ userId: user.id, sessionId: session.id });
    const { token: apiToken, apiToken: row } = h.auth.createToken(h.auth.sessionPrincipal(token)!, { workspaceId: workspace.id, name: 'ci' });
    const viaBearer = h.auth.authenticate(new Request('http://localhost/x', { headers: { authorization: `Bearer ${apiToken}` } }));
    expect(viaBearer).toMatchObject({ userId: user.id, tokenId: row.id });
    expect(viaBearer?.sessionId).toBeUndefined();
    expect(h.auth.authenticate(new Request('http://localhost/x', { headers: { cookie, authorization: 'Bearer carnet_nope' } }))).toBeNull();
    expect(h.auth.authenticate(new Request('http://localhost/x'))).toBeNull();
    h.close();
  });

  test('isLive turns false when the session is revoked or expires, or the token is revoked', async () => {
    const h = makeAuth();
    const { workspace, token } = await withOwner(h);
    const session = h.auth.sessionPrincipal(token)!;
    const { token: apiToken, apiToken: row } = h.auth.createToken(session, { workspaceId: workspace.id, name: 'ci' });
    const bearer = h.auth.tokenPrincipal(apiToken)!;
    expect(h.auth.isLive(session)).toBe(true);
    expect(h.auth.isLive(bearer)).toBe(true);
    h.auth.revokeToken(session, row.id);
    expect(h.auth.isLive(bearer)).toBe(false);
    h.advance(31 * DAY);
    expect(h.auth.isLive(session)).toBe(false);
    h.close();
  });

  test('two racing accepts of one invite admit exactly one person', async () => {
    const h = makeAuth();
    const { workspace, token } = await withOwner(h);
    const invite = h.auth.invite(h.auth.sessionPrincipal(token)!, workspace.id, { role: 'rep' });
    const results = await Promise.allSettled([
      h.auth.acceptInvite(invite.token, null, { email: 'a@example.com', name: 'A', password: 'password a1' }),
      h.auth.acceptInvite(invite.token, null, { email: 'b@example.com', name: 'B', password: 'password b1' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('invite_used');
    expect(h.auth.listMembers(h.auth.sessionPrincipal(token)!, workspace.id)).toHaveLength(2);
    h.close();
  });

  test('removing a member revokes their tokens for that workspace', async () => {
    const h = makeAuth();
    const { workspace, token } = await withOwner(h);
    const owner = h.auth.sessionPrincipal(token)!;
    const invite = h.auth.invite(owner, workspace.id, { role: 'rep' });
    const joined = await h.auth.acceptInvite(invite.token, null, { email: 'r@example.com', name: 'R', password: 'password r1' });
    const rep = h.auth.sessionPrincipal(joined.signedIn!.token)!;
    const { token: apiToken } = h.auth.createToken(rep, { workspaceId: workspace.id, name: 'script' });
    h.auth.changeMember(owner, workspace.id, joined.user.id, { kind: 'remove' });
    expect(h.auth.tokenPrincipal(apiToken)).toBeNull();
    expect(h.events).toContainEqual({ type: 'member.removed', workspaceId: workspace.id, userId: joined.user.id });
    h.close();
  });

  test('createAuth is idempotent on an existing database', async () => {
    const h = makeAuth();
    await withOwner(h);
    const { createAuth } = await import('../src/auth/index.ts');
    const again = createAuth({ db: h.db, clock: h.now });
    expect(again.needsSetup()).toBe(false);
    h.close();
  });
});
