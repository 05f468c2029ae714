// GET /v1/responses/export?format=csv|ndjson (viewer: the secret, a studio user or token): every response of a
// range, streamed page by page so an export of millions never sits in memory. Each row carries the version
// answered, the over-limit mark and the test mark; test answers (from previews) only with ?test=include.
import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { csvLine } from '../csv.js';
import { requireRole } from '../auth/guard.js';
import type { AppContext } from '../server/context.js';
import type { ExportRow } from '../storage/types.js';
import { badParam, readQuery } from './query.js';

const COLUMNS: Array<keyof ExportRow> = [
  'id', 'surveyId', 'kind', 'score', 'scaleMin', 'scaleMax', 'comment', 'answers', 'createdAt', 'receivedAt',
  'anonymousId', 'userId', 'channel', 'locale', 'pageUrl', 'attributes', 'version', 'overLimit', 'test',
];

/** Registers the export endpoint. */
export function exportRoutes(app: Hono, ctx: AppContext): void {
  app.get('/v1/responses/export', requireRole(ctx, 'viewer'), async (c) => {
    // Everything is checked before the 200 goes out: once streaming, an error can only cut the body short.
    const read = readQuery(c, ctx, ['format', 'test']);
    if (read instanceof Response) return read;
    const { query: q, values } = read;
    const format = values.get('format') ?? 'csv';
    if (format !== 'csv' && format !== 'ndjson') return badParam(c, { param: 'format', reason: 'must be csv or ndjson' });
    const test = values.get('test') ?? 'exclude';
    if (test !== 'include' && test !== 'exclude') return badParam(c, { param: 'test', reason: 'must be include or exclude' });
    // An export holds a read slot until its last row is written; the first
    // page is fetched before answering, so a failing query is an error answer, not an empty 200.
    const release = await ctx.reads.acquire();
    let rows: AsyncIterator<ExportRow>;
    let first: IteratorResult<ExportRow>;
    try {
      rows = ctx.storage.exportResponses({ ...q, test })[Symbol.asyncIterator]();
      first = await rows.next();
    } catch (err) {
      release();
      throw err;
    }
    const name = `sayso-${q.site}${q.surveyId ? `-${q.surveyId}` : ''}-${q.from}-${q.to}.${format}`;
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`);
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    return stream(
      c,
      async (out) => {
        try {
          let chunk = format === 'csv' ? csvLine(COLUMNS) : '';
          for (let next = first; !next.done; next = await rows.next()) {
            const row = next.value;
            chunk += format === 'csv' ? csvLine(COLUMNS.map((k) => row[k])) : JSON.stringify(row) + '\n';
            // Write in ~64 kB pieces: fewer syscalls than a line at a time.
            if (chunk.length > 65536) {
              await out.write(chunk);
              chunk = '';
            }
            if (out.aborted) {
              await rows.return?.();
              return;
            }
          }
          if (chunk) await out.write(chunk);
        } finally {
          release();
        }
      },
      async (err) => {
        // Headers are gone: all that is left is to log and end the body early.
        ctx.log.error('export failed while streaming', { error: String(err) });
      },
    );
  });
}
