// Storage over any SqlDriver: the one implementation both PGlite and
// PostgreSQL run. Batches travel as one JSON parameter and are unpacked with
// jsonb_to_recordset, so an ingest is one round trip whatever its size.
import type { UserHistoryEntry } from '@sayso/core';
import type { SqlDriver, SqlRunner } from './driver.js';
import { activityStorage } from './activity.js';
import { inboxStorage } from './inbox.js';
import { alertRunStorage } from './alert-runs.js';
import { alertStorage } from './alerts.js';
import { apiTokensStorage } from './api-tokens.js';
import { insightsStorage } from './insights-terms.js';
import { migrations } from './schema.js';
import { sessionsStorage } from './sessions.js';
import { usersStorage } from './users.js';
import { webhookOutbox } from '../webhooks/outbox.js';
import { siteStorage } from './sites.js';
import { surveyStorage } from './surveys.js';
import type { ExportRow, IngestOutcome, IngestRefusal, LinkAmendment, RangeQuery, Storage, StoredEvent, StoredResponse, TallyRow } from './types.js';

/** How many rows of tallies concurrent ingests spread over (see schema.ts). */
const SHARDS = 8;

// Insert the new responses, then add exactly those (not the duplicates) to
// the tallies, in one statement: the CTEs share one snapshot and commit together.
const INGEST_RESPONSES = `
with input as (
  select * from jsonb_to_recordset($2::text::jsonb) as r(
    id uuid, survey_id text, kind text, score integer, scale_min integer, scale_max integer,
    comment text, answers jsonb, created_at timestamptz, anonymous_id text, user_id text,
    user_verified boolean, attributes jsonb, page_url text, referrer text, locale text, channel text,
    version integer, over_limit boolean, test boolean)
),
ins as (
  insert into sayso_responses (site, id, survey_id, kind, score, scale_min, scale_max, comment, answers,
    created_at, anonymous_id, user_id, user_verified, attributes, page_url, referrer, locale, channel, version, over_limit, test)
  select $1::text, id, survey_id, kind, score, scale_min, scale_max, comment, answers,
    created_at, anonymous_id, user_id, coalesce(user_verified, false), coalesce(attributes, '{}'::jsonb), page_url, referrer, locale, channel,
    version, coalesce(over_limit, false), coalesce(test, false)
  from input
  on conflict (site, id) do nothing
  returning id, survey_id, score, created_at, channel, locale, attributes, version, test
),
-- A preview's test answers are stored, never tallied: every figure reads the tallies.
counted as (select * from ins where not test),
dims as (
  select survey_id, (created_at at time zone 'UTC')::date as day, '' as dim, '' as val, score from counted
  union all
  select survey_id, (created_at at time zone 'UTC')::date, 'channel', channel, score from counted
  union all
  select survey_id, (created_at at time zone 'UTC')::date, 'locale', coalesce(locale, ''), score from counted
  union all
  -- The published version answered ('' when unknown): scores split or filter by it from tallies.
  select survey_id, (created_at at time zone 'UTC')::date, 'version', coalesce(version::text, ''), score from counted
  union all
  select i.survey_id, (i.created_at at time zone 'UTC')::date, 'attr:' || a.key, a.value, i.score
  from counted i cross join lateral jsonb_each_text(i.attributes) a
  where a.key in (select jsonb_array_elements_text($3::text::jsonb))
),
tallied as (
  insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n)
  select $1::text, survey_id, day, dim, val, 'response', score, $4::smallint, count(*)
  from dims
  group by survey_id, day, dim, val, score
  -- A fixed order makes concurrent upserts lock rows in the same order: no deadlocks.
  order by survey_id, dim, day, val, score
  on conflict (site, survey_id, dim, day, val, metric, score, shard) do update set n = sayso_tallies.n + excluded.n
)
-- One row holding every new id: less to send and parse than a row per id.
select array_agg(id::text) as ids from ins`;

