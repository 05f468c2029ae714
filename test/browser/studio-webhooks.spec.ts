// The studio's Webhooks screen in Chromium against a real collector whose
// dispatcher sends to a real receiver on loopback (allowed by its config):
// an admin makes an endpoint with the keyboard alone, copies the secret,
// sends a test event, sees it delivered in the log, and the receiver checks
// the signature with that secret (the standardwebhooks package); an
// endpoint the receiver answers 410 is disabled and every screen then
// shows the notice to admins. axe clean, in forced colours too; one column
// at 320 px.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../../packages/collector/src/webhooks/test-receiver.js';
import { SECRET, signIn, startStudio, violations, type Studio } from './fixtures/studio.js';

let studio: Studio;
let receiver: Receiver;
test.beforeAll(async () => {
  studio = await startStudio(undefined, { webhooks: { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.00001, pollMs: 50 } });
  receiver = await startReceiver();
});
test.afterAll(async () => {
  await receiver.close();
  await studio.close();
});

/** Presses Tab until `target` has focus (each stop must show its focus), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((e) => e === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
    const shown = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return true;
      const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    });
    expect(shown, 'every focus stop shows its focus').toBe(true);
  }
  throw new Error(`Tab never reached ${target}`);
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('an admin makes an endpoint by keyboard, copies the secret, sends a test event and sees it delivered; axe clean', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: studio.url });
  receiver.answer(() => ({ status: 200, body: '<b>received</b>' }));
  const before = receiver.received.length;
  await signIn(page, studio, 'admin@shop.test');
  await tabTo(page, page.getByRole('link', { name: 'Webhooks', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
  await expect(page.getByText('No webhook endpoints for this site yet.')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await tabTo(page, page.getByLabel('URL'));
  await page.keyboard.type(`${receiver.url}/studio`);
  const closed = page.getByRole('checkbox', { name: 'response.closed' });
  await tabTo(page, closed);
  await page.keyboard.press('Space');
  await expect(closed).toBeChecked();
  await tabTo(page, page.getByLabel('Score at most'));
  await page.keyboard.type('6');
  await tabTo(page, page.getByRole('button', { name: 'Add endpoint' }));
  await page.keyboard.press('Enter');

  const box = page.getByRole('textbox', { name: 'Signing secret' });
  await expect(box).toBeVisible();
  await expect(page).toHaveURL(/\/studio\/webhooks\/[0-9a-f-]{36}$/);
  const secret = await box.inputValue();
  expect(secret).toMatch(/^whsec_/);
  await tabTo(page, page.getByRole('button', { name: 'Copy secret' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  await tabTo(page, page.getByRole('button', { name: 'Send test event' }));
  await page.keyboard.press('Enter');
  const delivery = page.locator('ol.deliveries li').first();
  await expect(delivery.locator('.status')).toHaveText('delivered');
  await expect(delivery.getByRole('cell', { name: 'HTTP 200' })).toBeVisible();
  // The receiver's text is shown as text.
  await expect(delivery.locator('code', { hasText: '<b>received</b>' })).toBeVisible();
  await expect(delivery.locator('b')).toHaveCount(0);
  const got = receiver.received[before]!;
  expect((new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { type: string }).type).toBe('webhook.test');

  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ forcedColors: 'none' });

  // A bad field by keyboard: the error is beside it and it has focus.
  await page.getByRole('link', { name: 'All webhook endpoints' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`${receiver.url}/studio`) })).toContainText('score at most 6');
  await page.getByLabel('URL').fill('ftp://example.com/');
  await page.getByLabel('URL').press('Enter');
  await expect(page.getByText('must be an http: or https: URL')).toBeVisible();
  await expect(page.getByLabel('URL')).toBeFocused();
  expect(await violations(page)).toEqual([]);

  // 320 px (400 % zoom): one column, nothing scrolls sideways, on both views.
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.getByRole('link', { name: `${receiver.url}/studio` }).click();
  await expect(page.locator('ol.deliveries li').first()).toBeVisible();
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
});

test('an endpoint the receiver answers 410 is disabled, and admins see the notice on every screen; viewers do not', async ({ browser }) => {
  receiver.answer(() => ({ status: 410, body: 'gone' }));
  const api = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${studio.url}/v1/admin/sites/shop/webhooks${path}`, {
      method,
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((r) => r.json() as Promise<Record<string, any>>);
  const made = await api('', 'POST', { url: `${receiver.url}/gone`, eventTypes: ['response.created'] });
  const id = made.endpoint.id as string;
  await api(`/${id}/test`, 'POST');
  await expect.poll(async () => (await api(`/${id}`)).endpoint.needsAttention, { timeout: 15_000 }).toBe(true);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, studio, 'admin@shop.test');
  const notice = page.getByRole('region', { name: 'Disabled webhook endpoints' });
  await expect(notice).toContainText(`Webhook endpoint ${receiver.url}/gone was disabled on`);
  await expect(notice).toContainText('the endpoint answered 410 Gone.');
  await page.getByRole('link', { name: 'Report' }).click();
  await expect(notice).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ forcedColors: 'active' });
  expect(await violations(page)).toEqual([]);
  await page.emulateMedia({ forcedColors: 'none' });
  await notice.getByRole('link', { name: 'Open webhooks' }).click();
  await expect(page.getByRole('heading', { name: `${receiver.url}/gone`, level: 1 })).toBeVisible();
  await expect(page.getByText(/^Disabled on .+: the endpoint answered 410 Gone\.$/)).toBeVisible();
  await expect(page.locator('ol.deliveries li').first().getByRole('cell', { name: 'HTTP 410' })).toBeVisible();

  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, studio, 'viewer@shop.test');
  await expect(viewer.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(viewer.getByRole('link', { name: 'Webhooks', exact: true })).toHaveCount(0);
  await expect(viewer.getByRole('region', { name: 'Disabled webhook endpoints' })).toHaveCount(0);
  await viewer.goto(`${studio.url}/studio/webhooks`);
  await expect(viewer.getByText(/Webhooks are managed by admins/)).toBeVisible();

  // The receiver is back and the endpoint enabled again: the notice goes (the 410's retry, still due, is then delivered).
  receiver.answer(() => ({ status: 200 }));
  await page.getByLabel(/^Enabled/).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('ol.deliveries li').first().locator('.status')).toHaveText('delivered', { timeout: 15_000 });
});
