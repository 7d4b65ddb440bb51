// The relay's account API as the app uses it: who am I, sign in and out, invites, members.
import type { Role } from '@carnet/schema';
import { api, type ApiResult } from './http.ts';

export interface AccountUser {
  id: string;
  email: string;
  name: string;
}

export interface WorkspaceAccess {
  id: string;
  name: string;
  role: Role;
}

export interface Me {
  user: AccountUser;
  workspaces: WorkspaceAccess[];
}

export interface MemberInfo {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: number;
}

export interface InvitePreview {
  workspace: { id: string; name: string };
  role: Role;
  email: string | null;
  expiresAt: number;
}

const pickMe = (data: { user: AccountUser; workspaces: WorkspaceAccess[] }): Me => ({
  user: { id: data.user.id, email: data.user.email, name: data.user.name },
  workspaces: data.workspaces.map((w) => ({ id: w.id, name: w.name, role: w.role })),
});

export async function fetchMe(): Promise<ApiResult<Me>> {
  const result = await api<{ user: AccountUser; workspaces: WorkspaceAccess[] }>('GET', '/api/auth/me');
  return result.ok ? { ...result, data: pickMe(result.data) } : result;
}

export async function login(email: string, password: string): Promise<ApiResult<Me>> {
  const result = await api<{ user: AccountUser; workspaces: WorkspaceAccess[] }>('POST', '/api/auth/login', { email, password });
  return result.ok ? { ...result, data: pickMe(result.data) } : result;
}

export const logout = () => api<null>('POST', '/api/auth/logout');
export const logoutEverywhere = () => api<{ revokedSessions: number }>('POST', '/api/auth/logout-all');

export const previewInvite = (token: string) => api<InvitePreview>('GET', `/api/invites/${encodeURIComponent(token)}`);

export const acceptInvite = (token: string, signup: { name?: string; email?: string; password?: string } = {}) =>
  api<{ user: AccountUser; workspace: WorkspaceAccess }>('POST', `/api/invites/${encodeURIComponent(token)}/accept`, signup);

export const listMembers = (workspaceId: string) =>
  api<{ members: MemberInfo[] }>('GET', `/api/workspaces/${encodeURIComponent(workspaceId)}/members`);

export const changeRole = (workspaceId: string, userId: string, role: Role) =>
  api<{ member: MemberInfo }>('PATCH', `/api/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(userId)}`, { role });

export const removeMember = (workspaceId: string, userId: string) =>
  api<null>('DELETE', `/api/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(userId)}`);

export const createInvite = (workspaceId: string, input: { role: Role; email?: string }) =>
  api<{ url: string; token: string; invite: { expiresAt: number } }>('POST', `/api/workspaces/${encodeURIComponent(workspaceId)}/invites`, input);

export const createWorkspace = (name: string) => api<{ workspace: WorkspaceAccess }>('POST', '/api/workspaces', { name });

export interface CalendarFeedInfo {
  createdAt: number;
  lastUsedAt: number | null;
  timeZone: string;
}

export const calendarFeed = (workspaceId: string) =>
  api<{ feed: CalendarFeedInfo | null }>('GET', `/api/workspaces/${encodeURIComponent(workspaceId)}/calendar-feed`);

export const createCalendarFeed = (workspaceId: string, timeZone: string) =>
  api<{ url: string; webcalUrl: string; feed: CalendarFeedInfo }>('POST', `/api/workspaces/${encodeURIComponent(workspaceId)}/calendar-feed`, { timeZone });

export const revokeCalendarFeed = (workspaceId: string) =>
  api<null>('DELETE', `/api/workspaces/${encodeURIComponent(workspaceId)}/calendar-feed`);
