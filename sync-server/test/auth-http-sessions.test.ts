// HTTP: setup, login, throttling, sessions (expiry, sliding renewal), logout, logout
// everywhere, password change, and cross-site refusal.
import { describe, expect, test } from 'bun:test';
import { DAY, MINUTE, makeAuth, OWNER, setUp } from './auth-fixtures.ts';

describe('setup', () => {
  test('GET /api/setup says setup is needed until the owner exists', async () => {
    const h = makeAuth();
    const c = h.client();
    expect((await c.get('/api/setup')).body).toEqual({ needsSetup: true });
    await setUp(h);
    expect((await c.get('/api/setup')).body).toEqual({ needsSetup: false });
    h.close();
  });

  test('POST /api/setup creates the owner and workspace and logs them in with a safe cookie', async () => {
    const h = makeAuth();
    const c = h.client();
    const reply = await c.post('/api/setup', OWNER);
    expect(reply.status).toBe(201);
    expect(reply.body.user).toMatchObject({ email: 'olivia@example.com', name: 'Olivia Owner' });
    expect(reply.body.user.passwordHash).toBeUndefined();
    expect(reply.body.workspace).toMatchObject({ name: 'Acme', role: 'owner' });
    expect(reply.setCookie).toMatch(/^carnet_session=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000;/);
    expect(reply.setCookie).not.toContain('Secure');
    expect((await c.get('/api/auth/me')).status).toBe(200);
    h.close();
  });

  test('marks the cookie Secure behind an https proxy, or when forced', async () => {
    const h = makeAuth();
    const reply = await h.client().send('POST', '/api/setup', OWNER, { 'x-forwarded-proto': 'https' });
    expect(reply.setCookie).toContain('; Secure');
    h.close();
    const forced = makeAuth({ secureCookie: true });
    expect((await forced.client().post('/api/setup', OWNER)).setCookie).toContain('; Secure');
    forced.close();
  });

  test('a second setup is refused with 409', async () => {
    const h = makeAuth();
    await setUp(h);
    const reply = await h.client().post('/api/setup', { ...OWNER, email: 'mallory@example.com' });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('setup_already_done');
    h.close();
  });

  test('bad setup input gets 422 with an issue per field', async () => {
    const h = makeAuth();
    const reply = await h.client().post('/api/setup', { email: 'not-an-email', name: '  ', password: 'short' });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('invalid_input');
    expect(reply.body.error.issues).toEqual([
      { field: 'email', code: 'invalid_email' },
      { field: 'name', code: 'required' },
      { field: 'password', code: 'too_short' },
      { field: 'workspaceName', code: 'required' },
    ]);
    expect(h.auth.needsSetup()).toBe(true);
    h.close();
  });

  test('a body that is not JSON gets 400', async () => {
    const h = makeAuth();
    const reply = await h.client().post('/api/setup', '{"email":');
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('bad_request');
    const array = await h.client().post('/api/setup', []);
    expect(array.status).toBe(400);
    h.close();
  });

  test('with a setup token configured, setup needs it', async () => {
    const h = makeAuth({ setupToken: 'printed-at-start' });
    const refused = await h.client().post('/api/setup', OWNER);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('invalid_setup_token');
    expect((await h.client().post('/api/setup', { ...OWNER, setupToken: 'printed-at-start' })).status).toBe(201);
    h.close();
  });
});

