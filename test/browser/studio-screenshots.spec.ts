// Writes the studio's screenshots shown in packages/collector/README.md
// (docs/studio-*.png): the surveys list, the editor with its live preview,
// and the report, over the demo's synthetic answers fixed to a date.
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { signIn, startStudio, type Studio } from './fixtures/studio.js';

let studio: Studio;
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
  ]);
  const { seedDemoData } = await import('../../packages/collector/src/demo.js');
  await seedDemoData(studio.collector.storage as never, 'demo', 3000, Date.parse('2026-11-20T12:00:00Z'));
});
test.afterAll(() => studio.close());

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
