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

// Where the card can be reached: above every host element, inside the
// viewport whatever the body's containing block, and scrollable at 400 %
// zoom. Each runs in the top layer and, with the Popover API taken away, in
// the fallback (the host on <html> at the highest z-index).
const overlays: Array<[string, NonNullable<Survey['presentation']>]> = [
  ['popover bottom-right', { mode: 'popover' }],
  ['popover top-left', { mode: 'popover', position: 'top-left' }],
  ['modal', { mode: 'modal' }],
  ['bar bottom', { mode: 'bar' }],
  ['bar top', { mode: 'bar', position: 'top' }],
];
const noTopLayer = () => {
  delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover;
};
const layers = [
  ['top layer', false],
  ['no top layer', true],
] as const;
const stacking = (query: string) => page$(`stacking.html${query}`);
const tabSurvey = (page: Page, survey = nps({ mode: 'tab' })) => page.evaluate((s) => (window as any).sayso.launcher('Feedback', s), survey);

/** Each of the widget's buttons that is not what a press at its centre would reach, with what is there instead. */
const covered = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('sayso-widget')].flatMap((host) =>
      [...host.shadowRoot!.querySelectorAll('button')].flatMap((b) => {
        const r = b.getBoundingClientRect();
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        const top = document.elementFromPoint(x, y);
        const inner = host.shadowRoot!.elementFromPoint(x, y);
        return top === host && inner && b.contains(inner) ? [] : [`${b.getAttribute('aria-label') ?? b.textContent} covered by ${top?.id || top?.tagName}`];
      }),
    ),
  );

const clickCentre = async (page: Page, name: string | RegExp, role: 'radio' | 'button' = 'button') => {
  const b = (await page.getByRole(role, { name }).boundingBox())!;
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
};

for (const [layer, fallback] of layers)
  test(`a host element at z-index 2147483647 over the card neither covers it nor takes its clicks (${layer})`, async ({ page }) => {
    if (fallback) await page.addInitScript(noTopLayer);
    for (const [name, presentation] of overlays) {
      await page.goto(stacking('?cover'));
      expect(await page.evaluate(() => 'showPopover' in document.body)).toBe(!fallback);
      await show(page, nps(presentation));
      await settled(page);
      expect(await covered(page), name).toEqual([]);
      await clickCentre(page, '9', 'radio');
      await clickCentre(page, 'Submit');
      await expect(page.locator('sayso-widget .q'), name).toHaveText('Thank you for your feedback!');
      expect(await page.evaluate(() => [(window as any).sayso.answers.length, (window as any).coverClicks]), name).toEqual([1, 0]);
    }
    // The feedback tab, and the survey it opens over the banner.
    await page.goto(stacking('?cover'));
    await tabSurvey(page);
    await expect(page.getByRole('button', { name: 'Feedback' })).toBeVisible();
    expect(await covered(page)).toEqual([]);
    await clickCentre(page, 'Feedback');
    await expect(page.getByRole('dialog')).toBeVisible();
    await settled(page);
    expect(await covered(page)).toEqual([]);
    await clickCentre(page, '9', 'radio');
    await clickCentre(page, 'Submit');
    await expect(page.locator('sayso-widget .q')).toHaveText('Thank you for your feedback!');
    expect(await page.evaluate(() => (window as any).coverClicks)).toBe(0);
  });

/** The viewport-relative boxes of the card and the launcher that lie outside the viewport, by name. */
const outside = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('sayso-widget')].flatMap((host) =>
      [...host.shadowRoot!.querySelectorAll<HTMLElement>('.p,.la')].flatMap((el) => {
        const r = el.getBoundingClientRect();
        const inside = r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
        return inside ? [] : [`${el.className} at ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`];
      }),
    ),
  );

