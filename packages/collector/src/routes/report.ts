// GET /report: the report moved into the studio (issue #13), so the old
// address answers a permanent redirect to /studio/report, where a studio user
// signs in. Bookmarks and the links alerts sent (`/report?site=…&survey=…`)
// keep working: `site` and `survey` ride along; any other parameter is a
// mistake worth saying (400), as it was on the old page. The redirect's
// target is always this collector's own path: the values only ever reach
// its query string, encoded, so it can never send a browser elsewhere.
import type { Hono } from 'hono';
import { badParam, queryValues } from './query.js';

/** The parameters GET /report carries over to the studio's report. */
const CARRIED = ['site', 'survey'] as const;

/** Registers GET /report, a redirect to the studio's report. */
export function reportRoutes(app: Hono): void {
  app.get('/report', (c) => {
    const query = queryValues(c.req.url, CARRIED);
    if (!(query instanceof Map)) return badParam(c, query);
    const carried = new URLSearchParams();
    for (const name of CARRIED) {
      const value = query.get(name);
      if (value !== undefined) carried.set(name, value);
    }
    const search = carried.size ? `?${carried}` : '';
    return c.redirect(`/studio/report${search}`, 301);
  });
}
