// axe-core against the built UI in Chromium, shadow tree included: zero
// violations for every kind × mode × theme × direction, with a score picked
// (so the accent-coloured selection and the enabled button are checked too),
// and for the follow-up, error and thank-you steps. Loops inside a few tests
// to keep the run short.
import { expect, test, type Page } from '@playwright/test';
import type { Survey } from '../../packages/core/src/index.js';
import { startStaticServer, repoRoot, type StaticServer } from './fixtures/static-server.js';
import { settled, show, surveys } from './fixtures/ui.js';

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer();
});
test.afterAll(() => server.close());

const modes = ['popover', 'modal', 'bar', 'inline', 'tab'] as const;
const kinds = ['nps', 'csat', 'ces'] as const;

async function open(page: Page) {
  await page.goto(`${server.url}/test/browser/pages/ui/a11y.html`);
  await page.addScriptTag({ path: `${repoRoot}node_modules/axe-core/axe.min.js` });
}

/** Violations axe finds on the whole page, as `rule: target` lines for a readable failure. */
async function violations(page: Page): Promise<string[]> {
  // Half-faded text mid entry animation is not what anyone reads.
  await settled(page);
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.flatMap((v: any) => v.nodes.map((n: any) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary.split('\n')[1] ?? ''}`));
  });
}

function variant(kind: (typeof kinds)[number], mode: (typeof modes)[number], scheme: 'light' | 'dark', accent?: string): Survey {
  return {
    ...surveys[kind],
    presentation: { mode, target: '#feedback' },
    theme: { scheme, ...(accent ? { accent } : {}) },
  };
}

test('score step: every kind × mode × theme × direction has no axe violations', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const found: string[] = [];
  for (const kind of kinds)
    for (const mode of modes)
      for (const scheme of ['light', 'dark'] as const)
        for (const locale of ['en', 'he']) {
          const survey = variant(kind, mode, scheme);
          await page.evaluate((s) => {
            const w = window as any;
            if (w.sayso.launcherHandle) w.sayso.launcherHandle.close();
            w.sayso.launcherHandle = null;
            // The tab mode's launcher is part of what a visitor meets.
            if (s.presentation?.mode === 'tab') w.sayso.launcher('Feedback', s);
          }, survey);
          await show(page, survey, { locale });
          await page.locator('sayso-widget [role=radio]').nth(2).click();
          for (const v of await violations(page)) found.push(`${kind}/${mode}/${scheme}/${locale} ${v}`);
        }
  expect(found).toEqual([]);
});

test('axe does look inside the shadow root (a planted violation is found)', async ({ page }) => {
  await open(page);
  await show(page, variant('nps', 'popover', 'light'));
  expect(await violations(page)).toEqual([]);
  await page.locator('sayso-widget [role=radio]').first().evaluate((el) => el.removeAttribute('aria-label'));
  await page.locator('sayso-widget [role=radio]').first().evaluate((el) => (el.textContent = ''));
  const found = await violations(page);
  expect(found.length).toBeGreaterThan(0);
  expect(found.join()).toContain('sayso-widget');
});

test('on the hostile-CSS page the widget itself still has no violations', async ({ page }) => {
  await page.goto(`${server.url}/test/browser/pages/ui/hostile.html`);
  await page.addScriptTag({ path: `${repoRoot}node_modules/axe-core/axe.min.js` });
  const found: string[] = [];
  for (const mode of modes) {
    await show(page, variant('nps', mode, 'light'));
    await page.locator('sayso-widget [role=radio]').nth(8).click();
    await settled(page);
    const r = await page.evaluate(async () => (await (window as any).axe.run({ include: [['sayso-widget']] }, { resultTypes: ['violations'] })).violations.map((v: any) => v.id));
    for (const v of r) found.push(`${mode} ${v}`);
  }
  expect(found).toEqual([]);
});

test('follow-up, error and thank-you steps, in both themes and directions, have no axe violations', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const)
    for (const locale of ['en', 'ar']) {
      const where = `${scheme}/${locale}`;
      await page.evaluate(() => ((window as any).sayso.next = 'fail'));
      await show(page, variant('nps', 'popover', scheme), { locale });
      await page.locator('sayso-widget [role=radio]').nth(3).click();
      await page.locator('sayso-widget .b').click();
      await page.locator('sayso-widget textarea').fill('Too slow');
      for (const v of await violations(page)) found.push(`${where} follow-up ${v}`);
      await page.locator('sayso-widget .b').click();
      await expect(page.locator('sayso-widget [role=alert]')).toBeVisible();
      for (const v of await violations(page)) found.push(`${where} error ${v}`);
      await page.evaluate(() => ((window as any).sayso.next = 'offline'));
      await page.locator('sayso-widget .b').click();
      await expect(page.locator('sayso-widget [part~=offline]')).toBeVisible();
      for (const v of await violations(page)) found.push(`${where} thanks ${v}`);
    }
  expect(found).toEqual([]);
});

test('any accent colour keeps its text readable (AA) in both themes', async ({ page }) => {
  await open(page);
  const found: string[] = [];
  for (const accent of ['#ffeb3b', '#00e5ff', '#111111', 'rebeccapurple', 'hsl(140 60% 45%)', '#ff5722'])
    for (const scheme of ['light', 'dark'] as const) {
      await show(page, variant('csat', 'popover', scheme, accent));
      await page.locator('sayso-widget [role=radio]').nth(4).click();
      const kind = { ...surveys.nps, theme: { scheme, accent } };
      for (const v of await violations(page)) found.push(`${accent}/${scheme} ${v}`);
      await show(page, kind);
      await page.locator('sayso-widget [role=radio]').nth(4).click();
      for (const v of await violations(page)) found.push(`${accent}/${scheme} nps ${v}`);
    }
  expect(found).toEqual([]);
});