const INGEST_EVENTS = `
with input as (
  select * from jsonb_to_recordset($2::text::jsonb) as r(
    id uuid, type text, survey_id text, anonymous_id text, user_id text, user_verified boolean,
    created_at timestamptz, channel text, version integer, test boolean)
),
ins as (
  insert into sayso_events (site, id, type, survey_id, anonymous_id, user_id, user_verified, created_at, channel, version, test)
  select $1::text, id, type, survey_id, anonymous_id, user_id, coalesce(user_verified, false), created_at, channel, version, coalesce(test, false) from input
  on conflict (site, id) do nothing
  returning id, type, survey_id, created_at, channel, version, test
),
-- A preview's displays and dismissals are stored, never tallied (response rates read the tallies).
counted as (select * from ins where not test),
dims as (
  select survey_id, type, (created_at at time zone 'UTC')::date as day, '' as dim, '' as val from counted
  union all
  select survey_id, type, (created_at at time zone 'UTC')::date, 'channel', coalesce(channel, 'web') from counted
  union all
  select survey_id, type, (created_at at time zone 'UTC')::date, 'version', coalesce(version::text, '') from counted
),
tallied as (
  insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n)
  select $1::text, survey_id, day, dim, val, type, -1, $3::smallint, count(*)
  from dims
  group by survey_id, type, day, dim, val
  order by survey_id, dim, day, val, type
  on conflict (site, survey_id, dim, day, val, metric, score, shard) do update set n = sayso_tallies.n + excluded.n
)
-- One row holding every new id: less to send and parse than a row per id.
select array_agg(id::text) as ids from ins`;

// A link survey's follow-up: the score recorded at once from the link may be
// corrected and a comment added, once, within a window after the score was
// received (database clock, so every instance agrees). The tallies move with
// the score: the old row's contributions are taken out (-1), the new ones put
// in (+1). `for update` makes a concurrent second follow-up wait, then see
// `followed_up_at` set. A test answer is amended but was never tallied: its
// changes move no tally. The last select says which case applied.
const AMEND_LINK_RESPONSE = `
with target as (
  select id, survey_id, score, created_at, channel, locale, attributes, version, test, received_at, followed_up_at from sayso_responses
  where site = $1 and id = $2::uuid and survey_id = $3 and channel = 'link'
  for update
),
old as (
  select * from target
  where followed_up_at is null and received_at >= now() - make_interval(secs => $4::float8)
),
upd as (
  update sayso_responses r set score = $5, comment = $6, answers = $7::text::jsonb, followed_up_at = now()
  from old where r.site = $1 and r.id = old.id
  returning r.survey_id, r.score, r.created_at, r.channel, r.locale, r.attributes, r.version, r.test
),
changes as (
  select survey_id, score, created_at, channel, locale, attributes, version, -1 as d from old where not test
  union all
  select survey_id, score, created_at, channel, locale, attributes, version, 1 from upd where not test
),
dims as (
  select survey_id, (created_at at time zone 'UTC')::date as day, '' as dim, '' as val, score, d from changes
  union all select survey_id, (created_at at time zone 'UTC')::date, 'channel', channel, score, d from changes
  union all select survey_id, (created_at at time zone 'UTC')::date, 'locale', coalesce(locale, ''), score, d from changes
  union all select survey_id, (created_at at time zone 'UTC')::date, 'version', coalesce(version::text, ''), score, d from changes
  union all
  select c.survey_id, (c.created_at at time zone 'UTC')::date, 'attr:' || a.key, a.value, c.score, c.d
  from changes c cross join lateral jsonb_each_text(c.attributes) a
  where a.key in (select jsonb_array_elements_text($8::text::jsonb))
),
tallied as (
  insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n)
  select $1, survey_id, day, dim, val, 'response', score, $9::smallint, sum(d)
  from dims group by survey_id, day, dim, val, score
  having sum(d) <> 0
  order by survey_id, dim, day, val, score
  on conflict (site, survey_id, dim, day, val, metric, score, shard) do update set n = sayso_tallies.n + excluded.n
)
select case
  when exists (select 1 from upd) then 'amended'
  when not exists (select 1 from target) then 'unknown'
  when exists (select 1 from target where followed_up_at is not null) then 'completed'
  else 'expired' end as outcome`;

