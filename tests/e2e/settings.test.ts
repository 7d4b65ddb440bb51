// The settings screen in a real browser against a real relay: the owner adds a pipeline stage
// (a refused probability explained first), a custom field that then shows on a contact's page,
// an invite link; the relay's refusal to demote the last owner is explained; switching to
// French translates the screen and survives a reload; a sales rep sees the workspace settings
// disabled while their own preferences stay editable.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, invitePerson, setUpWorkspace, signIn, waitSynced, type Person } from '../helpers/app.ts';
import { launchBrowser, screenshot, unexpected, type TrackedPage } from '../helpers/browser.ts';
import { ensureAppBuilt } from '../helpers/build.ts';
import { startRelay, type RunningRelay } from '../helpers/relay.ts';

const REP: Person = { email: 'rep@example.com', password: 'rep horse battery staple', name: 'Rémi Durand' };

let relay: RunningRelay;
let browser: Browser;
let owner: TrackedPage;
const opened: TrackedPage[] = [];

beforeAll(async () => {
  await ensureAppBuilt();
  relay = await startRelay();
  browser = await launchBrowser();
  const { workspaceId, ownerCookie } = await setUpWorkspace(relay.url);
  await invitePerson(relay.url, ownerCookie, workspaceId, 'rep', REP);
  owner = await signIn(browser, relay.url, OWNER, { path: '/settings' });
  owner.page.setDefaultTimeout(10_000);
  opened.push(owner);
}, 180_000);

afterAll(async () => {
  for (const { context } of opened) await context.close().catch(() => {});
  await browser?.close();
  await relay?.stop();
});

const pipelines = (page: Page) => page.locator('#pipelines');

