// The SDK where the browser keeps nothing: in an opaque-origin sandboxed
// frame (`<iframe sandbox="allow-scripts">`: no storage at all, and Web Locks
// reject with SecurityError) and in a third-party frame whose storage is
// blocked. Real Chromium, the built sayso.js from the collector, a real
// collector storing the answer: it is sent at once from memory, the
// thank-you says how far it got, and one `error` event says records are
// kept in memory only.
import { expect, test, type Frame, type Page } from '@playwright/test';
import { nps, snippet, SDK_PATH } from './fixtures/sdk-pages.js';
import { sdkServers } from './fixtures/sdk-servers.js';

const env = sdkServers();

const QUESTION = 'How likely are you to recommend us?';
const THANKS = 'Thank you for your feedback!';
const UNSAVED = 'Not saved on this device — it will be sent while this page stays open.';

/** A page with the snippet loading sayso.js from the collector, logging the events it hears with their payloads. */
function framed(surveyId: string): string {
  const config = { site: 'demo', endpoint: env.c.url, remoteConfig: false, surveys: [nps({ id: surveyId })] };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>framed</title>
<script>${snippet().replace(SDK_PATH, `${env.c.url}/sdk/sayso.js`)}
sayso('init', ${JSON.stringify(config)});
window.__log = [];
['submit', 'queued', 'delivered', 'error'].forEach(function (n) { sayso('on', n, function (e) { window.__log.push({ type: n, detail: e }); }); });
</script></head><body><p>An embedded widget</p></body></html>`;
}

type Logged = { type: string; detail: { code?: string; message?: string; durability?: string } };
const log = (f: Frame) => f.evaluate(() => (window as unknown as { __log: Logged[] }).__log);
const stored = async (surveyId: string) => (await env.c.responses()).filter((r) => r.surveyId === surveyId);

/** Embeds `inner` (a path on the static server) in a frame with `attrs`; resolves with that frame once the survey shows. */
async function embed(page: Page, inner: string, attrs: string, host = env.s.url): Promise<Frame> {
  env.s.page('/host.html', `<!doctype html><title>host</title><h1>A host page</h1><iframe ${attrs} src="${env.s.url}${inner}" width="600" height="500"></iframe>`);
  await page.goto(`${host}/host.html`);
  const frame = page.frames().find((f) => f.url().endsWith(inner))!;
  await expect(frame.getByText(QUESTION)).toBeVisible();
  return frame;
}

async function answer(frame: Frame): Promise<void> {
  await frame.getByRole('radio', { name: /^9/ }).click();
  await frame.getByRole('button', { name: 'Submit' }).click();
  await expect(frame.locator('sayso-widget [part~=thanks]')).toHaveText(THANKS);
}

test('sandboxed without allow-same-origin: sent at once from memory, thanked as sent, one error on durability', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  env.s.page('/sandboxed.html', framed('sandboxed'));
  const frame = await embed(page, '/sandboxed.html', 'sandbox="allow-scripts"');
  // It really is opaque: no storage, Web Locks refused.
  expect(await frame.evaluate(() => origin)).toBe('null');
  expect(await frame.evaluate(() => navigator.locks.request('x', () => 0).then(() => 'granted', (e: Error) => e.name))).toBe('SecurityError');
  await answer(frame);
  // Delivered before the thank-you settled on its words: no "saved"/"back online" note.
  await expect(frame.locator('sayso-widget [part=offline]')).toHaveCount(0);
  await expect.poll(async () => (await stored('sandboxed')).length, { timeout: 10_000 }).toBe(1);
  const events = await log(frame);
  expect(events.find((e) => e.type === 'submit')!.detail.durability).toBe('memory');
  expect(events.filter((e) => e.type === 'error')).toEqual([
    { type: 'error', detail: expect.objectContaining({ code: 'E_STORAGE_UNAVAILABLE', message: expect.stringMatching(/^indexeddb: .*SecurityError.*; localstorage: .*SecurityError.*; kept in memory$/) }) },
  ]);
  expect(events.filter((e) => e.type === 'delivered').length).toBeGreaterThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('sandboxed, the collector unreachable: the thank-you says it is not saved, and it is sent while the page stays open', async ({ page, context }) => {
  await context.route(`${env.c.url}/v1/responses`, (route) => route.abort('connectionrefused'));
  env.s.page('/sandboxed-later.html', framed('sandboxed-later'));
  const frame = await embed(page, '/sandboxed-later.html', 'sandbox="allow-scripts"');
  await answer(frame);
  await expect(frame.locator('sayso-widget [part=offline]')).toHaveText(UNSAVED);
  await expect(frame.getByText('back online')).toHaveCount(0);
  expect(await stored('sandboxed-later')).toEqual([]);
  await context.unroute(`${env.c.url}/v1/responses`);
  // The sender's backoff timer tries again from memory.
  await expect.poll(async () => (await stored('sandboxed-later')).length, { timeout: 20_000 }).toBe(1);
});

test('a third-party frame whose storage is blocked (getters and IndexedDB throw): sent at once, thanked as sent', async ({ page }) => {
  // As Chromium does for a cross-site frame when the user blocks third-party cookies: every storage access throws.
  await page.addInitScript(() => {
    if (window === window.top) return;
    const denied = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: denied });
    Object.defineProperty(window, 'sessionStorage', { get: denied });
    IDBFactory.prototype.open = denied;
  });
  env.s.page('/third-party.html', framed('third-party'));
  // The host on localhost, the frame on 127.0.0.1: another site. This Chromium then refuses the frame's Web Locks too
  // (SecurityError: "The request was denied."), so before the fix nothing was ever sent from it either.
  const frame = await embed(page, '/third-party.html', '', `http://localhost:${env.s.port}`);
  await answer(frame);
  await expect(frame.locator('sayso-widget [part=offline]')).toHaveCount(0);
  await expect.poll(async () => (await stored('third-party')).length, { timeout: 10_000 }).toBe(1);
  const events = await log(frame);
  expect(events.find((e) => e.type === 'submit')!.detail.durability).toBe('memory');
  expect(events.filter((e) => e.type === 'error').map((e) => e.detail.code)).toEqual(['E_STORAGE_UNAVAILABLE']);
});
