// GET /v1/responses/export?format=csv|ndjson (secret): every response of a
// range, streamed page by page so an export of millions never sits in memory.
import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { csvLine } from '../csv.js';
import { authorized } from '../server/auth.js';
import type { AppContext } from '../server/context.js';
import type { ExportRow } from '../storage/types.js';
import { readQuery } from './query.js';

const COLUMNS: Array<keyof ExportRow> = [
  'id', 'surveyId', 'kind', 'score', 'scaleMin', 'scaleMax', 'comment', 'answers', 'createdAt', 'receivedAt',
  'anonymousId', 'userId', 'channel', 'locale', 'pageUrl', 'attributes',
];

/** Registers the export endpoint. */
export function exportRoutes(app: Hono, ctx: AppContext): void {
  app.get('/v1/responses/export', async (c) => {
    if (!authorized(c, ctx.config.secret)) return c.json({ error: 'the secret is required' }, 401);
    const format = c.req.query('format') ?? 'csv';
    if (format !== 'csv' && format !== 'ndjson') return c.json({ error: { param: 'format', reason: 'must be csv or ndjson' } }, 400);
    const q = readQuery(c, ctx);
    if (q instanceof Response) return q;
    const name = `sayso-${q.site}${q.surveyId ? `-${q.surveyId}` : ''}-${q.from}-${q.to}.${format}`;
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`);
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    return stream(c, async (out) => {
      let chunk = format === 'csv' ? csvLine(COLUMNS) : '';
      for await (const row of ctx.storage.exportResponses(q)) {
        chunk += format === 'csv' ? csvLine(COLUMNS.map((k) => row[k])) : JSON.stringify(row) + '\n';
        // Write in ~64 kB pieces: fewer syscalls than a line at a time.
        if (chunk.length > 65536) {
          await out.write(chunk);
          chunk = '';
        }
        if (out.aborted) return;
      }
      if (chunk) await out.write(chunk);
    });
  });
}
