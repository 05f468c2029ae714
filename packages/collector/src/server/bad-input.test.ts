// A generated corpus of hostile requests, thrown at every route of the real
// app (in-process, and over a socket for raw paths and headers an in-process
// Request would normalise): bad paths, methods, headers, query values and
// bodies. Whatever a client sends, the answer is never a 5xx. Fixed seed, so
// a failure names an input that can be replayed.
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { sessionToken } from './auth.js';
import { IDENTITY, ORIGIN, SECRET, SELF, event, post, response, testCollector, testConfig } from '../test-fixtures.js';
import { signUserId } from '../identity.js';
import { prng } from '../demo.js';

const rand = prng(0x5a750);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;

// Raw (already URL-encoded where it matters) values for path segments and query values.
const VALUES = [
  'demo', 'nps-main', 'csat-checkout', 'u-1', '', '%', '%%', '%E0%A4%A', '%C0%AF', '%FF', '%00', 'a%00b', '%0d%0aSet-Cookie:%20x=1', '..', '%2e%2e',
  '%2e', '.env', '.git', '%5c', '..%5c..%5cwindows', '%2F', 'a%2Fb', '%25', '%252e%252e', '%F0%9F%98%80', '%F0%9F%98', '%ED%A0%80', '%EF%BB%BF',
  'x'.repeat(300), 'y'.repeat(5000), '<script>alert(1)</script>', "'%3B%20drop%20table%20sayso_responses%3B--", '%22', '\\', '0', '-1', '1e309', 'NaN',
  'Infinity', '0.95', '0.9999999999999999', '0.99999999999999999999', '1.5', '20', '201', '9'.repeat(40), '0000-01-01', '9999-12-31', '2026-02-30',
  '2026-11-02', '1970-01-01', '2999-12-31', '+275760-09-13', 'day', 'week', 'month', 'year', 'csv', 'ndjson', 'plan', 'channel', 'locale', 'a%00',
  '__proto__', 'constructor', 'toString', 'null', 'undefined', 'true', '[]', '{}', '%7B%7D', 'CON', 'aux.js', 'sayso.js', 'index.html', '%E2%80%AE',
];
const QUERY_NAMES = ['site', 'survey', 'from', 'to', 'interval', 'segment', 'level', 'limit', 'format', 'score', 'lang', 'a.plan', 'a.', 'utm_source', 'x', '%00', '%E0%A4%A', '__proto__', 'a.__proto__'];
const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'TRACE-X'];
const ORIGINS = [ORIGIN, SELF, 'http://evil.test', 'null', '', 'http://shop.test.evil.test', 'HTTP://SHOP.TEST', 'file://', 'http://[::1]', 'x'.repeat(2000), '*'];
const AUTHS = [`Bearer ${SECRET}`, `Bearer ${SECRET.slice(0, -1)}`, `Bearer ${SECRET}x`, 'Bearer', 'Bearer ', '', `Basic ${SECRET}`, `bearer ${SECRET.toUpperCase()}`, 'Bearer ' + 'z'.repeat(10000), 'Bearer \u00e9'];
const COOKIES = [`sayso_session=${sessionToken(SECRET)}`, 'sayso_session=', 'sayso_session=1.2', 'sayso_session=99999999999999999999.x', 'sayso_session=-1.abc', 'sayso_session=%E0%A4%A', 'a=b; sayso_session=x.y', 'sayso_session=' + 'q'.repeat(3000)];
const TYPES = ['application/json', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/xml', '', 'application/json; charset=utf-16'];
// Mostly the right host, so most requests get past the Host check to the routes.
const HOSTS = ['collector.test', 'collector.test', 'collector.test', 'collector.test', 'collector.test', 'COLLECTOR.TEST', 'collector.test:80', 'evil.test', 'localhost'];

function bodies(): string[] {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const r = response();
  return [
    '', '{', 'null', '[]', '"x"', '1e999', deep(5000), `{"a":${deep(2000)}}`, 'x'.repeat(3000), '\u0000', '{"__proto__":{"polluted":1}}',
    JSON.stringify({ site: 'demo', responses: [{ ...r, id: 'not-a-uuid' }] }),
    JSON.stringify({ site: 'demo', responses: [r] }).replace('"score":9', '"score":1e309'),
    JSON.stringify({ site: 'demo', responses: [{ ...r, attributes: { plan: { deep: [1, 2] } } }] }),
    JSON.stringify({ site: 'demo', responses: 'all' }),
    JSON.stringify({ site: 'demo', events: [{ ...event(), type: 'explode' }] }),
    JSON.stringify({ site: ['demo'], responses: [] }),
    JSON.stringify({ site: 'nope', responses: [r] }),
    JSON.stringify({ site: '%00', responses: [r] }),
    JSON.stringify({ site: 'demo', responses: [r, r, r] }),
    // Values PostgreSQL cannot store (ingest refuses or mends each per item; they once failed the batch with a 500).
    JSON.stringify({ site: 'demo', responses: [{ ...r, comment: 'a\u0000b' }] }),
    JSON.stringify({ site: 'demo', responses: [{ ...r, comment: 'half \ud83d' }] }),
    JSON.stringify({ site: 'demo', responses: [{ ...r, anonymousId: 'a\u0000' }] }),
    JSON.stringify({ site: 'demo', responses: [{ ...r, attributes: { plan: '\udc00', ['k\u0000']: 1 } }] }),
    JSON.stringify({ site: 'demo', responses: [{ ...r, createdAt: '0000-01-01T00:00:00.000Z' }] }),
    JSON.stringify({ site: 'demo', events: [{ ...event(), createdAt: '+275760-09-13T00:00:00.000Z' }] }),
    JSON.stringify({ id: r.id, score: 9, comment: 'ok' }),
    JSON.stringify({ id: r.id, score: 9.5 }),
    JSON.stringify({ id: r.id, score: '9' }),
    JSON.stringify({ id: r.id, score: 9, answers: { a: 'x'.repeat(3000) } }),
    JSON.stringify({ id: r.id, score: 9, answers: { ['\u0000']: 'x' } }),
    JSON.stringify({ id: '00000000-0000-0000-0000-000000000000', score: 9 }),
    'secret=' + encodeURIComponent(SECRET),
    'secret=%E0%A4%A',
    'secret=' + 'a'.repeat(20000),
    'secret=a&secret=b',
    '--x\r\nContent-Disposition: form-data; name="secret"\r\n\r\nnope\r\n--x--\r\n',
    '--x\r\nbroken',
  ];
}

/** Route templates: every registered route, plus paths no route has. */
function templates(c: Collector): string[] {
  const fromApp = c.app.routes.map((r) => r.path).filter((p) => p !== '*' && p !== '/*');
  return [...new Set([...fromApp, '/', '/v1', '/v1/sites', '/v1/sites/:site', '/s/:site', '/report/assets/:file', '/sdk/:file', '/_sayso/:file', '/nope/:x'])];
}

/** A path from a template: half the parameters real (so the route's own checks run), half hostile. */
function fill(template: string): string {
  const real: Record<string, readonly string[]> = { ':site': ['demo'], ':survey': ['nps-main', 'csat-checkout'], ':userId': ['u-1'] };
  return template.replace(/:\w+/g, (name) => (real[name] && chance(0.5) ? pick(real[name]) : pick(VALUES))).replace(/\*/g, () => (chance(0.3) ? pick(['sayso.js', 'spa/', 'spa/index.html', 'uPlot.min.css', 'link.js']) : pick(VALUES)));
}

function query(): string {
  if (chance(0.3)) return '';
  const n = 1 + Math.floor(rand() * 4);
  const parts = Array.from({ length: n }, () => (chance(0.1) ? pick(QUERY_NAMES) : `${pick(QUERY_NAMES)}=${pick(VALUES)}`));
  if (chance(0.1)) parts.push(parts[0]!); // a repeated parameter
  if (chance(0.3)) parts.push(`${pick(['from', 'to', 'interval', 'segment', 'level', 'limit', 'format', 'survey'])}=${pick(['2026-11-02', 'week', 'plan', '0.95', '20', 'csv', 'nps-main'])}`);
  return `?${parts.join('&')}`;
}

interface Input {
  method: string;
  host: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function generate(c: Collector, count: number): Input[] {
  const seen = new Set<string>();
  const out: Input[] = [];
  const routes = templates(c);
  const bodyList = bodies();
  const uid = 'u-1';
  for (let tries = 0; out.length < count && tries < count * 10; tries++) {
    const method = pick(METHODS);
    const headers: Record<string, string> = {};
    if (chance(0.6)) headers.origin = pick(ORIGINS);
    if (chance(0.4)) headers.authorization = pick(AUTHS);
    if (chance(0.2)) headers.cookie = pick(COOKIES);
    if (chance(0.3)) headers['x-forwarded-for'] = pick(['10.0.0.1', 'garbage', '', '1.1.1.1, 2.2.2.2', 'x'.repeat(500)]);
    if (chance(0.2)) headers['x-sayso-site'] = pick(VALUES);
    if (chance(0.2)) headers['x-sayso-user-signature'] = pick([signUserId(IDENTITY, uid), 'f'.repeat(64), 'zz', '']);
    if (chance(0.1)) headers['if-none-match'] = pick(['*', '"x"', 'W/"1"', '']);
    if (chance(0.1)) headers['accept-language'] = pick(['de', '*', 'x'.repeat(500), 'en;q=2', ',,,']);
    if (chance(0.05)) headers['access-control-request-method'] = pick(['POST', 'DELETE', '']);
    const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(method) && chance(0.85);
    if (hasBody) headers['content-type'] = pick(TYPES);
    const input: Input = { method, host: pick(HOSTS), path: fill(pick(routes)) + query(), headers, ...(hasBody ? { body: pick(bodyList) } : {}) };
    const key = JSON.stringify(input);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(input);
  }
  return out;
}

let c: Collector;
let server: Listening;
beforeAll(async () => {
  // With the real static folders: the built SDK and the examples (their node_modules links included).
  const repo = (p: string) => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));
  c = await testCollector({ config: testConfig({ allowedHosts: ['collector.test'] }), trustProxy: true, sdkDir: repo('packages/widget/dist'), examplesDir: repo('examples') });
  // Something to find: a link response, comments, a verified user.
  await post(c, { site: 'demo', responses: [response({ channel: 'link' }), response({ comment: 'hello', userId: 'u-1', userSignature: signUserId(IDENTITY, 'u-1') })] });
  server = await c.listen({ port: 0 });
});
afterAll(() => c.close());

