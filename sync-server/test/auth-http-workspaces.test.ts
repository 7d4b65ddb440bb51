// HTTP: members (list, role changes, removal, last-owner protection) and invites (links,
// single use, expiry, joining with an existing account), with the events sockets rely on.
import { describe, expect, test } from 'bun:test';
import { addMember, DAY, makeAuth, OWNER, setUp } from './auth-fixtures.ts';

describe('members', () => {
  test('members see the member list; outsiders get 401 or 404', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    const list = await rep.client.get(`/api/workspaces/${workspaceId}/members`);
    expect(list.status).toBe(200);
    expect(list.body.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['olivia@example.com', 'owner'],
      ['rita@example.com', 'rep'],
    ]);
    expect((await h.client().get(`/api/workspaces/${workspaceId}/members`)).status).toBe(401);
    const unknown = await owner.get('/api/workspaces/nosuchworkspace1/members');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    h.close();
  });

  test('an owner changes a role; the change is announced', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    const reply = await owner.patch(`/api/workspaces/${workspaceId}/members/${rep.userId}`, { role: 'manager' });
    expect(reply.status).toBe(200);
    expect(reply.body.member).toMatchObject({ userId: rep.userId, role: 'manager' });
    expect(h.events).toContainEqual({ type: 'member.role_changed', workspaceId, userId: rep.userId, role: 'manager' });
    expect(h.auth.roleOf(workspaceId, rep.userId)).toBe('manager');
    h.close();
  });

  test('role changes are refused to non-admins (403), for unknown members (404) and bad roles (422)', async () => {
    const h = makeAuth();
    const { owner, ownerId, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    const admin = await addMember(h, owner, workspaceId, 'admin', 'adam@example.com', '10.0.0.10');
    const byRep = await rep.client.patch(`/api/workspaces/${workspaceId}/members/${rep.userId}`, { role: 'admin' });
    expect(byRep.status).toBe(403);
    expect(byRep.body.error.code).toBe('forbidden');
    expect((await admin.client.patch(`/api/workspaces/${workspaceId}/members/${rep.userId}`, { role: 'owner' })).status).toBe(403);
    expect((await admin.client.patch(`/api/workspaces/${workspaceId}/members/${ownerId}`, { role: 'viewer' })).status).toBe(403);
    expect((await admin.client.patch(`/api/workspaces/${workspaceId}/members/${rep.userId}`, { role: 'viewer' })).status).toBe(200);
    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/nosuchuser1234`, { role: 'rep' })).status).toBe(404);
    const bad = await owner.patch(`/api/workspaces/${workspaceId}/members/${rep.userId}`, { role: 'emperor' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual([{ field: 'role', code: 'unknown_option' }]);
    h.close();
  });

  test('the last owner can be neither downgraded nor removed; with a second owner they can', async () => {
    const h = makeAuth();
    const { owner, ownerId, workspaceId } = await setUp(h);
    const down = await owner.patch(`/api/workspaces/${workspaceId}/members/${ownerId}`, { role: 'admin' });
    expect(down.status).toBe(409);
    expect(down.body.error.code).toBe('last_owner');
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${ownerId}`)).status).toBe(409);
    const second = await addMember(h, owner, workspaceId, 'owner', 'otto@example.com');
    expect((await second.client.patch(`/api/workspaces/${workspaceId}/members/${ownerId}`, { role: 'admin' })).status).toBe(200);
    expect((await second.client.delete(`/api/workspaces/${workspaceId}/members/${second.userId}`)).status).toBe(409);
    h.close();
  });

  test('an admin removes a rep, who loses access at once; a rep cannot remove others but can leave', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    const viewer = await addMember(h, owner, workspaceId, 'viewer', 'vic@example.com', '10.0.0.11');
    expect((await rep.client.delete(`/api/workspaces/${workspaceId}/members/${viewer.userId}`)).status).toBe(403);
    expect((await viewer.client.delete(`/api/workspaces/${workspaceId}/members/${viewer.userId}`)).status).toBe(204);
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${rep.userId}`)).status).toBe(204);
    expect(h.events.filter((e) => e.type === 'member.removed')).toEqual([
      { type: 'member.removed', workspaceId, userId: viewer.userId },
      { type: 'member.removed', workspaceId, userId: rep.userId },
    ]);
    expect((await rep.client.get(`/api/workspaces/${workspaceId}/members`)).status).toBe(404);
    expect((await rep.client.get('/api/auth/me')).body.workspaces).toEqual([]);
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${rep.userId}`)).status).toBe(404);
    h.close();
  });
});