for (const [layer, fallback] of layers)
  test(`a transformed, filtered or contained body cannot move the card out of view or make focus scroll the page (${layer})`, async ({ page }) => {
    test.setTimeout(120_000);
    if (fallback) await page.addInitScript(noTopLayer);
    const bodies = ['transform: translateZ(0)', 'filter: blur(0)', 'will-change: transform', 'contain: paint', 'perspective: 500px'];
    const found: string[] = [];
    for (const body of bodies)
      for (const [length, offset] of [
        ['short', 0],
        ['long', 0],
        ['long scrolled', 2000],
      ] as const) {
        await page.goto(stacking(`?body=${encodeURIComponent(body)}${length === 'short' ? '' : '&long'}`));
        await page.evaluate((y) => window.scrollTo(0, y), offset);
        const where = `${body} / ${length}`;
        const y = await page.evaluate(() => scrollY);
        expect(y, where).toBe(offset);
        for (const [name, presentation] of overlays) {
          await show(page, nps(presentation));
          await settled(page);
          // The modal has taken focus; the others take it from the keyboard.
          if (presentation.mode !== 'modal') await page.keyboard.press('Tab');
          expect(await page.evaluate(() => document.activeElement?.tagName), `${where} ${name}`).toBe('SAYSO-WIDGET');
          for (const o of await outside(page)) found.push(`${where} ${name}: ${o}`);
          if ((await page.evaluate(() => scrollY)) !== y) found.push(`${where} ${name}: focus scrolled the page`);
        }
        await page.evaluate(() => (window as any).sayso.close());
        await tabSurvey(page);
        await page.getByRole('button', { name: 'Feedback' }).press('Enter');
        await expect(page.getByRole('dialog')).toBeVisible();
        await settled(page);
        for (const o of await outside(page)) found.push(`${where} tab: ${o}`);
        if ((await page.evaluate(() => scrollY)) !== y) found.push(`${where} tab: focus scrolled the page`);
        await page.evaluate(() => (window as any).sayso.launcherHandle.close());
        // Inline stays where the host put it.
        await show(page, nps({ mode: 'inline', target: '#feedback' }));
        const [slot, card] = [await page.locator('#feedback').boundingBox(), await cardBox(page)];
        if (!slot || card.y < slot.y - 0.5 || card.x < slot.x - 0.5) found.push(`${where} inline: outside its slot`);
      }
    expect(found).toEqual([]);
  });

for (const height of [180, 256])
  test(`at 400 % zoom (320×${height} CSS px) the question is in view and every control scrolls into view inside the card and works`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 320, height });
    const modes: Array<[string, NonNullable<Survey['presentation']>]> = [...overlays, ['inline', { mode: 'inline', target: '#feedback' }], ['tab', { mode: 'tab' }]];
    for (const [name, presentation] of modes) {
      await page.goto(page$('a11y.html'));
      if (name === 'tab') {
        await tabSurvey(page, { ...surveys.nps, presentation });
        await page.getByRole('button', { name: 'Feedback' }).click();
      } else await show(page, { ...surveys.nps, presentation });
      await settled(page);
      if (name === 'inline') await page.locator('#feedback').evaluate((el) => el.scrollIntoView());
      const y = await page.evaluate(() => scrollY);
      // Nothing clipped above the viewport: the card's top and its question are on screen.
      const tops = await page.locator('sayso-widget').last().evaluate((host) => {
        const root = host.shadowRoot!;
        return [root.querySelector('.p')!.getBoundingClientRect().top, root.querySelector('.q')!.getBoundingClientRect().top];
      });
      // (Half a pixel for scrollIntoView's rounding of the inline card.)
      expect(tops[0], `${name}: card top`).toBeGreaterThanOrEqual(-0.5);
      expect(tops[1], `${name}: question top`).toBeGreaterThanOrEqual(0);
      expect(tops[1], `${name}: question top`).toBeLessThan(height);
      // Every control, scrolled into view inside the card, is on screen and on top.
      const unreachable = await page.locator('sayso-widget').last().evaluate((host) => {
        const root = host.shadowRoot!;
        return [...root.querySelectorAll<HTMLElement>('button')].flatMap((b) => {
          b.scrollIntoView({ block: 'nearest' });
          const r = b.getBoundingClientRect();
          const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return r.top >= 0 && r.bottom <= innerHeight + 0.5 && hit && b.contains(hit) ? [] : [b.getAttribute('aria-label') ?? b.textContent];
        });
      });
      expect(unreachable, name).toEqual([]);
      // An overlay scrolls itself, never the page under it.
      if (name !== 'inline') expect(await page.evaluate(() => scrollY), name).toBe(y);
      await page.getByRole('radio', { name: '3' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('textbox').fill('Too slow');
      await page.getByRole('button', { name: 'Submit' }).click();
      await expect(page.locator('sayso-widget .q').last(), name).toHaveText('Thank you for your feedback!');
      expect(await page.evaluate(() => (window as any).sayso.answers.at(-1)), name).toMatchObject({ score: 3, comment: 'Too slow' });
    }
  });
