// The report: GET /report behind the reading secret. A sign-in form sets an
// HttpOnly, SameSite=Strict session cookie (see server/auth.ts); the page
// then draws scores from /v1/scores with uPlot, served from uPlot's own
// package under /report/assets/ (never a CDN).
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { escapeHtml, jsonForScript, nonce, pageHeaders } from '../html.js';
import { SESSION_COOKIE, SESSION_MS, authFailed, credentials, lockedOut, secretMatches, sessionToken } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import { bodyText } from '../server/read-body.js';
import { queryValues } from './query.js';

const STYLE = `
  :root { color-scheme: light; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --accent: #2563eb; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: #f9fafb; }
  header { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: end; padding: 1rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
  header h1 { font-size: 1.1rem; margin: 0 auto 0 0; }
  label { display: grid; gap: .15rem; font-size: .8rem; color: var(--muted); }
  input, select, button, .button { font: inherit; padding: .35rem .6rem; border: 1px solid #d1d5db; border-radius: .375rem; background: #fff; color: var(--fg); text-decoration: none; }
  button, .button { cursor: pointer; }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
  main { padding: 1.5rem; display: grid; gap: 1.5rem; }
  #filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; }
  .survey { background: #fff; border: 1px solid var(--line); border-radius: .75rem; padding: 1.25rem; display: grid; gap: 1.25rem 2rem; grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .survey > div { min-width: 0; }
  @media (max-width: 760px) { .survey { grid-template-columns: minmax(0, 1fr); } }
  .survey > .head { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: baseline; }
  .survey h2 { margin: 0; font-size: 1rem; }
  .big { font-size: 2rem; font-weight: 700; }
  .muted { color: var(--muted); }
  h3 { font-size: .85rem; margin: 0 0 .5rem; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid var(--line); }
  th { font-weight: 600; color: var(--muted); font-size: .8rem; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  ul.comments { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; max-height: 300px; overflow: auto; }
  ul.comments li { border-left: 3px solid var(--line); padding-left: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  .signin { max-width: 22rem; margin: 15vh auto; background: #fff; padding: 1.5rem; border: 1px solid var(--line); border-radius: .75rem; display: grid; gap: 1rem; }
  .error { color: #b91c1c; }
  .insights { grid-column: 1 / -1; display: grid; gap: .5rem; border-top: 1px solid var(--line); padding-top: 1rem; }
  .insights h4 { margin: .75rem 0 .25rem; font-size: .9rem; }
  .insights p { margin: 0; }
  .insight-grid { display: grid; gap: 1rem 2rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
  ul.themes { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; }
  button.theme { padding: .1rem .45rem; color: var(--accent); border-color: #bfdbfe; background: #eff6ff; overflow-wrap: anywhere; text-align: left; }
  button.theme:focus-visible, button.more:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
  table.impact caption { text-align: left; caption-side: top; padding-bottom: .25rem; }
  .theme-comments:empty { display: none; }
`;

function page(n: string, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${n}">${STYLE}</style>
${head}
</head>
<body>
${body}
</body>
</html>`;
}

function signInPage(n: string, error?: string): string {
  return page(
    n,
    'Sign in · sayso report',
    `<form class="signin" method="post" action="/report/sign-in">
  <h1>sayso report</h1>
  <input type="text" name="username" autocomplete="username" value="sayso" hidden>
  <label>Secret<input type="password" name="secret" autocomplete="current-password" required autofocus></label>
  ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
  <button class="primary" type="submit">Sign in</button>
</form>`,
  );
}

/**
 * A field of the form body that bodyLimit read (urlencoded, or multipart
 * as some browsers send), or undefined when there is no such text field.
 */
async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  const text = bodyText(c);
  if (/^multipart\/form-data/i.test(type)) {
    const form = await new Response(text, { headers: { 'content-type': type } }).formData().catch(() => undefined);
    const value = form?.get(name);
    return typeof value === 'string' ? value : undefined;
  }
  return new URLSearchParams(text).get(name) ?? undefined;
}

/** Registers /report, its sign-in and sign-out. */
export function reportRoutes(app: Hono, ctx: AppContext): void {
  const secret = ctx.config.secret;

  const tooMany = (c: Context, n: string, retryAfter: number) =>
    c.body(signInPage(n, 'Too many failed attempts. Try again in a minute.'), 429, { ...pageHeaders(n), 'Retry-After': String(retryAfter) });

  app.get('/report', (c) => {
    const n = nonce();
    // The page takes no parameters (its filters live in the page); anything else is a mistake worth saying.
    const query = queryValues(c.req.url, []);
    if (!(query instanceof Map)) return c.json({ error: query }, 400);
    const wait = lockedOut(c, ctx);
    if (wait !== undefined) return tooMany(c, n, wait);
    const given = credentials(c, secret);
    if (given === 'bad') {
      // A cookie this secret never made: a guess, or one from before the secret changed.
      authFailed(c, ctx, 'session cookie');
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(signInPage(n), 401, pageHeaders(n));
    }
    if (given !== 'ok') return c.body(signInPage(n), 200, pageHeaders(n));
    const sites = [...ctx.sites.values()].map((s) => ({ id: s.id, segments: ['channel', 'locale', ...s.segments] }));
    return c.body(
      page(
        n,
        'sayso report',
        `<header>
  <h1>sayso report</h1>
  <form id="filters">
    <label>Site<select name="site">${sites.map((s) => `<option>${escapeHtml(s.id)}</option>`).join('')}</select></label>
    <label>From<input type="date" name="from"></label>
    <label>To<input type="date" name="to"></label>
    <label>By<select name="interval"><option value="day">day</option><option value="week" selected>week</option><option value="month">month</option></select></label>
    <label>Segment<select name="segment"></select></label>
    <button class="primary" type="submit" disabled>Apply</button>
  </form>
  <a class="button" id="export-csv" download>Export CSV</a>
  <a class="button" id="export-ndjson" download>Export NDJSON</a>
  <form method="post" action="/report/sign-out"><button type="submit">Sign out</button></form>
</header>
<main id="surveys" aria-live="polite"><p class="muted">Loading…</p></main>
<script type="application/json" id="sayso-report">${jsonForScript({ sites })}</script>
<script src="/report/assets/uPlot.iife.min.js" nonce="${n}"></script>
<script src="/_sayso/report.js" nonce="${n}"></script>`,
        `<link rel="stylesheet" href="/report/assets/uPlot.min.css">`,
      ),
      200,
      pageHeaders(n),
    );
  });

  app.post('/report/sign-in', async (c) => {
    const n = nonce();
    // Slow down guessing: a few failures per minute per client, counted with the API's.
    const wait = lockedOut(c, ctx);
    if (wait !== undefined) return tooMany(c, n, wait);
    const given = await formField(c, 'secret');
    if (given === undefined || !secretMatches(secret, given)) {
      authFailed(c, ctx, 'report sign-in');
      return c.body(signInPage(n, 'That is not the secret.'), 401, pageHeaders(n));
    }
    setCookie(c, SESSION_COOKIE, sessionToken(secret), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      maxAge: SESSION_MS / 1000,
    });
    return c.redirect('/report', 303);
  });

  app.post('/report/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/report', 303);
  });
}
