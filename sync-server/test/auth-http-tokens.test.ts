// HTTP: API tokens for scripts — created once, used as bearer, capped and scoped, listed
// without their secret, revoked for good.
import { describe, expect, test } from 'bun:test';
import { addMember, makeAuth, setUp } from './auth-fixtures.ts';

describe('API tokens', () => {
  test('a created token works as a bearer with the capped role in its workspace', async () => {
    const h = makeAuth();
    const { owner, ownerId, workspaceId } = await setUp(h);
    const created = await owner.post('/api/tokens', { name: 'nightly export', workspaceId, role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^carnet_[a-z2-7]{32}$/);
    expect(created.body.apiToken).toMatchObject({ name: 'nightly export', roleCap: 'viewer', userId: ownerId, workspaceId });
    const script = h.client();
    script.bearer = created.body.token;
    const me = await script.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'viewer' })]);
    expect(me.body.session).toBeNull();
    expect((await script.get(`/api/workspaces/${workspaceId}/members`)).status).toBe(200);
    // Capped at viewer: an owner's token cannot manage members.
    expect((await script.post(`/api/workspaces/${workspaceId}/invites`, { role: 'rep' })).status).toBe(403);
    h.close();
  });

  test('a token without a role takes its creator\'s role; a cap above the creator is refused', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    const same = await rep.client.post('/api/tokens', { name: 'mine', workspaceId });
    expect(same.body.apiToken.roleCap).toBe('rep');
    const above = await rep.client.post('/api/tokens', { name: 'greedy', workspaceId, role: 'admin' });
    expect(above.status).toBe(403);
    h.close();
  });

  test('tokens are created and listed only by a session, and only in the user\'s workspaces', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    expect((await h.client().post('/api/tokens', { name: 'x', workspaceId })).status).toBe(401);
    expect((await owner.post('/api/tokens', { name: 'x', workspaceId: 'nosuchworkspace1' })).status).toBe(404);
    const invalid = await owner.post('/api/tokens', { workspaceId });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.issues).toEqual([{ field: 'name', code: 'required' }]);
    const { body } = await owner.post('/api/tokens', { name: 'ci', workspaceId });
    const script = h.client();
    script.bearer = body.token;
    const minted = await script.post('/api/tokens', { name: 'child', workspaceId });
    expect(minted.status).toBe(403);
    expect(minted.body.error.code).toBe('session_required');
    expect((await script.get('/api/tokens')).status).toBe(403);
    const list = await owner.get('/api/tokens');
    expect(list.status).toBe(200);
    expect(list.body.tokens).toEqual([expect.objectContaining({ id: body.apiToken.id, name: 'ci', revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(body.token.slice('carnet_'.length));
    expect(JSON.stringify(h.db.query('SELECT * FROM api_tokens').all())).not.toContain(body.token.slice('carnet_'.length));
    h.close();
  });

  test('a revoked token stops working at once and the revocation is announced', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const { body } = await owner.post('/api/tokens', { name: 'ci', workspaceId });
    const script = h.client();
    script.bearer = body.token;
    expect((await script.get('/api/auth/me')).status).toBe(200);
    expect((await owner.delete(`/api/tokens/${body.apiToken.id}`)).status).toBe(204);
    expect(h.events).toContainEqual({ type: 'token.revoked', tokenId: body.apiToken.id });
    const refused = await script.get('/api/auth/me');
    expect(refused.status).toBe(401);
    expect((await owner.get('/api/tokens')).body.tokens[0].revokedAt).toBe(h.now());
    h.close();
  });

  test('a token can revoke itself; nobody revokes another user\'s token', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    const mine = (await rep.client.post('/api/tokens', { name: 'r', workspaceId })).body;
    expect((await owner.delete(`/api/tokens/${mine.apiToken.id}`)).status).toBe(404);
    const script = h.client();
    script.bearer = mine.token;
    expect((await script.delete(`/api/tokens/${mine.apiToken.id}`)).status).toBe(204);
    expect((await script.get('/api/auth/me')).status).toBe(401);
    h.close();
  });

  test('an unknown or malformed bearer is 401 even alongside a valid cookie', async () => {
    const h = makeAuth();
    const { owner } = await setUp(h);
    for (const authorization of ['Bearer carnet_notarealtoken', 'Basic abc', 'Bearer']) {
      const reply = await owner.send('GET', '/api/auth/me', undefined, { authorization });
      expect(reply.status).toBe(401);
    }
    h.close();
  });
});
