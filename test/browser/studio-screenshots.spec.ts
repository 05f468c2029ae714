// Writes the studio's screenshots shown in packages/collector/README.md
// (docs/studio-*.png): the surveys list, the editor with its live preview,
// the report and the inbox, over the demo's synthetic answers fixed to a date.
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startReceiver, type Receiver } from '../../packages/collector/src/webhooks/test-receiver.js';
import { SECRET, signIn, startStudio, type Studio } from './fixtures/studio.js';

let studio: Studio;
let receiver: Receiver;
const docs = (name: string) => fileURLToPath(new URL(`../../packages/collector/docs/${name}`, import.meta.url));

test.beforeAll(async () => {
  studio = await startStudio([
    {
      id: 'demo',
      name: 'Acme',
      origins: [],
      segments: ['plan', 'country'],
      surveys: [
        { id: 'nps', kind: 'nps', question: 'How likely are you to recommend Acme?' },
        { id: 'csat', kind: 'csat', question: 'How satisfied are you with checkout?', scale: { min: 1, max: 5, style: 'stars' }, triggers: [{ type: 'event', name: 'checkout', delayMs: 2000 }] },
        { id: 'upgrade-ces', kind: 'ces', question: 'Upgrading was easy.' },
      ],
    },
  ], { webhooks: { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.00001, pollMs: 50 } });
  receiver = await startReceiver();
  const { seedDemoData } = await import('../../packages/collector/src/demo.js');
  await seedDemoData(studio.collector.storage as never, 'demo', 3000, Date.parse('2026-11-20T12:00:00Z'));
});
test.afterAll(async () => {
  await receiver.close();
  await studio.close();
});

test('studio screenshots: surveys, editor with preview, report', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  // No entrance animation: the preview's card is drawn whole, not caught half faded in.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await signIn(page, studio, 'admin@shop.test');
  await expect(page.locator('tr[data-survey="nps"] td.num').nth(1)).not.toHaveText('–');
  await page.screenshot({ path: docs('studio-surveys.png') });

  await page.getByRole('link', { name: 'csat', exact: true }).click();
  const frame = page.frameLocator('iframe[title="Survey preview"]');
  await expect(frame.locator('sayso-widget .p')).toContainText('How satisfied are you with checkout?');
  await page.screenshot({ path: docs('studio-editor.png') });

  await page.getByRole('link', { name: 'Report' }).click();
  await page.getByLabel('From').fill('2026-08-23');
  await page.getByLabel('To').fill('2026-11-20');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('section[data-survey="nps"] canvas')).toHaveCount(2);
  await expect(page.locator('section[data-survey="nps"] table.bands')).toContainText('Promoters');
  await expect(page.locator('section[data-survey="nps"] ul.comments li strong').first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: docs('studio-report.png') });
});

test('studio screenshot: the inbox, detractors with a comment, some taken up', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // A team at work: the newest few detractor answers assigned, tagged, in progress or closed (through the admin API).
  const api = (path: string, init: RequestInit = {}) => fetch(`${studio.url}/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', ...init.headers } });
  const admin = (await studio.collector.storage.users.byEmail('admin@shop.test'))!;
  const page1 = (await (await api('/sites/demo/responses?survey=nps&band=detractor&hasComment=true&limit=4')).json()) as { responses: Array<{ id: string; etag: string }> };
  const changes = [{ status: 'in_progress', assignee: admin.id, tags: ['pricing'] }, { status: 'closed', assignee: admin.id, tags: ['bug', 'checkout'] }, { tags: ['vip'] }];
  for (const [i, body] of changes.entries()) {
    const r = page1.responses[i]!;
    expect((await api(`/sites/demo/responses/${r.id}`, { method: 'PATCH', headers: { 'if-match': r.etag }, body: JSON.stringify(body) })).status).toBe(200);
  }
  await signIn(page, studio, 'admin@shop.test');
  await page.goto(`${studio.url}/studio/responses?site=demo&survey=nps&band=detractor&hasComment=true`);
  await expect(page.locator('ul.keyboard-list > li')).toHaveCount(25);
  await page.locator('ul.keyboard-list > li > a').first().focus();
  await page.screenshot({ path: docs('studio-inbox.png') });
});

test('studio screenshots: webhooks, with the notice of a disabled endpoint, and a delivery log', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // The CRM's first answer is a 503, then it takes everything; the old hook is gone.
  receiver.answer((r, i) => (r.path === '/old-hook' ? { status: 410, body: 'gone' } : i === 0 ? { status: 503, body: 'busy, try later' } : { status: 200, body: '{"ok":true}' }));
  const api = (path: string, body?: unknown) =>
    fetch(`${studio.url}/v1/admin/sites/demo/webhooks${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then((r) => r.json() as Promise<Record<string, any>>);
  const crm = (await api('', { url: `${receiver.url}/crm`, eventTypes: ['response.created', 'response.closed'], description: 'Detractor follow-up in the CRM', filters: { bands: ['detractor'], hasComment: true } })).endpoint.id as string;
  await api('', { url: `${receiver.url}/analytics`, eventTypes: ['response.created'], filters: { surveys: ['nps'], attribute: { key: 'plan', value: 'pro' } } });
  const old = (await api('', { url: `${receiver.url}/old-hook`, eventTypes: ['alert.triggered'] })).endpoint.id as string;
  await api(`/${crm}/test`, {});
  await api(`/${old}/test`, {});
  await expect.poll(async () => (await api(`/${old}`)).endpoint.needsAttention, { timeout: 15_000 }).toBe(true);
  await api(`/${crm}/test`, {});
  await signIn(page, studio, 'admin@shop.test');
  await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Disabled webhook endpoints' })).toBeVisible();
  await expect(page.locator(`tr[data-endpoint="${crm}"]`)).toContainText('delivered');
  await page.screenshot({ path: docs('studio-webhooks.png') });
  await page.getByRole('link', { name: `${receiver.url}/crm` }).click();
  const log = page.locator('section[aria-labelledby="log-title"]');
  await expect(log.locator('ol.deliveries li')).toHaveCount(2);
  await expect(log.locator('ol.deliveries li .status')).toHaveText(['delivered', 'delivered']);
  await log.screenshot({ path: docs('studio-webhooks-log.png') });
});
