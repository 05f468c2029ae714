// @sayso/core runs in a real browser: the built ESM module is loaded over
// HTTP from localhost and used as a page would use it.
import { expect, test } from '@playwright/test';
import { startStaticServer, type StaticServer } from './fixtures/static-server.js';

let server: StaticServer;
test.beforeAll(async () => {
  server = await startStaticServer();
  server.page('/core.html', '<!doctype html><title>core</title><h1>core</h1>');
});
test.afterAll(() => server.close());

test('the built ESM core loads in Chromium and makes UUIDv7 ids', async ({ page }) => {
  await page.goto(`${server.url}/core.html`);
  const result = await page.evaluate(async (url) => {
    const core = await import(url);
    const ids = [core.uuidv7(), core.uuidv7(), core.uuidv7()];
    return { ids, valid: ids.every((id: string) => core.isUuid(id)) };
  }, `${server.url}/packages/core/dist/index.js`);
  expect(result.valid).toBe(true);
  expect([...result.ids].sort()).toEqual(result.ids);
});
