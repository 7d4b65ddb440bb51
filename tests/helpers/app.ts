// End-to-end helpers for the workspace screens: a relay with an owner and a workspace, and
// browser contexts signed in through the real login page.
import type { Browser, Page } from 'playwright-core';
import { openPage, type TrackedPage } from './browser.ts';

export interface Person {
  email: string;
  password: string;
  name: string;
}

export const OWNER: Person = { email: 'owner@example.com', password: 'correct horse battery', name: 'Élodie Martin' };

async function post(base: string, path: string, body: unknown, cookie?: string) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const setCookie = response.headers.get('set-cookie');
  return { status: response.status, body: (await response.json().catch(() => null)) as any, cookie: setCookie?.split(';')[0] };
}

/** Creates the owner account and workspace "Acme" on a fresh relay. */
export async function setUpWorkspace(base: string, owner: Person = OWNER): Promise<{ workspaceId: string; ownerCookie: string }> {
  const reply = await post(base, '/api/setup', { ...owner, workspaceName: 'Acme' });
  if (reply.status !== 201 || !reply.cookie) throw new Error(`setup failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { workspaceId: reply.body.workspace.id, ownerCookie: reply.cookie };
}

/** Invites someone with `role` and signs them up; returns how they sign in. */
export async function invitePerson(base: string, ownerCookie: string, workspaceId: string, role: string, person: Person): Promise<Person> {
  const invite = await post(base, `/api/workspaces/${workspaceId}/invites`, { role }, ownerCookie);
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const accepted = await post(base, `/api/invites/${invite.body.token}/accept`, person);
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return person;
}

/** Opens a fresh browser context, signs in on the login page and waits for the workspace. */
export async function signIn(
  browser: Browser,
  base: string,
  person: Person,
  options: { locale?: string; path?: string; beforeSignIn?: (page: Page) => void } = {},
): Promise<TrackedPage> {
  const tracked = await openPage(browser, { locale: options.locale });
  const { page } = tracked;
  options.beforeSignIn?.(page);
  await page.goto(`${base}/login${options.path ? `?next=${encodeURIComponent(options.path)}` : ''}`);
  await page.locator('input[name=email]').fill(person.email);
  await page.locator('input[name=password]').fill(person.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await waitLive(page);
  return tracked;
}

/** Waits until the sync indicator says the workspace is live with the relay. */
export async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-testid=sync-status][data-status=live]').waitFor({ timeout: 15_000 });
}

/** Waits until every local change has been acknowledged by the relay. */
export async function waitSynced(page: Page): Promise<void> {
  await page.locator('[data-testid=sync-status][data-status=live][data-pending="0"]').waitFor({ timeout: 15_000 });
}
