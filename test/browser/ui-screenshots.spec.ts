// Screenshots of each kind in light and dark, from the built chunk in
// Chromium, for packages/widget/README.md. They are only written with
// SAYSO_SCREENSHOTS=1 (so CI never dirties the tree); otherwise the same
// shots are taken and checked but not saved.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Survey } from '../../packages/core/src/index.js';
import { repoRoot, startStaticServer, type StaticServer } from './fixtures/static-server.js';
import { show, surveys } from './fixtures/ui.js';

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer();
});
test.afterAll(() => server.close());

const shots: Array<[name: string, survey: Survey, pick: number]> = [
  ['nps', { ...surveys.nps, followUp: [] }, 9],
  ['csat-stars', surveys.csat, 3],
  ['csat-emoji', { ...surveys.csat, scale: { min: 1, max: 5, style: 'emoji' } }, 4],
  ['ces', surveys.ces, 5],
];

test('each kind in light and dark', async ({ page }) => {
  test.setTimeout(120_000);
  const out = `${repoRoot}packages/widget/screenshots`;
  const save = process.env.SAYSO_SCREENSHOTS === '1';
  if (save) mkdirSync(out, { recursive: true });
  await page.setViewportSize({ width: 480, height: 360 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${server.url}/test/browser/pages/ui/a11y.html`);
  for (const [name, survey, pick] of shots)
    for (const scheme of ['light', 'dark'] as const) {
      await show(page, { ...survey, presentation: { mode: 'popover' }, theme: { scheme } });
      await page.locator('sayso-widget [role=radio]').nth(pick).click();
      await page.mouse.move(0, 0);
      const card = page.locator('sayso-widget .p');
      const box = (await card.boundingBox())!;
      expect(box.width).toBe(360);
      const png = await page.screenshot({ clip: { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 } });
      // A PNG, and not a blank one: a real card compresses to some kilobytes.
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(3000);
      if (save) writeFileSync(`${out}/${name}-${scheme}.png`, png);
    }
});
