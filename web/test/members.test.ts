import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalHost, type LocalHost } from '@quorum/cloud';
import { createTestDatabase, type TestDatabase } from '../../cloud/test/support/test-db';
import { launchChromium, screenshot, screenshotOf, VIEWPORTS, watchPage } from './support/browser';

/**
 * Members and roles in Debian's Chromium against the local host and the built portal (no Galera
 * lab: nothing here needs a cluster). The owner invites a viewer from Settings → Members and copies
 * the link shown once; the invitee opens it in a fresh browser on a phone, signs up with just a
 * password and lands on the overview as a viewer with no admin control anywhere; the owner makes
 * them operator, then removes them; the removed member's next API call is 401 and the portal sends
 * them to log in. Then: a used link explains itself, a refusal shows the control plane's reason, and
 * someone with an account logs in from the link, comes back to it and accepts.
 */
const ORG = 'Acme Shop';
const OWNER = { email: `owner-${Date.now()}@example.com`, password: 'a long enough owner password' };
const INVITEE = { email: `new-viewer-${Date.now()}@example.com`, password: 'a long enough viewer password' };
const LONG = { timeout: 30_000 };

let db: TestDatabase;
let dataDir: string;
let host: LocalHost;
let browser: Browser;
let ownerContext: BrowserContext;
let owner: Page;
let ownerWatch: { problems: string[] };
let inviteeContext: BrowserContext;
let invitee: Page;
let inviteeWatch: { problems: string[] };
let link: string;

const noSidewaysScroll = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const memberRow = (p: Page, email: string) => p.locator(`li[data-member="${email}"]`);

before(async () => {
  browser = await launchChromium();
  db = await createTestDatabase('web_members');
  dataDir = mkdtempSync(join(tmpdir(), 'quorum-web-members-'));
  host = await startLocalHost({ dataDir, port: 0, databaseUrl: db.url, logLevel: 'warn', schedule: false });
  ownerContext = await browser.newContext(VIEWPORTS.desktop);
  await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  // Layout shifts (content jumping as data arrives), as the browser reports them.
  await ownerContext.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  owner = await ownerContext.newPage();
  ownerWatch = watchPage(owner);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  await db?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the owner signs up and invites a viewer; the link is shown once, with a copy button', async () => {
  await owner.goto(`${host.url}/signup`);
  await owner.getByLabel('Organization').fill(ORG);
  await owner.getByLabel('Email').fill(OWNER.email);
  await owner.getByLabel('Password').fill(OWNER.password);
  await owner.getByRole('button', { name: 'Create account' }).click();
  await owner.getByRole('heading', { name: 'No clusters yet — enroll an agent' }).waitFor(LONG);

  await owner.goto(`${host.url}/settings/members`);
  await memberRow(owner, OWNER.email).waitFor(LONG);
  await owner.getByText('No pending invitations.').waitFor(LONG);
  assert.ok((await owner.evaluate(() => (window as unknown as { __cls: number }).__cls)) < 0.05, 'nothing jumps while the lists load');
  // The only owner: no role select and no Leave for them.
  const me = memberRow(owner, OWNER.email);
  assert.match(await me.innerText(), /\(you\)[\s\S]*owner[\s\S]*the last owner/);
  assert.equal(await me.getByRole('combobox').count(), 0);
  assert.equal(await me.getByRole('button').count(), 0);

  // By keyboard: the email, Tab to the role, Tab to Invite, Enter.
  const inviteRole = owner.locator('form.invite select[name="role"]');
  assert.deepEqual(await inviteRole.locator('option').allInnerTexts(), ['viewer', 'operator', 'admin', 'owner'], 'an owner may invite any role');
  await owner.getByLabel('Email').focus();
  await owner.keyboard.type(INVITEE.email);
  await owner.keyboard.press('Tab');
  assert.equal(await owner.evaluate(() => document.activeElement?.getAttribute('name')), 'role');
  assert.equal(await inviteRole.inputValue(), 'viewer', 'least privilege by default');
  await owner.keyboard.press('Tab');
  assert.equal(await owner.evaluate(() => document.activeElement?.textContent?.trim()), 'Invite');
  await owner.keyboard.press('Enter');

  const shown = owner.getByTestId('invitation-link');
  await shown.waitFor(LONG);
  assert.match(await shown.innerText(), new RegExp(`${INVITEE.email.replace(/[.]/g, '\\.')} is invited as viewer`));
  link = (await shown.locator('pre').innerText()).trim();
  assert.ok(link.startsWith(`${host.url}/invitations/`), link);
  assert.match(link, /\/invitations\/qri_[A-Za-z0-9_-]{43}$/);
  // This host has no SMTP: the link was not emailed, and the page says why (the link is the way).
  assert.match(await shown.getByTestId('invitation-not-emailed').innerText(), /Not emailed: email is not configured/);
  await shown.getByRole('button', { name: /Copy/ }).click();
  await shown.getByText('Copied').waitFor();
  assert.equal(await owner.evaluate(() => navigator.clipboard.readText()), link);
  await screenshotOf(shown, 'members-invitation-link');

  const pendingRow = owner.locator(`li[data-invitation="${INVITEE.email}"]`);
  await pendingRow.waitFor(LONG);
  assert.match(await pendingRow.innerText(), /viewer[\s\S]*expires/);
  await screenshot(owner, 'members-invited-desktop');
  // Leave the page and come back: the link is not shown again.
  await owner.goto(`${host.url}/settings/api-tokens`);
  await owner.goto(`${host.url}/settings/members`);
  await pendingRow.waitFor(LONG);
  assert.equal(await owner.getByTestId('invitation-link').count(), 0);
});