// Rollup: fold the shards of finished days into shard 0. Shards only exist
// to spread concurrent writes to the current day; a finished day read as one
// row per value is 8 times less for /v1/scores to sum. Counts are moved, never
// changed, so scores are the same before and after.
const COMPACT = `
with moved as (
  delete from sayso_tallies where day < $1::date and shard <> 0
  returning site, survey_id, day, dim, val, metric, score, n
),
folded as (
  insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n)
  select site, survey_id, day, dim, val, metric, score, 0, sum(n) from moved
  group by site, survey_id, day, dim, val, metric, score
  order by site, survey_id, dim, day, val, metric, score
  on conflict (site, survey_id, dim, day, val, metric, score, shard) do update set n = sayso_tallies.n + excluded.n
  returning 1
)
select count(*)::int as n from folded`;

const EXPORT_COLUMNS = `id::text as id, survey_id as "surveyId", kind, score, scale_min as "scaleMin", scale_max as "scaleMax",
  comment, answers, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "receivedAt",
  anonymous_id as "anonymousId", user_id as "userId", attributes, page_url as "pageUrl", locale, channel,
  version, over_limit as "overLimit", test`;

function responseRow(r: StoredResponse) {
  return {
    id: r.id,
    survey_id: r.surveyId,
    kind: r.kind,
    score: r.score,
    scale_min: r.scale[0],
    scale_max: r.scale[1],
    comment: r.comment ?? null,
    answers: r.answers ?? null,
    created_at: r.createdAt,
    anonymous_id: r.anonymousId,
    user_id: r.userId ?? null,
    user_verified: r.userVerified === true,
    attributes: r.attributes,
    page_url: r.page.url,
    referrer: r.page.referrer ?? null,
    locale: r.locale,
    channel: r.channel,
    version: r.version ?? null,
    over_limit: r.overLimit === true,
    test: r.test === true,
  };
}

function eventRow(e: StoredEvent) {
  return {
    id: e.id,
    type: e.type,
    survey_id: e.surveyId,
    anonymous_id: e.anonymousId,
    user_id: e.userId ?? null,
    user_verified: e.userVerified === true,
    created_at: e.createdAt,
    channel: e.channel ?? 'web',
    version: e.version ?? null,
    test: e.test === true,
  };
}

/**
 * True for a database error that blames a value rather than the database:
 * SQLSTATE class 22 (data exception: text that is not UTF-8, NUL, a date out
 * of range, an unsupported JSON escape), 23 (integrity constraint violation)
 * or 54 (program limit exceeded: an index row too large, JSON nested too
 * deep). Connection losses, deadlocks, a full disk and the like are not
 * (08, 40, 53, 57, …): retrying the same items later can succeed.
 */