describe('invites', () => {
  test('an admin gets a single-use link; it can be previewed, then signs a new person up', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const created = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'manager', email: 'Mia@Example.com' });
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`http://localhost/invite/${created.body.token}`);
    expect(created.body.invite).toMatchObject({ role: 'manager', email: 'mia@example.com', expiresAt: h.now() + 7 * DAY });
    const preview = await h.client().get(`/api/invites/${created.body.token}`);
    expect(preview.body).toMatchObject({ workspace: { id: workspaceId, name: 'Acme' }, role: 'manager', email: 'mia@example.com' });

    const mia = h.client('10.0.0.5');
    const accepted = await mia.post(`/api/invites/${created.body.token}/accept`, { name: 'Mia', password: 'mia password' });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ user: { email: 'mia@example.com' }, workspace: { id: workspaceId, role: 'manager' } });
    expect((await mia.get('/api/auth/me')).body.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'manager' })]);

    const again = await h.client('10.0.0.6').post(`/api/invites/${created.body.token}/accept`, { email: 'x@example.com', name: 'X', password: 'x password' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invite_used');
    expect((await h.client().get(`/api/invites/${created.body.token}`)).status).toBe(410);
    h.close();
  });

  test('the invite link uses the configured public URL', async () => {
    const h = makeAuth({ publicUrl: 'https://crm.agency.example' });
    const { owner, workspaceId } = await setUp(h);
    const created = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'rep' });
    expect(created.body.url).toBe(`https://crm.agency.example/invite/${created.body.token}`);
    h.close();
  });

  test('an expired invite is refused with 410; an unknown one with 404', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const created = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'rep' });
    h.advance(7 * DAY);
    const expired = await h.client().post(`/api/invites/${created.body.token}/accept`, { email: 'late@example.com', name: 'Late', password: 'late password' });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('invite_expired');
    expect((await h.client().post('/api/invites/nosuchtoken/accept', {})).status).toBe(404);
    h.close();
  });

  test('inviting needs owner or admin, and only owners invite owners', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const manager = await addMember(h, owner, workspaceId, 'manager', 'max@example.com');
    const admin = await addMember(h, owner, workspaceId, 'admin', 'adam@example.com', '10.0.0.10');
    expect((await manager.client.post(`/api/workspaces/${workspaceId}/invites`, { role: 'viewer' })).status).toBe(403);
    expect((await admin.client.post(`/api/workspaces/${workspaceId}/invites`, { role: 'owner' })).status).toBe(403);
    expect((await admin.client.post(`/api/workspaces/${workspaceId}/invites`, { role: 'admin' })).status).toBe(201);
    expect((await h.client().post(`/api/workspaces/${workspaceId}/invites`, { role: 'rep' })).status).toBe(401);
    const bad = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'rep', email: 'nope' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues).toEqual([{ field: 'email', code: 'invalid_email' }]);
    h.close();
  });

  test('signing up through an invite needs email, name and password, a free email, and the invited email', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const open = (await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'rep' })).body.token;
    const missing = await h.client().post(`/api/invites/${open}/accept`, {});
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['email', 'name', 'password']);
    const taken = await h.client().post(`/api/invites/${open}/accept`, { email: OWNER.email, name: 'Again', password: 'some password' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    const bound = (await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'rep', email: 'bea@example.com' })).body.token;
    const mismatch = await h.client().post(`/api/invites/${bound}/accept`, { email: 'eve@example.com', name: 'Eve', password: 'eve password' });
    expect(mismatch.status).toBe(403);
    expect(mismatch.body.error.code).toBe('invite_email_mismatch');
    h.close();
  });

  test('a logged-in user joins with their own account; a current member gets 409', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'rep', 'rita@example.com');
    const token = (await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: 'viewer' })).body.token;
    const already = await rep.client.post(`/api/invites/${token}/accept`);
    expect(already.status).toBe(409);
    expect(already.body.error.code).toBe('already_member');
    await owner.delete(`/api/workspaces/${workspaceId}/members/${rep.userId}`);
    const joined = await rep.client.post(`/api/invites/${token}/accept`);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ user: { id: rep.userId }, workspace: { id: workspaceId, role: 'viewer' } });
    expect(joined.setCookie).toBeNull();
    expect(h.auth.roleOf(workspaceId, rep.userId)).toBe('viewer');
    h.close();
  });
});

describe('creating a workspace', () => {
  test('an owner creates another workspace, owns it, sees it in /me, and the creation is announced', async () => {
    const h = makeAuth();
    const { owner, ownerId } = await setUp(h);
    const created: unknown[] = [];
    h.auth.events.on('workspace.created', (event) => created.push(event));
    const reply = await owner.post('/api/workspaces', { name: '  Client Dupont  ' });
    expect(reply.status).toBe(201);
    expect(reply.body.workspace).toMatchObject({ name: 'Client Dupont', role: 'owner' });
    const id = reply.body.workspace.id;
    expect(created).toEqual([{ workspaceId: id, userId: ownerId }]);
    const me = await owner.get('/api/auth/me');
    expect(me.body.workspaces.map((w: { name: string }) => w.name).sort()).toEqual(['Acme', 'Client Dupont'].sort());
    h.close();
  });

  test('is refused to people who own no workspace (403), without a session (401) and without a name (422)', async () => {
    const h = makeAuth();
    const { owner, workspaceId } = await setUp(h);
    const rep = await addMember(h, owner, workspaceId, 'admin', 'adam@example.com');
    const refused = await rep.client.post('/api/workspaces', { name: 'Side project' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await h.client().post('/api/workspaces', { name: 'Anonymous' })).status).toBe(401);
    const unnamed = await owner.post('/api/workspaces', { name: '   ' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.error.issues).toEqual([{ field: 'name', code: 'required' }]);
    const me = await owner.get('/api/auth/me');
    expect(me.body.workspaces).toHaveLength(1);
    h.close();
  });
});