test('the invitee opens the link on a phone, signs up with a password and lands on the overview as a viewer, without admin controls', async () => {
  inviteeContext = await browser.newContext(VIEWPORTS.phone);
  invitee = await inviteeContext.newPage();
  inviteeWatch = watchPage(invitee);
  await invitee.goto(link);
  await invitee.getByRole('heading', { name: `Join ${ORG} as viewer` }).waitFor(LONG);
  assert.match(await invitee.locator('main').innerText(), /As a viewer, you can see everything but change nothing/);
  const email = invitee.getByLabel('Email');
  assert.equal(await email.inputValue(), INVITEE.email);
  assert.equal(await email.getAttribute('readonly'), '');
  const login = invitee.getByRole('link', { name: 'Log in first' });
  assert.equal(await login.getAttribute('href'), `/login?next=${encodeURIComponent(new URL(link).pathname)}`, 'logging in comes back here');
  assert.equal(await noSidewaysScroll(invitee), true, 'no sideways scrolling on a phone');
  await screenshot(invitee, 'invitation-signup-phone');

  await invitee.getByLabel('Choose a password').fill(INVITEE.password);
  await invitee.getByRole('button', { name: 'Create account and join' }).click();
  await invitee.waitForURL((u) => u.pathname === '/', LONG);
  await invitee.getByRole('heading', { name: 'No clusters yet', exact: true }).waitFor(LONG);
  assert.equal(await invitee.getByRole('link', { name: 'Enroll an agent' }).count(), 0, 'a viewer is not offered to enroll');
  const me = await invitee.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()));
  assert.deepEqual([me.activeOrganization.name, me.activeOrganization.role, me.memberships.length], [ORG, 'viewer', 1]);

  await invitee.goto(`${host.url}/agents`);
  await invitee.getByRole('heading', { name: 'Agents', exact: true }).waitFor(LONG);
  assert.equal(await invitee.getByRole('button', { name: 'Create enrollment token' }).count(), 0);

  await invitee.goto(`${host.url}/settings/members`);
  await memberRow(invitee, INVITEE.email).waitFor(LONG);
  assert.equal(await invitee.getByRole('button', { name: 'Invite' }).count(), 0, 'no invite form');
  assert.equal(await invitee.getByRole('combobox').count(), 0, 'no role select');
  assert.equal(await invitee.getByText('Pending invitations').count(), 0);
  assert.equal(await memberRow(invitee, OWNER.email).getByRole('button').count(), 0, 'cannot remove the owner');
  assert.deepEqual(await memberRow(invitee, INVITEE.email).getByRole('button').allInnerTexts(), ['Leave…'], 'may only leave');
  assert.equal(await noSidewaysScroll(invitee), true);
  await screenshot(invitee, 'members-viewer-phone');
  assert.deepEqual(inviteeWatch.problems, []);
});