function refusesValue(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

function sqlError(err: unknown): { code: string; message: string } {
  return { code: String((err as { code?: unknown }).code), message: err instanceof Error ? err.message : String(err) };
}

/**
 * Stores `rows` (whose first has index `offset`) with `insert`; when the
 * database refuses a value in them, halves them until each offender is
 * alone and reports it to `refuse`. Every other row is stored, each half in
 * its own statement. One offender in n rows costs about 2·log2(n) statements
 * rather than n; any error that does not blame a value rejects.
 */
async function storeApart<T>(
  insert: (rows: readonly T[]) => Promise<string[]>,
  rows: readonly T[],
  offset: number,
  refuse: (index: number, err: unknown) => void,
  fresh: Set<string>,
): Promise<void> {
  if (rows.length === 0) return;
  try {
    for (const id of await insert(rows)) fresh.add(id);
  } catch (err) {
    if (!refusesValue(err)) throw err;
    if (rows.length === 1) return refuse(offset, err);
    const half = Math.ceil(rows.length / 2);
    await storeApart(insert, rows.slice(0, half), offset, refuse, fresh);
    await storeApart(insert, rows.slice(half), offset + half, refuse, fresh);
  }
}

/** Time bounds of a RangeQuery: `[from 00:00, to+1 00:00)` in UTC. */
function bounds(q: RangeQuery): [string, string] {
  const end = new Date(`${q.to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return [`${q.from}T00:00:00.000Z`, end.toISOString()];
}

/** The day bucket of a response row (created_at in UTC), as the tallies' `by` buckets them; `$6` is `from`. */
function responseBucket(by: 'day' | 'week' | 'month' | 'range'): string {
  const day = `(created_at at time zone 'UTC')::date`;
  if (by === 'range') return '$6::text';
  return by === 'day' ? `to_char(${day}, 'YYYY-MM-DD')` : `to_char(date_trunc('${by}', ${day})::date, 'YYYY-MM-DD')`;
}

/** The segment value of a response row for a tally dimension; `$2` is the attribute name. */
function responseValue(dim: string): string {
  if (dim.startsWith('attr:')) return `coalesce(attributes ->> $2, '')`;
  if (dim === 'channel') return 'channel';
  if (dim === 'locale') return `coalesce(locale, '')`;
  if (dim === 'version') return `coalesce(version::text, '')`;
  return `''`;
}

/** A Storage over a SqlDriver (PGlite or PostgreSQL). Call `migrate()` before use. */
export function sqlStorage(db: SqlDriver): Storage {
  const ensureMigrationsTable = (tx: SqlRunner) =>
    tx.exec(`create table if not exists sayso_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())`);

  const activity = activityStorage(db);
  const storage: Storage = {
    driver: db.name,

    async schemaVersion() {
      // Two steps: a query naming a missing table fails at planning, even in an untaken branch.
      const [exists] = await db.query<{ t: string | null }>(`select to_regclass('sayso_migrations')::text as t`);
      if (!exists?.t) return 0;
      const [row] = await db.query<{ v: number }>(`select coalesce(max(version), 0) as v from sayso_migrations`);
      return Number(row?.v ?? 0);
    },

    async migrate(upTo = Infinity) {
      return db.transaction(async (tx) => {
        // Two instances starting together: the second waits here, then finds nothing to do.
        await tx.query(`select pg_advisory_xact_lock(7261)`);
        await ensureMigrationsTable(tx);
        const done = await tx.query<{ version: number }>(`select version from sayso_migrations`);
        const applied = new Set(done.map((r) => Number(r.version)));
        let version = Math.max(0, ...applied);
        for (const m of migrations) {
          if (applied.has(m.version) || m.version > upTo) continue;
          await tx.exec(m.sql);
          await tx.query(`insert into sayso_migrations (version, name) values ($1, $2)`, [m.version, m.name]);
          version = Math.max(version, m.version);
        }
        return version;
      });
    },

    async ingest(site, { responses, events }, segments) {
      const shard = Math.floor(Math.random() * SHARDS);
      const seg = JSON.stringify(segments);
      const fresh = new Set<string>();
      const insertResponses = async (tx: SqlRunner, rows: readonly StoredResponse[]) => {
        if (rows.length === 0) return [];
        const [row] = await tx.query<{ ids: string[] | null }>(INGEST_RESPONSES, [site, JSON.stringify(rows.map(responseRow)), seg, shard]);
        return row?.ids ?? [];
      };
      const insertEvents = async (tx: SqlRunner, rows: readonly StoredEvent[]) => {
        if (rows.length === 0) return [];
        const [row] = await tx.query<{ ids: string[] | null }>(INGEST_EVENTS, [site, JSON.stringify(rows.map(eventRow)), shard]);
        return row?.ids ?? [];
      };
      const refused: IngestRefusal[] = [];
      try {
        const write = async (tx: SqlRunner) => [...(await insertResponses(tx, responses)), ...(await insertEvents(tx, events))];
        // One statement is atomic on its own; two (responses and events) share a transaction.
        const ids = responses.length > 0 && events.length > 0 ? await db.transaction(write) : await write(db);
        for (const id of ids) fresh.add(id);
      } catch (err) {
        if (!refusesValue(err)) throw err;
        // Nothing was stored (the statement or transaction rolled back). The
        // parsers keep out every value known to fail, so this is one nobody
        // foresaw: find the items that hold it and store all the others.
        const found = (list: IngestRefusal['list']) => (index: number, e: unknown) => refused.push({ list, index, ...sqlError(e) });
        await storeApart((rows) => insertResponses(db, rows), responses, 0, found('responses'), fresh);
        await storeApart((rows) => insertEvents(db, rows), events, 0, found('events'), fresh);
      }
      const outcome: IngestOutcome = { accepted: [], duplicates: [] };
      const skip = (list: IngestRefusal['list']) => new Set(refused.filter((r) => r.list === list).map((r) => r.index));
      const skipResponses = skip('responses');
      const skipEvents = skip('events');
      const sort = (item: { id: string }) =>
        // The database returns uuids lower-cased.
        (fresh.has(item.id.toLowerCase()) ? outcome.accepted : outcome.duplicates).push(item.id);
      responses.forEach((r, i) => {
        if (!skipResponses.has(i)) sort(r);
      });
      events.forEach((e, i) => {
        if (!skipEvents.has(i)) sort(e);
      });
      if (refused.length > 0) outcome.refused = refused;
      return outcome;
    },

    async tallies(q) {
      const [start, end] = bounds(q);
      const dim = q.dimension;
      // The surveys asked for, as one text parameter (unit-separated): the
      // primary key (site, survey_id, dim, day, …) is then probed per survey
      // instead of scanned for the whole site.
      const list = q.surveyIds ?? (q.surveyId ? [q.surveyId] : undefined);
      const surveys = list?.join('\x1f') ?? null;
      const by = q.by ?? 'day';
      // ISO weeks start on Monday, as date_trunc('week') does; `range` is one bucket dated `from`.
      const bucket = by === 'range' ? '$3::text' : by === 'day' ? `to_char(day, 'YYYY-MM-DD')` : `to_char(date_trunc('${by}', day)::date, 'YYYY-MM-DD')`;
      const bySurvey = list ? `survey_id = any(string_to_array($5::text, E'\\x1f'))` : `$5::text is null`;
      // Tallies are kept per version too: no dimension and one version is the 'version' dimension's row of
      // that value. A version filter on any other dimension counts from the responses.
      const byVersion = q.version !== undefined && dim === '';
      const fromResponses = q.fromResponses === true || (q.version !== undefined && !byVersion);
      const rows = !fromResponses
        ? await db.query<TallyRow>(
            // Summed per bucket in SQL: a year by week is 52 rows per score, not 365.
            `select survey_id as "surveyId", ${bucket} as day, ${byVersion ? `''` : 'val'} as value, metric, score, sum(n)::float8 as n
             from sayso_tallies
             where site = $1 and ${bySurvey} and dim = $2 and day >= $3::date and day < $4::date
               and ($6::text is null or val = $6::text)
             group by 1, 2, val, metric, score
             order by 1, 2, val, metric, score`,
            [q.site, byVersion ? 'version' : dim, q.from, end.slice(0, 10), surveys, byVersion ? String(q.version) : null],
          )
        : await db.query<TallyRow>(
            // Not pre-aggregated: count from the responses themselves.
            `select survey_id as "surveyId", ${responseBucket(by)} as day,
                    ${responseValue(dim)} as value, 'response' as metric, score, count(*)::float8 as n
             from sayso_responses
             where site = $1 and created_at >= $3::timestamptz and created_at < $4::timestamptz and ${bySurvey}
               and ($7::integer is null or version = $7::integer) and not test
               -- Every parameter is named once with its type: PostgreSQL refuses a parameter it cannot type.
               and $2::text is not null and $6::text is not null
               ${dim.startsWith('attr:') ? 'and attributes ? $2' : ''}
             group by 1, 2, 3, 5
             order by 1, 2, 3, 5`,
            [q.site, dim.startsWith('attr:') ? dim.slice(5) : dim, start, end, surveys, q.from, q.version ?? null],
          );
      return rows.map((r) => ({ ...r, n: Number(r.n), score: Number(r.score) }));
    },

    async amendLinkResponse(target, answer, segments) {
      const [row] = await db.query<{ outcome: LinkAmendment }>(AMEND_LINK_RESPONSE, [
        target.site,
        target.id,
        target.surveyId,
        target.windowSeconds,
        answer.score,
        answer.comment ?? null,
        answer.answers ? JSON.stringify(answer.answers) : null,
        JSON.stringify(segments),
        Math.floor(Math.random() * SHARDS),
      ]);
      return row?.outcome ?? 'unknown';
    },

    async compact(before) {
      return db.transaction(async (tx) => {
        // One instance at a time; the others skip rather than wait.
        const [lock] = await tx.query<{ ok: boolean }>(`select pg_try_advisory_xact_lock(7262) as ok`);
        if (!lock?.ok) return 0;
        const [row] = await tx.query<{ n: number }>(COMPACT, [before]);
        return Number(row?.n ?? 0);
      });
    },

    async surveyShapes(site) {
      // The tallies are small; one indexed probe per survey finds its kind and scale.
      const rows = await db.query<{ surveyId: string; kind: string; min: number; max: number }>(
        // A loose index scan (recursive CTE) lists the distinct surveys from the
        // primary key in a few probes, instead of reading every tally row.
        `with recursive s(survey_id) as (
           (select survey_id from sayso_tallies where site = $1 order by survey_id limit 1)
           union all
           select (select t.survey_id from sayso_tallies t where t.site = $1 and t.survey_id > s.survey_id order by t.survey_id limit 1)
           from s where s.survey_id is not null
         )
         select s.survey_id as "surveyId", r.kind, r.scale_min as min, r.scale_max as max
         from s
         cross join lateral (
           select kind, scale_min, scale_max from sayso_responses r
           where r.site = $1 and r.survey_id = s.survey_id order by created_at desc limit 1
         ) r
         where s.survey_id is not null
         order by 1`,
        [site],
      );
      return rows.map((r) => ({ surveyId: r.surveyId, kind: r.kind, scale: [Number(r.min), Number(r.max)] as [number, number] }));
    },

    async history(site, userId, limit = 200) {
      return db.query<UserHistoryEntry>(
        `select "surveyId", type, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from (
           select survey_id as "surveyId", 'response' as type, created_at from sayso_responses where site = $1 and user_id = $2 and user_verified and not test
           union all
           select survey_id, type, created_at from sayso_events where site = $1 and user_id = $2 and user_verified and not test
         ) h
         order by created_at desc limit $3`,
        [site, userId, limit],
      );
    },

    async *exportResponses(q, pageSize = 1000) {
      const [start, end] = bounds(q);
      // Keyset pagination: each page starts after the last row of the previous one.
      let after: [string, string] = [start, '00000000-0000-0000-0000-000000000000'];
      let first = true;
      for (;;) {
        const rows = await db.query<ExportRow & { ts: string }>(
          `select ${EXPORT_COLUMNS}, created_at::text as ts from sayso_responses
           where site = $1 and created_at < $3::timestamptz and ($5::text is null or survey_id = $5::text)
             and (created_at, id) ${first ? '>=' : '>'} ($2::timestamptz, $4::uuid)
             and ($7::boolean or not test)
           order by created_at, id limit $6`,
          [q.site, after[0], end, after[1], q.surveyId ?? null, pageSize, q.test === 'include'],
        );
        for (const { ts: _ts, ...row } of rows) yield row;
        if (rows.length < pageSize) return;
        const last = rows[rows.length - 1]!;
        after = [last.ts, last.id];
        first = false;
      }
    },

    async latestComments(q, limit) {
      const [start, end] = bounds(q);
      return db.query<ExportRow>(
        `select ${EXPORT_COLUMNS} from sayso_responses
         where site = $1 and created_at >= $2::timestamptz and created_at < $3::timestamptz
           and ($4::text is null or survey_id = $4::text) and comment is not null and comment <> ''
           and ($6::int is null or score <= $6::int) and ($7::int is null or score >= $7::int) and not test
         order by created_at desc limit $5`,
        [q.site, start, end, q.surveyId ?? null, limit, q.maxScore ?? null, q.minScore ?? null],
      );
    },

    async counts(site) {
      const rows = await db.query<{ responses: number; events: number; tallied: number }>(
        `select (select count(*) from sayso_responses where site = $1)::float8 as responses,
                (select count(*) from sayso_events where site = $1)::float8 as events,
                (select coalesce(sum(n), 0) from sayso_tallies where site = $1 and dim = '' and metric = 'response')::float8 as tallied`,
        [site],
      );
      const r = rows[0]!;
      return { responses: Number(r.responses), events: Number(r.events), tallied: Number(r.tallied) };
    },

    insights: insightsStorage(db),

    activity,
    users: usersStorage(db, activity),
    sessions: sessionsStorage(db),
    apiTokens: apiTokensStorage(db, activity),

    webhooks: webhookOutbox(db, activity),

    sites: siteStorage(db),

    surveys: surveyStorage(db),

    transaction: (fn) => db.transaction(fn),

    alertRuns: alertRunStorage(db),

    alerts: alertStorage(db, EXPORT_COLUMNS),

    inbox: inboxStorage(db),

    close: () => db.close(),
  };
  return storage;
}
