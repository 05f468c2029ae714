// The built UI chunk (dist/sayso-ui.js) in real Chromium, on a page whose
// stylesheet does `* { all: unset !important }`, hides every button, sets
// `html { font-size: 40px }` and `body { direction: rtl }`: every mode must
// render, stay put, keep the host's CLS at 0 and submit.
import { expect, test, type Page } from '@playwright/test';
import type { Survey } from '../../packages/core/src/index.js';
import { startStaticServer, type StaticServer } from './fixtures/static-server.js';
import { cardBox, settled, show, surveys } from './fixtures/ui.js';

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer();
});
test.afterAll(() => server.close());

const page$ = (path = 'hostile.html') => `${server.url}/test/browser/pages/ui/${path}`;
const nps = (presentation: NonNullable<Survey['presentation']>): Survey => ({ ...surveys.nps, followUp: [], presentation });

async function answerNine(page: Page) {
  await page.getByRole('radio', { name: '9' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('sayso-widget .q')).toHaveText('Thank you for your feedback!');
  expect(await page.evaluate(() => (window as any).sayso.answers)).toEqual([{ score: 9 }]);
}

test('popover in each corner: placed, unaffected by host CSS, no layout shift, submits', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const position of ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const) {
    await page.goto(page$());
    const below = await page.locator('#below').boundingBox();
    await show(page, nps({ mode: 'popover', position }));
    await settled(page);
    await page.waitForTimeout(100); // layout-shift entries arrive asynchronously
    const box = await cardBox(page);
    const [v, hz] = position.split('-');
    expect(v === 'top' ? box.y : 768 - (box.y + box.height)).toBeCloseTo(16, 0);
    expect(hz === 'left' ? box.x : 1024 - (box.x + box.width)).toBeCloseTo(16, 0);
    expect(box.width).toBe(360);
    // 40px root font and serif/red host text must not reach inside.
    const looks = await page.locator('sayso-widget .o').first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontSize, display: s.display, dir: getComputedStyle(el.closest('.p')!).direction, height: el.getBoundingClientRect().height };
    });
    expect(looks).toEqual({ font: '14px', display: 'grid', dir: 'ltr', height: 36 });
    expect(await page.evaluate(() => (window as any).sayso.cls)).toBe(0);
    expect(await page.locator('#below').boundingBox()).toEqual(below);
    await answerNine(page);
  }
});

test('modal: focus moves in, Tab stays inside, Escape dismisses and focus returns', async ({ page }) => {
  await page.goto(page$());
  await page.locator('#host-input').focus();
  await show(page, nps({ mode: 'modal' }));
  await expect(page.getByRole('dialog')).toBeVisible();
  const box = await cardBox(page);
  const vp = page.viewportSize()!;
  expect(Math.abs(box.x + box.width / 2 - vp.width / 2)).toBeLessThan(2);
  await expect(page.getByRole('radio', { name: '0, Not at all likely' })).toBeFocused();
  const inside = () => page.evaluate(() => document.activeElement?.tagName);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await inside()).toBe('SAYSO-WIDGET');
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inside()).toBe('SAYSO-WIDGET');
  }
  await page.keyboard.press('Escape');
  await expect(page.locator('sayso-widget')).toHaveCount(0);
  expect(await page.evaluate(() => [(window as any).sayso.dismissals, document.activeElement?.id])).toEqual([1, 'host-input']);
  expect(await page.evaluate(() => (window as any).sayso.cls)).toBe(0);
  await show(page, nps({ mode: 'modal' }));
  await page.keyboard.press('9');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('sayso-widget .q')).toHaveText('Thank you for your feedback!');
  expect(await page.evaluate(() => (window as any).sayso.answers)).toEqual([{ score: 9 }]);
});

test('prefers-reduced-motion turns the entry animation off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(page$());
  await show(page, nps({ mode: 'popover' }));
  expect(await page.locator('sayso-widget .p').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await show(page, nps({ mode: 'popover' }));
  expect(await page.locator('sayso-widget .p').evaluate((el) => getComputedStyle(el).animationName)).toBe('sy');
});

test('bar at the bottom and the top spans the viewport and submits', async ({ page }) => {
  for (const position of ['bottom', 'top'] as const) {
    await page.goto(page$());
    await show(page, nps({ mode: 'bar', position }));
    await settled(page);
    await page.waitForTimeout(100); // layout-shift entries arrive asynchronously
    const box = await cardBox(page);
    const vp = page.viewportSize()!;
    expect(box.width).toBe(vp.width);
    expect(position === 'top' ? box.y : vp.height - box.y - box.height).toBe(0);
    expect(await page.evaluate(() => (window as any).sayso.cls)).toBe(0);
    await answerNine(page);
  }
});

test('inline renders inside its target only, in the space the host reserved', async ({ page }) => {
  await page.goto(page$());
  const below = await page.locator('#below').boundingBox();
  const slot = (await page.locator('#feedback').boundingBox())!;
  await show(page, nps({ mode: 'inline', target: '#feedback' }));
  expect(await page.locator('#feedback sayso-widget').count()).toBe(1);
  const box = await cardBox(page);
  expect(box.x).toBeGreaterThanOrEqual(slot.x);
  expect(box.y).toBeGreaterThanOrEqual(slot.y);
  expect(box.y + box.height).toBeLessThanOrEqual(slot.y + slot.height);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).sayso.cls)).toBe(0);
  expect(await page.locator('#below').boundingBox()).toEqual(below);
  await answerNine(page);
});