test('the owner makes them operator, then removes them; their next call is 401 and the portal sends them to log in', async () => {
  await owner.reload();
  const row = memberRow(owner, INVITEE.email);
  await row.waitFor(LONG);
  await owner.getByText('No pending invitations.').waitFor(LONG);

  const select = row.getByRole('combobox', { name: `Role of ${INVITEE.email}` });
  const save = row.getByRole('button', { name: `Save the role of ${INVITEE.email}` });
  assert.equal(await select.inputValue(), 'viewer');
  assert.equal(await save.isDisabled(), true, 'nothing to save yet');
  await select.selectOption('operator');
  assert.match(await row.innerText(), /runs operations on clusters/, 'the role is explained as it is picked');
  await save.focus();
  await owner.keyboard.press('Enter');
  await owner.waitForFunction((email) => {
    const row = document.querySelector(`li[data-member="${email}"]`);
    const button = row?.querySelector('button[aria-label^="Save"]') as HTMLButtonElement | null;
    return (row?.querySelector('select') as HTMLSelectElement | null)?.value === 'operator' && button?.disabled === true && button.textContent?.trim() === 'Save';
  }, INVITEE.email, LONG);
  const asInvitee = await invitee.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()));
  assert.equal(asInvitee.activeOrganization.role, 'operator', 'their open session has the new role at once');

  // The owner's page on a phone: rows stack, nothing scrolls sideways.
  await owner.setViewportSize(VIEWPORTS.phone.viewport);
  assert.equal(await noSidewaysScroll(owner), true, 'no sideways scrolling on a phone');
  await screenshot(owner, 'members-owner-phone');
  await owner.setViewportSize(VIEWPORTS.desktop.viewport);

  await row.getByRole('button', { name: `Remove ${INVITEE.email}` }).click();
  const dialog = owner.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('heading').innerText(), `Remove ${INVITEE.email} from ${ORG}?`);
  assert.match(await dialog.innerText(), /their sessions in it end and the API tokens they made in it are revoked/);
  await screenshotOf(dialog, 'members-remove-dialog');
  await dialog.getByRole('button', { name: 'Remove member' }).click();
  await row.waitFor({ state: 'detached', ...LONG });
  assert.equal(await dialog.isVisible(), false);

  const status = await invitee.evaluate(() => fetch('/api/v1/clusters').then((r) => r.status));
  assert.equal(status, 401, 'the removed member’s next API call');
  await invitee.goto(`${host.url}/`);
  await invitee.waitForURL((u) => u.pathname === '/login', LONG);
  await invitee.getByRole('heading', { name: 'Log in' }).waitFor();

  assert.deepEqual(ownerWatch.problems, []);
  assert.deepEqual(inviteeWatch.problems, []);
});

