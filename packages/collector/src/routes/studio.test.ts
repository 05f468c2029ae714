// /studio: the shell for every path under it, under a CSP with no inline
// script or style; the preview frame with its nonce, framed only by this
// collector; hashed assets immutable, nothing outside the build served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../collector.js';
import { SELF, testCollector } from '../test-fixtures.js';

let c: Collector;
beforeAll(async () => {
  c = await testCollector();
});
afterAll(() => c.close());

const get = (path: string) => c.fetch(new Request(`${SELF}${path}`));

describe('/studio', () => {
  it('serves the shell at /studio and every path under it, with a CSP that allows no inline code', async () => {
    for (const path of ['/studio', '/studio/', '/studio/surveys/shop/new', '/studio/report?site=x']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe|nonce/);
      const html = await res.text();
      expect(html).toMatch(/<script type="module" src="\/studio\/assets\/studio-[\w-]{8,}\.js"><\/script>/);
      expect(html).not.toMatch(/<style|\sstyle=|<script>/);
    }
    // Not a prefix match: /studios is no studio page.
    expect((await get('/studios')).status).toBe(404);
  });

  it('the preview frame: its own nonce for the widget style, framed only by this collector, no network', async () => {
    const a = await get('/studio/preview');
    const b = await get('/studio/preview');
    const csp = a.headers.get('content-security-policy')!;
    const n = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(b.headers.get('content-security-policy')).not.toContain(n);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toMatch(/script-src 'self';/);
    const html = await a.text();
    expect(html).toContain(`<script src="/sdk/sayso-ui.js" nonce="${n}"></script>`);
    expect(html).toMatch(new RegExp(`<script src="/studio/assets/preview-[\\w-]{8,}\\.js" nonce="${n.replace(/[+/=]/g, '\\$&')}"></script>`));
  });

  it("one stylesheet, the studio's with uPlot's own rules joined in (the report's charts need no other path)", async () => {
    const html = await (await get('/studio')).text();
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toMatch(/^\/studio\/assets\/studio-[\w-]{8,}\.css$/);
    const css = await (await get(sheets[0]!)).text();
    expect(css).toContain('.uplot {');
    expect(css).toContain('.u-legend');
    expect(css).toContain('main:focus');
    // The old report's copy of uPlot is gone with it.
    expect((await get('/report/assets/uPlot.min.css')).status).toBe(404);
  });

  it('hashed assets are immutable; paths out of the build are refused', async () => {
    const html = await (await get('/studio')).text();
    const js = /src="(\/studio\/assets\/[^"]+)"/.exec(html)![1]!;
    const res = await get(js);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-type')).toContain('text/javascript');
    for (const bad of ['/studio/assets/..%2fclient%2flink.js', '/studio/assets/.hidden', '/studio/assets/manifest.missing.json']) expect((await get(bad)).status, bad).toBe(404);
    // A dot-dot the URL parser resolves (to /studio/index.js) is a studio path: the shell, never a file of dist.
    const up = await get('/studio/assets/%2e%2e/index.js');
    expect(up.headers.get('content-type')).toContain('text/html');
  });
});
