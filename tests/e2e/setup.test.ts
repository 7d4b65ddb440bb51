// First start in a real browser: the home page offers setup, the setup page shows each
// field's problem in the user's language without losing what was typed, creates the owner
// account and workspace (the browser is then signed in), and afterwards says setup is done.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

let relay: RunningRelay;
let browser: Browser;
const opened: TrackedPage[] = [];

async function open(path: string, locale = 'en-US'): Promise<TrackedPage> {
  const tracked = await openPage(browser, { locale });
  opened.push(tracked);
  await tracked.page.goto(relay.url + path);
  return tracked;
}

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

describe('first-start setup page', () => {
  it('is offered on the home page while no account exists', async () => {
    const { page } = await open('/');
    await page.getByRole('link', { name: 'Create the owner account' }).click();
    await page.getByRole('heading', { name: 'Set up Carnet' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/setup');
  });

  it('is in French for a French browser', async () => {
    const { page, errors } = await open('/setup', 'fr-FR');
    await page.getByRole('heading', { name: 'Installer Carnet' }).waitFor();
    // The heading shows while the page asks the relay whether setup is needed; the form after.
    await page.getByLabel('Nom de l’espace de travail').waitFor();
    await expect(page.getByRole('button', { name: 'Créer le compte et l’espace' }).count()).resolves.toBe(1);
    await screenshot(page, 'setup-fr');
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows field problems, keeps what was typed, then creates the account and signs in', async () => {
    const { page, errors } = await open('/setup');
    await page.getByLabel('Your name').fill('Élodie Martin');
    await page.getByLabel('Email').fill('elodie@');
    await page.getByLabel('Password (8 characters or more)').fill('short');
    await page.getByRole('button', { name: 'Create account and workspace' }).click();
    await page.getByText('This is not a valid email address.').waitFor();
    await expect(page.getByText('Too short.').count()).resolves.toBe(1);
    await expect(page.getByText('This field is required.').count()).resolves.toBe(1); // the workspace name
    await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Élodie Martin');
    await screenshot(page, 'setup-en-problems');

    await page.getByLabel('Email').fill('elodie@agence-lumiere.fr');
    await page.getByLabel('Password (8 characters or more)').fill('correct horse battery');
    await page.getByLabel('Workspace name').fill('Agence Lumière');
    await page.getByRole('button', { name: 'Create account and workspace' }).click();
    await page.getByText('Done: you are signed in as the owner of this workspace:').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Agence Lumière');
    // The session cookie was set for this browser.
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me.user.email).toBe('elodie@agence-lumiere.fr');
    expect(me.workspaces[0]).toMatchObject({ name: 'Agence Lumière', role: 'owner' });
    await screenshot(page, 'setup-en-done');
    expect(unexpected(errors).filter((e) => !e.includes('422'))).toEqual([]);
  });

  it('says setup is done once an account exists, and the home page stops offering it', async () => {
    const { page } = await open('/setup');
    await page.getByText('This Carnet is already set up. Sign in with your account instead.').waitFor();
    const home = await open('/');
    await home.page.getByRole('heading', { level: 1 }).waitFor();
    await new Promise((r) => setTimeout(r, 300));
    await expect(home.page.getByRole('link', { name: 'Create the owner account' }).count()).resolves.toBe(0);
  });
});