function overSocket(input: Input): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { ...input.headers, host: input.host === 'collector.test' ? `127.0.0.1:${server.port}` : input.host };
    const req = request(`${server.url}/`, { method: input.method, path: input.path, headers, setHost: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve(0) : reject(err)));
    if (input.body !== undefined) req.write(input.body);
    req.end();
  });
}

async function inProcess(input: Input): Promise<number | 'refused by fetch'> {
  let req: Request;
  try {
    req = new Request(`http://${input.host}${input.path}`, { method: input.method, headers: input.headers, ...(input.body !== undefined ? { body: input.body } : {}) });
  } catch {
    return 'refused by fetch'; // not even a valid Request (a bad header value): no server would receive it
  }
  const res = await c.fetch(req);
  await res.arrayBuffer();
  return res.status;
}

test('no hostile request gets a 5xx', async () => {
  const corpus = generate(c, 1200);
  const failures: Array<{ input: Input; status: number | string }> = [];
  const statuses = new Map<number | string, number>();
  for (const input of corpus) {
    const status = await inProcess(input);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (typeof status === 'number' && status >= 500) failures.push({ input, status });
  }
  // Raw paths and headers (no URL normalisation), as a network client sends them.
  const socketCorpus = generate(c, 300).map((input) => ({ ...input, headers: Object.fromEntries(Object.entries(input.headers).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v))) }));
  for (const input of socketCorpus) {
    const status = await overSocket(input);
    statuses.set(`socket ${status}`, (statuses.get(`socket ${status}`) ?? 0) + 1);
    if (status >= 500) failures.push({ input, status });
  }
  const distinct = new Set([...corpus, ...socketCorpus].map((i) => JSON.stringify(i))).size;
  console.log(`bad-input corpus: ${distinct} distinct hostile requests (${corpus.length} in-process, ${socketCorpus.length} over a socket); answers ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(distinct).toBeGreaterThanOrEqual(1000);
  expect(failures.slice(0, 5)).toEqual([]);
}, 300_000);