test('tab: the launcher opens the survey on demand', async ({ page }) => {
  await page.goto(page$());
  await page.evaluate((s) => (window as any).sayso.launcher('Feedback', s), nps({ mode: 'tab' }));
  const tab = page.getByRole('button', { name: 'Feedback' });
  await expect(tab).toBeVisible();
  const box = (await tab.boundingBox())!;
  expect(box.x + box.width).toBeCloseTo(page.viewportSize()!.width, 0);
  await tab.click();
  await answerNine(page);
});

test('at 320 px on a touch screen every option is a 44 px target inside the viewport', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(page$());
  expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  await show(page, nps({ mode: 'popover' }));
  const card = await cardBox(page);
  expect(card.x).toBeGreaterThanOrEqual(0);
  expect(card.x + card.width).toBeLessThanOrEqual(320);
  for (const r of await page.getByRole('radio').all()) {
    const b = (await r.boundingBox())!;
    expect(b.width).toBeGreaterThanOrEqual(44);
    expect(b.height).toBeGreaterThanOrEqual(44);
    expect(b.x).toBeGreaterThanOrEqual(card.x);
    expect(b.x + b.width).toBeLessThanOrEqual(card.x + card.width);
  }
  const close = (await page.getByRole('button', { name: 'Close' }).boundingBox())!;
  expect(Math.min(close.width, close.height)).toBeGreaterThanOrEqual(44);
  await page.getByRole('radio', { name: '9' }).tap();
  await page.getByRole('button', { name: 'Submit' }).tap();
  await expect(page.locator('sayso-widget .q')).toHaveText('Thank you for your feedback!');
  await context.close();
});

test('Arabic runs the scale right to left, with arrows mirrored, from its own locale chunk', async ({ page }) => {
  await page.goto(page$());
  await show(page, nps({ mode: 'popover' }), { locale: 'ar' });
  await expect(page.getByRole('button', { name: 'إغلاق' })).toBeVisible();
  const zero = (await page.getByRole('radio', { name: /^0,/ }).boundingBox())!;
  const ten = (await page.getByRole('radio', { name: /^10,/ }).boundingBox())!;
  expect(zero.x).toBeGreaterThan(ten.x);
  await page.getByRole('radio', { name: '5' }).click();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('radio', { name: '6' })).toBeFocused();
  await expect(page.getByRole('radio', { name: '6' })).toHaveAttribute('aria-checked', 'true');
});

test('an offline answer is thanked honestly; a failed one offers a retry', async ({ page }) => {
  await page.goto(page$());
  await page.evaluate(() => ((window as any).sayso.next = 'fail'));
  await show(page, nps({ mode: 'popover' }));
  await page.getByRole('radio', { name: '3' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('alert')).toHaveText('Sorry, your answer could not be saved.');
  await page.evaluate(() => ((window as any).sayso.next = 'offline'));
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('sayso-widget .p')).toContainText('Saved — it will be sent when you are back online.');
  expect(await page.evaluate(() => (window as any).sayso.answers.length)).toBe(2);
});

test('host CSS themes it through --sayso-* properties and ::part(), with readable text on the accent', async ({ page }) => {
  await page.goto(page$('a11y.html'));
  await page.addStyleTag({ content: 'sayso-widget { --sayso-accent: #ffeb3b; --sayso-radius: 0px } sayso-widget::part(panel) { border-width: 5px }' });
  await show(page, nps({ mode: 'popover' }));
  await page.getByRole('radio', { name: '7' }).click();
  const picked = await page.getByRole('radio', { name: '7' }).evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
  expect(picked).toEqual(['rgb(255, 235, 59)', 'rgb(0, 0, 0)']);
  const card = await page.locator('sayso-widget .p').evaluate((el) => [getComputedStyle(el).borderTopWidth, getComputedStyle(el).borderTopLeftRadius]);
  expect(card).toEqual(['5px', '0px']);
  // The config's accent applies when the host sets none; blue gets white text.
  await page.goto(page$('a11y.html'));
  await show(page, { ...nps({ mode: 'popover' }), theme: { accent: '#1d4ed8' } });
  await page.getByRole('radio', { name: '7' }).click();
  expect(await page.getByRole('radio', { name: '7' }).evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual([
    'rgb(29, 78, 216)',
    'rgb(255, 255, 255)',
  ]);
});

test('the auto scheme follows prefers-color-scheme', async ({ page }) => {
  await page.goto(page$('a11y.html'));
  const bg = () => page.locator('sayso-widget .p').evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await show(page, nps({ mode: 'popover' }));
  expect(await bg()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await bg()).toBe('rgb(31, 32, 35)');
  await show(page, { ...nps({ mode: 'popover' }), theme: { scheme: 'light' } });
  expect(await bg()).toBe('rgb(255, 255, 255)');
});

test("a modal never fights the host page's own focus trap", async ({ page }) => {
  await page.goto(page$('a11y.html'));
  // The host keeps focus in its own search box, as a host dialog's trap would.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'trap';
    input.setAttribute('aria-label', 'Search');
    document.querySelector('main')!.append(input);
    (window as any).pulls = 0;
    document.addEventListener('focusin', (e) => {
      if (e.target !== input) {
        (window as any).pulls++;
        input.focus();
      }
    });
    input.focus();
  });
  await show(page, nps({ mode: 'modal' }));
  await page.waitForTimeout(200);
  // The widget tried once on open, then let the host win: no ping-pong.
  expect(await page.evaluate(() => [document.activeElement?.id, (window as any).pulls])).toEqual(['trap', 1]);
  // Each Tab is one browser focus move the host undoes; the widget adds none.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => [document.activeElement?.id, (window as any).pulls])).toEqual(['trap', 3]);
  await page.getByRole('radio', { name: '8' }).click({ force: true });
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('trap');
});
