// The studio: GET /studio (and every path under it, which the app routes
// itself) serves the HTML shell of the Preact app; /studio/assets/* its
// hashed bundles; /studio/preview the sandboxed frame the editor draws its
// preview in with the widget's own UI chunk from /sdk/. The shells load
// only files from this collector, under a CSP with no inline script or
// style ('self' only; the preview's one nonce is for the widget's <style>).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { nonce } from '../html.js';
import type { AppContext } from '../server/context.js';
import { staticRoutes } from './static.js';

/** What a studio build's manifest names (see rollup.config.mjs). */
interface Manifest {
  js: string;
  css?: string;
}

const STUDIO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The preview frame: scripts from here, the widget's one nonce'd <style>, framed only by the studio. */
const previewCsp = (n: string) =>
  `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${n}'; img-src 'self' data:; font-src 'self'; connect-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'`;

const headers = (csp: string): Record<string, string> => ({
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': csp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
});

const shell = (m: Manifest) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sayso studio</title>
${m.css ? `<link rel="stylesheet" href="/studio/assets/${m.css}">` : ''}
<script type="module" src="/studio/assets/${m.js}"></script>
</head>
<body>
<div id="app"></div>
<noscript>The studio needs JavaScript.</noscript>
</body>
</html>`;

const PREVIEW_STYLE = `
  html { color-scheme: light; font: 14px/1.5 system-ui, sans-serif; }
  html[data-scheme=dark] { color-scheme: dark; background: #111827; color: #f9fafb; }
  body { margin: 0; min-height: 100vh; padding: 1rem; }
  #status { margin: 0; color: inherit; }
  #inline:empty { display: none; }
`;

const previewPage = (n: string, m: Manifest) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Survey preview</title>
<style nonce="${n}">${PREVIEW_STYLE}</style>
</head>
<body>
<main>
<p id="status" role="status">Loading the widget…</p>
<div id="inline"></div>
</main>
<script src="/sdk/sayso-ui.js" nonce="${n}"></script>
<script src="/studio/assets/${m.js}" nonce="${n}"></script>
</body>
</html>`;

/** Registers /studio, /studio/assets/* and /studio/preview. */
export function studioRoutes(app: Hono, ctx: AppContext): void {
  // The studio's build sits beside the link survey's script in the collector's dist.
  const dir = ctx.clientDir ? join(ctx.clientDir, '..', 'studio') : undefined;
  const manifests = new Map<string, Promise<Manifest | null>>();
  const manifest = (name: string): Promise<Manifest | null> => {
    let m = manifests.get(name);
    if (!m) {
      m = dir
        ? readFile(join(dir, `manifest.${name}.json`), 'utf8').then(
            (t) => JSON.parse(t) as Manifest,
            () => null,
          )
        : Promise.resolve(null);
      // A missing build is looked for again on the next request (a `pnpm build` meanwhile fixes it).
      void m.then((x) => x ?? manifests.delete(name));
      manifests.set(name, m);
    }
    return m;
  };
  const notBuilt = (c: Context) => c.text('The studio is not built: run `pnpm build`.', 503, { 'Cache-Control': 'no-store' });

  staticRoutes(app, '/studio/assets', dir, { immutableHashed: true, maxAge: 300 });

  app.get('/studio/preview', async (c) => {
    const m = await manifest('preview');
    if (!m) return notBuilt(c);
    const n = nonce();
    return c.body(previewPage(n, m), 200, headers(previewCsp(n)));
  });

  const page = async (c: Context) => {
    const m = await manifest('studio');
    if (!m) return notBuilt(c);
    return c.body(shell(m), 200, headers(STUDIO_CSP));
  };
  app.get('/studio', page);
  app.get('/studio/*', page);
}