test('a used link explains itself; a refused role change shows the control plane’s reason', async () => {
  const p = await inviteeContext.newPage();
  await p.goto(link);
  await p.getByRole('heading', { name: 'This invitation was already used' }).waitFor(LONG);
  await p.close();

  // A second owner is invited and joins; the page of the first still believes it is the only one,
  // so the second owner's demotion of the first by the API makes the first's next change refused.
  await owner.goto(`${host.url}/settings/members`);
  const second = `second-owner-${Date.now()}@example.com`;
  await owner.getByLabel('Email').fill(second);
  await owner.locator('form.invite select[name="role"]').selectOption('owner');
  await owner.getByRole('button', { name: 'Invite' }).click();
  const token = ((await owner.getByTestId('invitation-link').locator('pre').innerText()).trim().split('/').pop()) as string;
  const context = await browser.newContext(VIEWPORTS.desktop);
  try {
    const other = await context.newPage();
    await other.goto(host.url + '/login');
    const signedUp = await other.evaluate(
      async ({ email, token }) => (await fetch('/api/v1/auth/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'a long enough second password', invitationToken: token }) })).status,
      { email: second, token },
    );
    assert.equal(signedUp, 201);
    await owner.reload();
    const secondRow = memberRow(owner, second);
    await secondRow.waitFor(LONG);
    // The second owner demotes the first behind the page's back.
    const ownerId = await owner.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()).then((m) => m.user.id as string));
    const demoted = await other.evaluate(
      async (id) => (await fetch(`/api/v1/organization/members/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin' }) })).status,
      ownerId,
    );
    assert.equal(demoted, 200);
    await secondRow.getByRole('combobox').selectOption('admin');
    await secondRow.getByRole('button', { name: /^Save/ }).click();
    const notice = owner.getByRole('alert').filter({ hasText: 'only an owner can change the role of an owner (you are admin)' });
    await notice.waitFor(LONG);
    assert.equal(await secondRow.getByRole('combobox').count(), 0, 'the list reloaded: an admin no longer edits an owner');
    await screenshot(owner, 'members-refused-desktop');
  } finally {
    await context.close();
  }
  // The refusal itself is the one console error (Chromium logs every 4xx answer).
  assert.deepEqual(ownerWatch.problems.filter((p) => !/status of 403/.test(p)), []);
});

test('someone with an account logs in first from the link, comes back to it, and accepts', async () => {
  const existing = { email: `existing-${Date.now()}@example.com`, password: 'a long enough existing password' };
  const context = await browser.newContext(VIEWPORTS.desktop);
  try {
    const p = await context.newPage();
    const watch = watchPage(p);
    await p.goto(`${host.url}/signup`);
    await p.getByLabel('Organization').fill('Their Own Shop');
    await p.getByLabel('Email').fill(existing.email);
    await p.getByLabel('Password').fill(existing.password);
    await p.getByRole('button', { name: 'Create account' }).click();
    await p.getByRole('heading', { name: 'No clusters yet — enroll an agent' }).waitFor(LONG);
    await p.evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' } }));

    await owner.goto(`${host.url}/settings/members`);
    await owner.getByLabel('Email').fill(existing.email);
    await owner.locator('form.invite select[name="role"]').selectOption('operator');
    await owner.getByRole('button', { name: 'Invite' }).click();
    const existingLink = (await owner.getByTestId('invitation-link').locator('pre').innerText()).trim();

    await p.goto(existingLink);
    await p.getByRole('heading', { name: `Join ${ORG} as operator` }).waitFor(LONG);
    await p.getByRole('link', { name: 'Log in first' }).click();
    await p.waitForURL((u) => u.pathname === '/login', LONG);
    await p.getByLabel('Email').fill(existing.email);
    await p.getByLabel('Password').fill(existing.password);
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.waitForURL((u) => u.pathname === new URL(existingLink).pathname, LONG);
    assert.match(await p.locator('main').innerText(), new RegExp(`You are logged in as ${existing.email.replace(/[.]/g, '\\.')}`));
    await p.getByRole('button', { name: `Accept and join ${ORG}` }).click();
    await p.waitForURL((u) => u.pathname === '/', LONG);
    await p.getByRole('heading', { name: 'Clusters' }).waitFor(LONG);
    const me = await p.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()));
    assert.deepEqual([me.activeOrganization.name, me.activeOrganization.role, me.memberships.length], [ORG, 'operator', 2]);
    assert.deepEqual(watch.problems, []);
  } finally {
    await context.close();
  }
});