describe('settings for the owner', () => {
  it('adds a stage to the pipeline, after explaining a probability out of range', async () => {
    const { page } = owner;
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const section = pipelines(page);
    await section.getByRole('button', { name: 'Add stage' }).click();
    await section.getByLabel('Name of stage 8').fill('Contract signed');
    await section.getByLabel('Probability (%) of stage 8').fill('150');
    await section.getByRole('button', { name: 'Save pipeline' }).click();
    await section.getByText('Must be between 0 and 100.').waitFor();
    await expect(section.getByLabel('Name of stage 8').inputValue()).resolves.toBe('Contract signed');

    await section.getByLabel('Probability (%) of stage 8').fill('90');
    await section.getByRole('button', { name: 'Move Contract signed up' }).click();
    await section.getByRole('button', { name: 'Move Contract signed up' }).click();
    await expect(section.getByLabel('Name of stage 6').inputValue()).resolves.toBe('Contract signed');
    await section.getByRole('button', { name: 'Save pipeline' }).click();
    await page.getByText('Pipeline “Sales” saved').waitFor();
    await waitSynced(page);

    await page.reload();
    await pipelines(page).getByLabel('Name of stage 6').waitFor();
    await expect(pipelines(page).getByLabel('Name of stage 6').inputValue()).resolves.toBe('Contract signed');
    await expect(pipelines(page).getByLabel('Probability (%) of stage 6').inputValue()).resolves.toBe('90');
    await expect(pipelines(page).getByLabel('Name of stage 8').inputValue()).resolves.toBe('Lost');
  });

  it('adds a custom field for contacts that then shows on a contact’s page', async () => {
    const { page } = owner;
    const section = page.locator('#custom-fields');
    await section.getByRole('button', { name: 'Add field' }).click();
    await section.getByText('This field is required.').waitFor(); // the label is required
    await section.getByLabel('Label').fill('Contract tier');
    await expect(section.getByLabel('Key', { exact: true }).inputValue()).resolves.toBe('contract_tier');
    await section.getByLabel('Kind').selectOption('select');
    await section.getByLabel('Options, one per line').fill('Gold\nSilver\nBronze');
    await section.getByRole('button', { name: 'Add field' }).click();
    await section.getByTestId('custom-field').getByText('Contract tier').waitFor();
    await expect(section.getByTestId('custom-field').textContent()).resolves.toContain('Gold · Silver · Bronze');
    await waitSynced(page);

    await page.goto(`${relay.url}/contacts`);
    await page.getByRole('button', { name: 'New contact' }).first().click();
    await page.locator('dialog input[name=firstName]').fill('Jeanne');
    await page.locator('dialog input[name=lastName]').fill('Dupont');
    await page.getByRole('button', { name: 'Create contact' }).click();
    await page.waitForURL(/\/contacts\/[0-9a-z]+$/);
    await page.getByText('Contract tier').first().waitFor({ state: 'attached' });
  });

  it('creates an invite link for a role and copies it', async () => {
    const { page, context } = owner;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: relay.url });
    await page.goto(`${relay.url}/settings#invites`);
    const section = page.locator('#invites');
    await section.getByLabel('Role for the new member').selectOption('manager');
    await section.getByLabel(/Their email/).fill('nadia@example.com');
    await section.getByRole('button', { name: 'Create invite link' }).click();
    const link = section.getByLabel('Invite link');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${relay.url}/invite/[A-Za-z0-9_-]+$`));
    await section.getByText(/For a new Manager, valid until/).waitFor();
    await section.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Invite link copied').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(url);
  });

  it('makes a private calendar address whose feed lists the owner\'s task, then turns it off', async () => {
    const { page } = owner;
    await page.goto(`${relay.url}/today`);
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    await page.getByLabel(/^New task/).fill('Call the notary');
    await page.getByLabel(/^New task/).press('Enter');
    await page.getByText('Call the notary').first().waitFor();
    await waitSynced(page);
    await page.goto(`${relay.url}/settings#calendar`);
    const section = page.locator('#calendar');
    await section.getByRole('button', { name: 'Make my calendar address' }).click();
    const address = await section.getByLabel('Subscription address').inputValue();
    expect(address).toMatch(new RegExp(`^${relay.url}/api/calendar/[^/]+\\.ics$`));
    await expect.poll(async () => (await fetch(address)).text()).toContain('SUMMARY:Call the notary');
    await section.getByRole('button', { name: 'Turn the subscription off' }).click();
    await page.getByText('Calendar subscription turned off.').waitFor();
    expect((await fetch(address)).status).toBe(404);
  });

  it('explains that the last owner cannot step down', async () => {
    const { page } = owner;
    const section = page.locator('#members');
    await section.getByRole('row', { name: /Rémi Durand/ }).waitFor();
    await section.getByLabel(`Role of ${OWNER.name}`).selectOption('admin');
    await section.getByRole('alert').getByText('A workspace needs at least one owner. Make someone else an owner first.').waitFor();
    await expect(section.getByLabel(`Role of ${OWNER.name}`).inputValue()).resolves.toBe('owner');
    const close = page.locator('.notices .close');
    while ((await close.count()) > 0) await close.first().click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'settings-en');
    // Chromium logs the relay's 409 answer as a console error; nothing else may appear.
    expect(unexpected(owner.errors).filter((e) => !/status of 409/.test(e))).toEqual([]);
  });

  it('switches the interface to French, and keeps it after a reload', async () => {
    const { page } = owner;
    await page.locator('#preferences').getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Paramètres', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Pipelines et étapes' }).waitFor();
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Ma journée' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Paramètres', level: 1 }).waitFor();
    await expect(page.locator('#preferences').getByLabel('Langue').inputValue()).resolves.toBe('fr');
    await page.locator('#preferences').getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  });
});

describe('settings for a sales rep', () => {
  it('shows the workspace settings disabled and the rep’s own preferences editable', async () => {
    const rep = await signIn(browser, relay.url, REP, { path: '/settings' });
    opened.push(rep);
    const { page, errors } = rep;
    await page.getByTestId('settings-readonly').waitFor();
    await expect(page.locator('#general').getByLabel('Workspace name').isDisabled()).resolves.toBe(true);
    await expect(pipelines(page).getByLabel('Name of stage 1').isDisabled()).resolves.toBe(true);
    await expect(pipelines(page).getByRole('button', { name: 'Save pipeline' }).count()).resolves.toBe(0);
    await expect(page.locator('#custom-fields').getByRole('button', { name: 'Add field' }).count()).resolves.toBe(0);
    await page.locator('#invites').getByText('Only owners and admins can invite people.').waitFor();
    await page.locator('#members').getByText('Only owners and admins can change roles or remove members.').waitFor();
    await expect(page.locator('#members').getByRole('combobox').count()).resolves.toBe(0);
    // The stage the owner added reached the rep.
    await expect(pipelines(page).getByLabel('Name of stage 6').inputValue()).resolves.toBe('Contract signed');
    await expect(page.locator('#preferences').getByLabel('Language').isEnabled()).resolves.toBe(true);
    await expect(page.locator('#preferences').getByLabel('Theme').isEnabled()).resolves.toBe(true);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'settings-phone-rep');
    expect(unexpected(errors)).toEqual([]);
  });
});
