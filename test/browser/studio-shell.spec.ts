// The studio's shell in real Chromium: served at /studio under a strict CSP
// (no inline script or style, nothing from elsewhere), hashed assets cached
// for good, the sign-in form usable with the keyboard alone, its refusals
// said in words, and axe clean.
import { expect, test } from '@playwright/test';
import { PASSWORD, signIn, startStudio, violations, watchErrors, type Studio } from './fixtures/studio.js';

let studio: Studio;
test.beforeAll(async () => {
  studio = await startStudio();
});
test.afterAll(() => studio.close());

test('the shell: strict CSP, hashed immutable assets, no request leaves the collector', async ({ page, request }) => {
  const res = await request.get(`${studio.url}/studio`);
  expect(res.status()).toBe(200);
  const csp = res.headers()['content-security-policy']!;
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("style-src 'self';");
  expect(csp).not.toMatch(/unsafe-inline|nonce-/);
  const html = await res.text();
  // No inline script or style in the shell.
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(html).not.toMatch(/<style|\sstyle=/);
  const js = /src="(\/studio\/assets\/studio-[\w-]{8,}\.js)"/.exec(html)![1]!;
  const asset = await request.get(`${studio.url}${js}`);
  expect(asset.headers()['cache-control']).toContain('immutable');
  // Deep links get the same shell (the app routes them).
  expect((await request.get(`${studio.url}/studio/surveys/shop/new`)).status()).toBe(200);

  const errors = watchErrors(page);
  const external: string[] = [];
  page.on('request', (r) => !r.url().startsWith(studio.url) && external.push(r.url()));
  const csps: string[] = [];
  page.on('console', (m) => /Content Security Policy/.test(m.text()) && csps.push(m.text()));
  await page.goto(`${studio.url}/studio`);
  await expect(page.getByRole('heading', { name: 'Sign in to sayso studio' })).toBeVisible();
  expect(external).toEqual([]);
  expect(csps).toEqual([]);
  expect(errors).toEqual([]);
});

test('sign-in with the keyboard: a wrong pair is said in words, the right one opens the studio', async ({ page }) => {
  await page.goto(`${studio.url}/studio`);
  // Focus starts in the email box; Tab reaches the password, Enter submits.
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type('editor@shop.test');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('not the password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');
  // An unknown email reads the same (no telling which accounts exist).
  await page.getByLabel('Email').fill('nobody@shop.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account.');

  await page.getByLabel('Email').fill('editor@shop.test');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('navigation', { name: 'Studio' })).toBeVisible();
  await expect(page.getByText('editor@shop.test')).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'sayso_studio');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // Users is an admin's screen: an editor does not get the link.
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to sayso studio' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to sayso studio' })).toBeVisible();
});

test('the sign-in page and the signed-in frame have no axe violations; focus is visible', async ({ page }) => {
  await page.goto(`${studio.url}/studio`);
  expect(await violations(page)).toEqual([]);
  await signIn(page, studio, 'admin@shop.test');
  expect(await violations(page)).toEqual([]);
  // The skip link is the first stop and shows itself when focused.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the content' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(outline).not.toBe('none');
});
