// Who the collector answers, and what a page elsewhere can learn: the Host
// must be one of its names (DNS rebinding), "same origin" comes from its
// configuration and listen address (never the request's Host), CORS headers
// go only to origins the site allows, and an unknown site looks exactly
// like a site that does not allow the page. Malformed paths are 400.
import { request } from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import type { Collector, Listening } from '../collector.js';
import { ORIGIN, SELF, event, post, response, testCollector, testConfig } from '../test-fixtures.js';

let c: Collector;
let server: Listening | undefined;
afterEach(async () => {
  await c?.close();
  server = undefined;
});

/** A request over a real socket with exactly these headers (Host included) and raw path. */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server!.url}/`, { path, method, headers, setHost: !('host' in headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('Host', () => {
  test('a forged Host is refused (421) in-process and over a socket; /healthz answers any', async () => {
    c = await testCollector();
    server = await c.listen({ port: 0 });
    const res = await c.fetch(new Request('http://evil.test/v1/sites/demo/surveys'));
    expect(res.status).toBe(421);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe('Host');
    const rebound = `evil.test:${server.port}`;
    expect((await raw('/v1/sites/demo/surveys', { host: rebound })).status).toBe(421);
    // An absolute request target names its own host, and is checked the same way.
    expect((await raw(`http://evil.test:${server.port}/v1/sites/demo/surveys`, { host: `127.0.0.1:${server.port}` })).status).toBe(421);
    expect((await raw('/healthz', { host: rebound })).status).toBe(200);
    // The names it has: the configured public URL, the listen address, loopback names on a loopback address.
    for (const host of ['collector.test', `127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`]) {
      expect({ host, status: (await raw('/v1/sites/demo/surveys', { host })).status }).toEqual({ host, status: 200 });
    }
    // Same name, another port: not this listener.
    expect((await raw('/v1/sites/demo/surveys', { host: `127.0.0.1:${server.port + 1}` })).status).toBe(421);
  });

  test('allowedHosts: a bare name on any port, a name with a port on that port only', async () => {
    c = await testCollector({ config: testConfig({ allowedHosts: ['feedback.example', 'alt.example:8443'] }) });
    const status = async (url: string) => (await c.fetch(new Request(url))).status;
    expect(await status('http://feedback.example/healthz')).toBe(200);
    expect(await status('https://feedback.example:9000/v1/sites/demo/surveys')).toBe(200);
    expect(await status('https://alt.example:8443/v1/sites/demo/surveys')).toBe(200);
    expect(await status('https://alt.example/v1/sites/demo/surveys')).toBe(421);
    expect(await status('https://sub.feedback.example/v1/sites/demo/surveys')).toBe(421);
  });

  test('--dev accepts loopback names; a wildcard address without names is a config error outside --dev', async () => {
    const { publicUrl: _, ...noPublic } = testConfig();
    c = await testCollector({ config: noPublic, dev: true });
    server = await c.listen({ port: 0, host: '0.0.0.0' });
    expect((await raw('/v1/sites/demo/surveys', { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await raw('/v1/sites/demo/surveys', { host: `192.0.2.1:${server.port}` })).status).toBe(421);
    await c.close();
    c = await testCollector({ config: noPublic });
    await expect(c.listen({ port: 0, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'E_CONFIG_INVALID', path: 'allowedHosts' });
  });
});

describe('same origin is the configured one, not the Host', () => {
  test('DNS rebinding: a foreign Origin with a matching forged Host cannot complete a follow-up or post', async () => {
    const { publicUrl: _, ...noPublic } = testConfig();
    c = await testCollector({ config: testConfig({ ...noPublic, allowedHosts: ['evil.test'] }) });
    server = await c.listen({ port: 0 });
    // Even when the attacker's name is (mis)configured as allowed, its origin is not "self".
    const r = response({ channel: 'link' });
    expect((await post(c, { site: 'demo', responses: [r] }, { origin: ORIGIN })).status).toBe(200);
    const body = JSON.stringify({ id: r.id, score: 3 });
    const forged = await raw('/s/demo/nps-main/follow-up', { host: `evil.test:${server.port}`, origin: `http://evil.test:${server.port}`, 'content-type': 'application/json' }, 'POST', body);
    expect(forged.status).toBe(403);
    const own = await raw('/s/demo/nps-main/follow-up', { origin: server.url, 'content-type': 'application/json' }, 'POST', body);
    expect(own.status).toBe(200);
    const ingest = await raw('/v1/responses', { host: `evil.test:${server.port}`, origin: `http://evil.test:${server.port}`, 'content-type': 'application/json' }, 'POST', JSON.stringify({ site: 'demo', events: [event()] }));
    expect(ingest.status).toBe(403);
    expect(ingest.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS', () => {
  const from = (origin: string, path: string, init: RequestInit = {}) => c.fetch(new Request(`${SELF}${path}`, { ...init, headers: { origin, ...(init.headers as Record<string, string>) } }));
  const preflight = (origin: string, path: string) => from(origin, path, { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } });

  test('an unknown site answers a foreign page exactly as a site that does not allow it', async () => {
    c = await testCollector();
    for (const path of ['/v1/sites/nope/surveys', '/v1/sites/nope/users/u-1/history']) {
      const known = await from('http://evil.test', path.replace('nope', 'demo'));
      const unknown = await from('http://evil.test', path);
      expect([known.status, unknown.status]).toEqual([403, 403]);
      expect(await unknown.text()).toBe(await known.text());
      expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
      // Even an origin another site allows learns nothing about a site key that does not exist.
      expect((await from(ORIGIN, path)).headers.get('access-control-allow-origin')).toBeNull();
      const [kp, up] = [await preflight('http://evil.test', path.replace('nope', 'demo')), await preflight('http://evil.test', path)];
      expect([kp.status, up.status, up.headers.get('access-control-allow-origin')]).toEqual([403, 403, null]);
    }
    // Without an Origin (a server, curl) the 404 is plain.
    expect((await c.fetch(new Request(`${SELF}/v1/sites/nope/surveys`))).status).toBe(404);
  });

  test('429 and 413 of POST /v1/responses carry CORS headers only for an origin a site allows', async () => {
    c = await testCollector({ config: testConfig({ limits: { maxBodyBytes: 2048 } }) });
    const big = JSON.stringify({ site: 'demo', events: Array.from({ length: 30 }, () => event()) });
    for (const [origin, expected] of [['http://evil.test', null], [ORIGIN, ORIGIN]] as const) {
      const res = await post(c, big, { origin });
      expect(res.status).toBe(413);
      expect(res.headers.get('access-control-allow-origin')).toBe(expected);
    }
    // The site named in X-Sayso-Site decides when the body cannot be read.
    expect((await post(c, big, { origin: ORIGIN, 'x-sayso-site': 'other' })).headers.get('access-control-allow-origin')).toBeNull();
    await c.close();
    c = await testCollector({ config: testConfig({ limits: { ipPerMinute: 1 } }) });
    await post(c, { site: 'demo', events: [event()] });
    for (const [origin, expected] of [['http://evil.test', null], [ORIGIN, ORIGIN]] as const) {
      const res = await post(c, { site: 'demo', events: [event()] }, { origin });
      expect(res.status).toBe(429);
      expect(res.headers.get('access-control-allow-origin')).toBe(expected);
    }
  });

  test('preflights: only the SDK routes, only for their site\'s origins', async () => {
    c = await testCollector();
    expect((await preflight(ORIGIN, '/v1/responses')).status).toBe(204);
    expect((await preflight(ORIGIN, '/v1/sites/demo/surveys')).status).toBe(204);
    expect((await preflight(ORIGIN, '/v1/sites/demo/users/u-1/history')).status).toBe(204);
    for (const path of ['/v1/scores', '/v1/comments', '/v1/responses/export', '/report', '/s/demo/nps-main/follow-up', '/v1/sites/demo/other']) {
      const res = await preflight(ORIGIN, path);
      expect({ path, status: res.status, acao: res.headers.get('access-control-allow-origin') }).toEqual({ path, status: 403, acao: null });
    }
    expect((await preflight('http://evil.test', '/v1/responses')).status).toBe(403);
  });
});

describe('malformed paths', () => {
  test.each(['/s/%E0%A4%A/x', '/v1/sites/%/surveys', '/v1/sites/%ZZ/users/u/history', '/sdk/%C0%AF', '/s/demo/a%00b'])('%s is 400, in-process and over a socket', async (path) => {
    c = await testCollector();
    server = await c.listen({ port: 0 });
    const res = await c.fetch(new Request(`${SELF}${path}`, { headers: { origin: ORIGIN } }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe('path');
    expect((await raw(path, {})).status).toBe(400);
    expect((await c.fetch(new Request(`${SELF}${path}`, { method: 'OPTIONS', headers: { origin: ORIGIN } }))).status).toBe(400);
  });
});
