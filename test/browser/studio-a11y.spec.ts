// The studio with the keyboard alone, and its other accessibility promises:
// the editor end to end by Tab, Enter and typing (focus always visible),
// axe clean on the screens the other specs do not visit (users), in forced
// colours too, a narrow (tablet, or 400 % zoom) layout without sideways
// scrolling, and no motion when reduced motion is asked for.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PASSWORD, SECRET, signIn, startStudio, violations, type Studio } from './fixtures/studio.js';

let studio: Studio;
test.beforeAll(async () => {
  studio = await startStudio();
});
test.afterAll(() => studio.close());

/** Presses Tab until `target` has focus (each stop must show its focus), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 300): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((e) => e === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
    const shown = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body || e.tagName === 'IFRAME') return true;
      const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    });
    expect(shown, 'every focus stop shows its focus').toBe(true);
  }
  throw new Error(`Tab never reached ${target}`);
}

test('the editor with the keyboard alone: template, fields, a property test, a URL rule, save', async ({ page }) => {
  await page.goto(`${studio.url}/studio`);
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type('editor@shop.test');
  await page.keyboard.press('Tab');
  await page.keyboard.type('studio test password 0123');
  await page.keyboard.press('Enter');
  const template = page.getByRole('link', { name: 'Use “CSAT after checkout”' });
  await expect(template).toBeVisible();
  await tabTo(page, template);
  await page.keyboard.press('Enter');
  const question = page.getByRole('textbox', { name: 'Question', exact: true });
  await expect(question).toHaveValue('How satisfied are you with your checkout?');
  await tabTo(page, question);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('How did checkout go?');
  const trigger = page.getByRole('group', { name: 'Trigger 1' });
  await tabTo(page, trigger.getByRole('button', { name: 'Add property test' }));
  await page.keyboard.press('Enter');
  // The new row's first box is the next stop.
  const row = trigger.getByRole('group', { name: 'property test 1' });
  await tabTo(page, row.getByLabel('Property'));
  await page.keyboard.type('total');
  await page.keyboard.press('Tab');
  await expect(row.getByLabel('Test')).toBeFocused();
  // A select moves with the arrow keys: eq → neq → contains → not-contains → gt.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(row.getByLabel('Test')).toHaveValue('gt');
  await page.keyboard.press('Tab');
  await page.keyboard.type('100');
  await tabTo(page, trigger.getByRole('button', { name: 'Add include rule' }));
  await page.keyboard.press('Space');
  await tabTo(page, trigger.getByRole('group', { name: 'include rule 1' }).getByLabel('URL or pattern'));
  await page.keyboard.type('/checkout/*');
  // An error is reachable from the summary by keyboard: empty the sample box with letters, follow the link.
  const sample = page.getByLabel('Sample (% of visitors)');
  await tabTo(page, sample);
  await page.keyboard.type('half');
  const link = page.locator('.error-summary a', { hasText: 'targeting.sample' });
  await expect(link).toBeVisible();
  await page.keyboard.press('Shift+Tab');
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(sample).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50');
  await expect(page.locator('.error-summary')).toHaveCount(0);
  const save = page.getByRole('button', { name: 'Create draft' });
  await tabTo(page, save);
  await page.keyboard.press('Enter');
  await expect(page.locator('h1 .status')).toHaveText('draft');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page).toHaveURL(`${studio.url}/studio/surveys/shop/csat-checkout`);
  // Focus stays on the button that saved (nothing re-mounted under the keyboard).
  await expect(page.getByRole('button', { name: 'Saved' })).toBeFocused();
});

test('users (admin): add, change a role, disable; axe clean, in forced colours too', async ({ page }) => {
  await signIn(page, studio, 'admin@shop.test');
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.locator('tr[data-user="viewer@shop.test"]')).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill('ana@shop.test');
  await page.getByLabel('Password', { exact: true }).fill('a long enough password');
  await page.getByLabel('Role', { exact: true }).selectOption('publisher');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added ana@shop.test.' })).toBeVisible();
  await page.getByLabel('Role of ana@shop.test').selectOption('viewer');
  await expect(page.getByRole('status').filter({ hasText: 'ana@shop.test is now viewer.' })).toBeVisible();
  await page.getByRole('button', { name: 'Disable ana@shop.test' }).click();
  await expect(page.getByRole('button', { name: 'Enable ana@shop.test' })).toBeVisible();
  // The admin cannot lock themselves out from here.
  await expect(page.getByLabel('Role of admin@shop.test')).toBeDisabled();
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await violations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Sites' }).click();
  await expect(page.getByRole('heading', { name: 'Add a site' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('narrow screens and 400 % zoom: one column, nothing scrolls sideways; reduced motion stops animations', async ({ page }) => {
  // 1280 px at 400 % zoom is 320 CSS px wide (WCAG 1.4.10 reflow).
  await page.setViewportSize({ width: 320, height: 640 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await signIn(page, studio, 'editor@shop.test');
  for (const path of ['/studio/surveys', '/studio/surveys/shop/new?template=ces-support', '/studio/report', '/studio/sites', '/studio/activity', '/studio/requests', '/studio/tokens']) {
    await page.goto(`${studio.url}${path}`);
    await expect(page.locator('main h1')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  // The editor's preview sits under the form, full width.
  await page.goto(`${studio.url}/studio/surveys/shop/new?template=ces-support`);
  const form = await page.locator('form.form').boundingBox();
  const preview = await page.locator('section.preview').boundingBox();
  expect(preview!.y).toBeGreaterThan(form!.y + form!.height - 1);
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => getComputedStyle(e).animationName !== 'none' || parseFloat(getComputedStyle(e).transitionDuration) > 0).length);
  expect(moving).toBe(0);
  // A tablet: the navigation and the editor still fit.
  await page.setViewportSize({ width: 768, height: 1024 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});

test('publish requests: an editor asks, a publisher sees the diff and approves; tokens and restore; axe clean on each new screen', async ({ browser }) => {
  test.setTimeout(120_000);
  // Two accounts of their own, made through the admin API as automation would (the config secret is an admin).
  const add = (email: string, role: string) =>
    fetch(`${studio.url}/v1/admin/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD, role }),
    }).then((r) => expect(r.status).toBe(201));
  await add('eva@shop.test', 'editor');
  await add('paul@shop.test', 'publisher');

  // Eva drafts a CES and asks for a publish.
  const eva = await (await browser.newContext()).newPage();
  await signIn(eva, studio, 'eva@shop.test');
  await eva.goto(`${studio.url}/studio/surveys/shop/new?template=ces-support`);
  await eva.getByRole('textbox', { name: 'Question', exact: true }).fill('How easy was it to get help today?');
  await eva.getByLabel('Response limit').fill('500');
  await eva.getByRole('button', { name: 'Create draft' }).click();
  await expect(eva.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await eva.getByRole('button', { name: 'Ask to publish' }).click();
  await expect(eva.getByRole('status').filter({ hasText: 'Asked a publisher to publish.' })).toBeVisible();
  // Eva sees the request too, without the buttons, and why.
  await eva.getByRole('link', { name: 'Publish requests' }).click();
  await expect(eva.getByRole('region', { name: 'ces-support' })).toBeVisible();
  await expect(eva.getByText('Approving or rejecting needs the publisher role; you have editor.')).toBeVisible();
  await expect(eva.getByRole('button', { name: /Approve/ })).toHaveCount(0);
  expect(await violations(eva)).toEqual([]);

  // Paul reviews the diff and approves.
  const paul = await (await browser.newContext()).newPage();
  await signIn(paul, studio, 'paul@shop.test');
  await paul.getByRole('link', { name: 'Publish requests' }).click();
  const request = paul.getByRole('region', { name: 'ces-support' });
  await expect(request).toContainText('Asked by eva@shop.test');
  // Never published: every field is new against the (absent) live version.
  await expect(request.getByRole('row', { name: /^question / })).toContainText('"How easy was it to get help today?"');
  expect(await violations(paul)).toEqual([]);
  await paul.emulateMedia({ forcedColors: 'active' });
  expect(await violations(paul)).toEqual([]);
  await paul.emulateMedia({ forcedColors: 'none' });
  await request.getByRole('button', { name: 'Approve and publish ces-support' }).click();
  await expect(paul.getByRole('status').filter({ hasText: 'Published ces-support as v1.' })).toBeVisible();
  await expect(paul.getByText('No open requests.')).toBeVisible();
  const live = await fetch(`${studio.url}/v1/admin/sites/shop/surveys/ces-support`, { headers: { authorization: `Bearer ${SECRET}` } }).then((r) => r.json());
  expect(live).toMatchObject({ status: 'live', version: 1, responseLimit: 500, draft: { question: 'How easy was it to get help today?' } });

  // The editor as Paul sees it: the schedule, the versions with Restore; axe clean.
  await paul.goto(`${studio.url}/studio/surveys/shop/ces-support`);
  await expect(paul.getByRole('button', { name: 'Restore v1 as draft' })).toBeVisible();
  await expect(paul.getByLabel('Response limit')).toHaveValue('500');
  expect(await violations(paul)).toEqual([]);

  // Paul's API tokens: an editor token, shown once; axe clean with the token shown.
  await paul.getByRole('link', { name: 'API tokens' }).click();
  await paul.getByLabel('Name').fill('ci deploy');
  await paul.getByLabel(/^Role/).selectOption('editor');
  await paul.getByRole('button', { name: 'Make token' }).click();
  const token = await paul.getByLabel('Token (editor)').inputValue();
  expect(token).toMatch(/^sayso_/);
  const who = await fetch(`${studio.url}/v1/admin/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
  expect(who).toMatchObject({ email: 'paul@shop.test', role: 'editor' });
  expect(await violations(paul)).toEqual([]);
  await paul.getByRole('button', { name: 'Revoke “ci deploy”' }).click();
  await expect(paul.getByText('You have no API tokens.')).toBeVisible();
  expect((await fetch(`${studio.url}/v1/admin/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
});