describe('login and sessions', () => {
  test('logs in with the email in any case and returns the user and their workspaces', async () => {
    const h = makeAuth();
    const { workspaceId } = await setUp(h);
    const c = h.client();
    const reply = await c.post('/api/auth/login', { email: '  OLIVIA@example.COM ', password: OWNER.password });
    expect(reply.status).toBe(200);
    expect(reply.body.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'owner' })]);
    expect(c.cookie).toMatch(/^[a-z2-7]{32}$/);
    const me = await c.get('/api/auth/me');
    expect(me.body.user.email).toBe('olivia@example.com');
    expect(me.body.session.expiresAt).toBe(h.now() + 30 * DAY);
    h.close();
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    const h = makeAuth();
    await setUp(h);
    const wrong = await h.client().post('/api/auth/login', { email: OWNER.email, password: 'not the password' });
    const unknown = await h.client('10.0.0.2').post('/api/auth/login', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.setCookie).toBeNull();
    h.close();
  });

  test('login with missing fields gets 422', async () => {
    const h = makeAuth();
    const reply = await h.client().post('/api/auth/login', { email: '' });
    expect(reply.status).toBe(422);
    expect(reply.body.error.issues).toEqual([{ field: 'email', code: 'required' }, { field: 'password', code: 'required' }]);
    h.close();
  });

  test('five failures lock the account for 15 minutes with Retry-After, even for the right password', async () => {
    const h = makeAuth();
    await setUp(h);
    for (let i = 0; i < 5; i++) {
      const r = await h.client(`10.2.0.${i}`).post('/api/auth/login', { email: OWNER.email, password: 'wrong password' });
      expect(r.status).toBe(401);
      h.advance(MINUTE);
    }
    const locked = await h.client('10.3.0.1').post('/api/auth/login', { email: OWNER.email, password: OWNER.password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(locked.headers.get('retry-after')).toBe(String(10 * 60)); // first failure was 5 minutes ago
    h.advance(10 * MINUTE);
    expect((await h.client('10.3.0.1').post('/api/auth/login', { email: OWNER.email, password: OWNER.password })).status).toBe(200);
    h.close();
  });

  test('twenty failures from one address lock that address, not others', async () => {
    const h = makeAuth();
    await setUp(h);
    const attacker = h.client('203.0.113.7');
    for (let i = 0; i < 20; i++) {
      expect((await attacker.post('/api/auth/login', { email: `user${i}@example.com`, password: 'guess guess' })).status).toBe(401);
    }
    const blocked = await attacker.post('/api/auth/login', { email: OWNER.email, password: OWNER.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await h.client('198.51.100.1').post('/api/auth/login', { email: OWNER.email, password: OWNER.password })).status).toBe(200);
    h.close();
  });

  test('GET /api/auth/me without a session, or with a forged one, is 401', async () => {
    const h = makeAuth();
    await setUp(h);
    const c = h.client();
    expect((await c.get('/api/auth/me')).status).toBe(401);
    c.cookie = 'a'.repeat(32);
    const forged = await c.get('/api/auth/me');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthenticated');
    h.close();
  });

  test('a session expires after 30 idle days', async () => {
    const h = makeAuth();
    const { owner } = await setUp(h);
    h.advance(30 * DAY);
    expect((await owner.get('/api/auth/me')).status).toBe(401);
    h.close();
  });

  test('a session used after half its life is renewed and its cookie re-sent', async () => {
    const h = makeAuth();
    const { owner } = await setUp(h);
    h.advance(10 * DAY);
    const early = await owner.get('/api/auth/me');
    expect(early.setCookie).toBeNull();
    h.advance(6 * DAY); // 16 days in: past half-life
    const renewed = await owner.get('/api/auth/me');
    expect(renewed.setCookie).toContain('Max-Age=2592000');
    expect(renewed.body.session.expiresAt).toBe(h.now() + 30 * DAY);
    h.advance(20 * DAY); // 36 days after login, 20 after renewal
    expect((await owner.get('/api/auth/me')).status).toBe(200);
    h.close();
  });

  test('logout ends the session, clears the cookie and announces it', async () => {
    const h = makeAuth();
    const { owner, ownerId } = await setUp(h);
    const token = owner.cookie!;
    const reply = await owner.post('/api/auth/logout');
    expect(reply.status).toBe(204);
    expect(reply.setCookie).toContain('Max-Age=0');
    owner.cookie = token; // a replayed cookie is worthless
    expect((await owner.get('/api/auth/me')).status).toBe(401);
    expect(h.events).toEqual([{ type: 'session.revoked', sessionId: expect.any(String), userId: ownerId }]);
    expect((await h.client().post('/api/auth/logout')).status).toBe(401);
    h.close();
  });

  test('logout everywhere ends every session of the user', async () => {
    const h = makeAuth();
    const { owner } = await setUp(h);
    const laptop = h.client('10.0.0.2');
    await laptop.post('/api/auth/login', { email: OWNER.email, password: OWNER.password });
    const reply = await owner.post('/api/auth/logout-all');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ revokedSessions: 2 });
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect(h.events.filter((e) => e.type === 'session.revoked')).toHaveLength(2);
    expect((await h.client().post('/api/auth/logout-all')).status).toBe(401);
    h.close();
  });

  test('changing the password keeps this session, ends the others, and swaps the password', async () => {
    const h = makeAuth();
    const { owner } = await setUp(h);
    const phone = h.client('10.0.0.3');
    await phone.post('/api/auth/login', { email: OWNER.email, password: OWNER.password });
    const wrong = await owner.post('/api/auth/password', { currentPassword: 'nope nope', newPassword: 'a brand new secret' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.issues).toEqual([{ field: 'currentPassword', code: 'wrong_password' }]);
    const short = await owner.post('/api/auth/password', { currentPassword: OWNER.password, newPassword: 'short' });
    expect(short.status).toBe(422);
    expect(short.body.error.issues).toEqual([{ field: 'newPassword', code: 'too_short' }]);
    const ok = await owner.post('/api/auth/password', { currentPassword: OWNER.password, newPassword: 'a brand new secret' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ revokedSessions: 1 });
    expect((await owner.get('/api/auth/me')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await h.client('10.0.0.4').post('/api/auth/login', { email: OWNER.email, password: OWNER.password })).status).toBe(401);
    expect((await h.client('10.0.0.4').post('/api/auth/login', { email: OWNER.email, password: 'a brand new secret' })).status).toBe(200);
    expect((await h.client().post('/api/auth/password', { currentPassword: 'x', newPassword: 'y' })).status).toBe(401);
    h.close();
  });

  test('repeated wrong current passwords are throttled like logins', async () => {
    const h = makeAuth();
    const { owner } = await setUp(h);
    for (let i = 0; i < 5; i++) {
      expect((await owner.post('/api/auth/password', { currentPassword: `guess ${i}xx`, newPassword: 'a brand new secret' })).status).toBe(422);
    }
    const throttled = await owner.post('/api/auth/password', { currentPassword: OWNER.password, newPassword: 'a brand new secret' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe(String(15 * 60));
    h.close();
  });

  test('a state-changing request from another site is refused with 403', async () => {
    const h = makeAuth();
    const { owner } = await setUp(h);
    const reply = await owner.send('POST', '/api/auth/logout-all', undefined, { origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('bad_origin');
    expect((await owner.get('/api/auth/me')).status).toBe(200);
    expect((await owner.send('POST', '/api/auth/logout', undefined, { origin: 'http://localhost' })).status).toBe(204);
    h.close();
  });

  test('session-only actions refuse an API token with 403', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const { body } = await owner.post('/api/tokens', { name: 'ci', workspaceId });
    const script = h.client();
    script.bearer = body.token;
    for (const path of ['/api/auth/logout', '/api/auth/logout-all']) {
      const reply = await script.post(path);
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('session_required');
    }
    h.close();
  });
});
