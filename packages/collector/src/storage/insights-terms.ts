// Term counts for insights. The ingest statement only queues a new comment's
// id (sayso_term_queue, a small table that is mostly empty); a background
// worker takes queued ids with FOR UPDATE SKIP LOCKED, tokenises the comments
// with @sayso/insights, adds their terms to sayso_terms and deletes the queue
// rows in the same transaction. A comment is therefore counted exactly once
// (its queue row goes with its counts), never on the ingest's clock, and any
// number of collector instances can share the work.
//
// Counts are per survey, bucket (day, ISO week, month; see insights-buckets),
// term and language, with one column per score (s0..s10) and their sum (n):
// the band follows from the score and the survey's kind, and the score
// tallies give each theme's impact. The term '' counts every comment, the
// denominator of every rate.
import { langOf, terms as termsOf, type Themes } from '@sayso/insights';
import type { SqlDriver, SqlRunner } from './driver.js';
import { bucketsOf, cover, dateArray, monthsOf, type Grain } from './insights-buckets.js';

/** Summed counts of one term at one score. */
export interface TermScoreRow {
  term: string;
  score: number;
  n: number;
}

/** A term's comments in the current period and in the trailing ones. */
export interface TermPeriodRow {
  term: string;
  current: number;
  trailing: number;
}

/** A stored comment, as insights lists it. */
export interface InsightComment {
  id: string;
  score: number;
  comment: string;
  locale: string | null;
  createdAt: string;
  /** Keyset cursor: the raw timestamp, for `before`. */
  ts: string;
}

/** A range of one survey's term counts; `lang` keeps one language. */
export interface TermQuery {
  site: string;
  surveyId: string;
  from: string;
  to: string;
  lang?: string | undefined;
  /** Only terms with at least this many comments over the range (the term '' and custom themes always). */
  minComments: number;
}

/** The queued comment a worker took. */
interface Claimed {
  site: string;
  id: string;
  surveyId: string | null;
  score: number | null;
  comment: string | null;
  locale: string | null;
  day: string | null;
}

/** A comment as the term counter counts it (`day`: its UTC day, `YYYY-MM-DD`). */
export interface CountableComment {
  site: string;
  surveyId: string;
  score: number;
  comment: string;
  locale: string | null;
  day: string;
}

/** Every score a survey can have: NPS 0..10, CSAT 1..k (k ≤ 10), CES 1..7 or 1..5. */
const SCORES = 11;

/** One row of sayso_terms to add: `n` comments in all, `s<k>` (when not 0) of them with score k. */
export interface TermCountRow {
  site: string;
  survey_id: string;
  grain: Grain;
  day: string;
  term: string;
  lang: string;
  n: number;
  [score: `s${number}`]: number;
}

/** The storage side of insights (part of `Storage`). */
export interface InsightsStorage {
  /**
   * Makes sure a site's counts were made by the current term rules and
   * custom themes (`fingerprint`); when not, drops them and queues every
   * stored comment of the site again. Returns true when it did.
   */
  prepare(site: string, fingerprint: string): Promise<boolean>;
  /**
   * Counts up to `limit` queued comments and returns how many it took off
   * the queue (0: nothing to do, or another instance holds them). Link
   * responses wait until they have their follow-up or `settleSeconds` have
   * passed since they arrived, so a score that may still change is not counted.
   */
  countPending(options: { limit: number; settleSeconds: number; themesFor: (site: string) => Themes | undefined }): Promise<number>;
  /**
   * Counts comments that were stored without going through the queue (a bulk
   * import; the benchmark's fill), with the term counter's own code, in one
   * transaction. Counting a comment that is also queued counts it twice.
   */
  addComments(comments: readonly CountableComment[], themesFor: (site: string) => Themes | undefined): Promise<number>;
  /** Comments of a site still waiting to be counted. */
  pending(site: string): Promise<number>;
  /** Per frequent term (and '' and custom themes), comments per score over the range. */
  termScores(query: TermQuery): Promise<TermScoreRow[]>;
  /** Per term with at least `minComments` comments over both, its comments in `current` and in `trailing`. */
  termPeriods(query: Omit<TermQuery, 'from' | 'to'> & { current: [string, string]; trailing: [string, string] }): Promise<TermPeriodRow[]>;
  /** Comments of a survey in the range, newest first, from before the cursor. */
  comments(query: { site: string; surveyId: string; from: string; to: string; before?: { ts: string; id: string } | undefined; limit: number }): Promise<InsightComment[]>;
}

const CLAIM = `
select q.site, q.id::text as id, r.survey_id as "surveyId", r.score, r.comment, r.locale,
       to_char((r.created_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day
from sayso_term_queue q
left join sayso_responses r on r.site = q.site and r.id = q.id
where not coalesce(r.channel = 'link' and r.followed_up_at is null and r.received_at > now() - make_interval(secs => $2::float8), false)
order by q.site, q.id
limit $1
for update of q skip locked`;

// The score columns, s0..s10.
const SCORE_COLUMNS = Array.from({ length: SCORES }, (_, k) => `s${k}`);

// Scores a row does not have are left out of its JSON (most rows have one or two).
const ADD = `
insert into sayso_terms (site, survey_id, grain, day, term, lang, n, ${SCORE_COLUMNS.join(', ')})
select site, survey_id, grain, day, term, lang, n, ${SCORE_COLUMNS.map((s) => `coalesce(${s}, 0)`).join(', ')}
from jsonb_to_recordset($1::text::jsonb) as r(site text, survey_id text, grain text, day date, term text, lang text, n integer, ${SCORE_COLUMNS.map((s) => `${s} integer`).join(', ')})
-- A fixed order makes concurrent workers lock rows in the same order: no deadlocks.
order by site, survey_id, grain, day, term, lang
on conflict (site, survey_id, grain, day, term, lang) do update set n = sayso_terms.n + excluded.n, ${SCORE_COLUMNS.map((s) => `${s} = sayso_terms.${s} + excluded.${s}`).join(', ')}`;

const DONE = `
delete from sayso_term_queue q
using jsonb_to_recordset($1::text::jsonb) as x(site text, id uuid)
where q.site = x.site and q.id = x.id`;

// A date array passed as text, converted once per statement: text to date
// is only stable (it reads DateStyle), so a bare `$3::text::date[]` is parsed
// again for every row it is compared with (a third of a count's CPU over 10⁶ comments).
const dates = (p: string) => `(select ${p}::text::date[])::date[]`;
// The buckets of a cover, as three date arrays ($3 days, $4 weeks, $5 months).
const IN_COVER = `((grain = 'd' and day = any(${dates('$3')})) or (grain = 'w' and day = any(${dates('$4')})) or (grain = 'm' and day = any(${dates('$5')})))`;
// The trailing period's cover in a rising query ($7, $8, $9).
const TRAILING_COVER = `((grain = 'd' and day = any(${dates('$7')})) or (grain = 'w' and day = any(${dates('$8')})) or (grain = 'm' and day = any(${dates('$9')})))`;

// Sums per score in columns: one hash aggregate by term, in one pass.
const SCORE_SUMS = SCORE_COLUMNS.map((s) => `sum(${s})::float8 as ${s}`).join(', ');

// Over many months the threshold falls to 1 and every term is a candidate:
// then one scan of the range's rows is cheaper than finding candidates first.
const TERM_SCORES_SCAN = `
select term, ${SCORE_SUMS} from sayso_terms
where site = $1 and survey_id = $2 and ${IN_COVER} and ($6::text is null or lang = $6::text)
group by term
having sum(n) >= $7 or term = '' or term like 'theme:%'`;

const TERM_PERIODS_SCAN = `
select term, coalesce(sum(n) filter (where cur), 0)::float8 as current, coalesce(sum(n) filter (where not cur), 0)::float8 as trailing
from (
  select term, n, true as cur from sayso_terms
  where site = $1 and survey_id = $2 and ${IN_COVER} and ($6::text is null or lang = $6::text)
  union all
  select term, n, false from sayso_terms
  where site = $1 and survey_id = $2 and ${TRAILING_COVER}
    and ($6::text is null or lang = $6::text)
) t
group by term
having sum(n) >= $10 or term = ''`;

// Candidate terms: a term with at least m comments over a range has at least
// m / k in one of the k months that overlap it, so the terms with a monthly
// total of ceil(m / k) or more ($9, found by index) hold every frequent term
// of the range; their exact counts are then summed. '' and custom themes always.
const CANDIDATES = `
cand as (
  select term from sayso_terms
  where site = $1 and survey_id = $2 and grain = 't' and day = any(${dates('$8')}) and n >= $9
  union
  select term from sayso_terms
  where site = $1 and survey_id = $2 and grain = 't' and day = any(${dates('$8')}) and term >= 'theme:' and term < 'theme;'
  union
  select ''
)`;

const TERM_SCORES = `
with ${CANDIDATES}
select s.term, ${SCORE_SUMS} from cand
join sayso_terms s on s.term = cand.term
where site = $1 and survey_id = $2 and ${IN_COVER} and ($6::text is null or lang = $6::text)
group by s.term
having sum(n) >= $7 or s.term = '' or s.term like 'theme:%'`;

// The same candidates (over the months that overlap both periods, $11 and $12),
// then their sums per period, in one join and one hash aggregate (a probe per
// candidate term cost four times the CPU over 10⁶ comments). The periods do not
// overlap, so no bucket is in both covers.
const TERM_PERIODS = `
with ${CANDIDATES.replaceAll('$8', '$11').replaceAll('$9', '$12')}
select s.term, coalesce(sum(n) filter (where ${IN_COVER}), 0)::float8 as current, coalesce(sum(n) filter (where not ${IN_COVER}), 0)::float8 as trailing
from cand
join sayso_terms s on s.term = cand.term
where site = $1 and survey_id = $2 and (${IN_COVER} or ${TRAILING_COVER}) and ($6::text is null or lang = $6::text)
group by s.term
having sum(n) >= $10 or s.term = ''`;

/**
 * The rows of sayso_terms that a set of comments adds: for each comment, the
 * term '' and each of its terms (once per comment), in every grain. Comments
 * in a language insights does not know count under lang '' with no terms.
 * The term counter and `addComments` (a bulk fill) both count with it.
 */
export function countComments(
  comments: readonly CountableComment[],
  themesFor: (site: string) => Themes | undefined,
): TermCountRow[] {
  const counts = new Map<string, TermCountRow>();
  for (const c of comments) {
    if (c.comment.trim() === '') continue;
    const lang = c.locale ? (langOf(c.locale) ?? '') : '';
    const themes = themesFor(c.site);
    const found = lang ? termsOf(c.comment, lang, themes ? { themes } : {}).terms : [];
    const buckets = bucketsOf(c.day);
    const score = `s${c.score}` as const;
    for (const term of ['', ...found]) {
      for (const grain of ['d', 'w', 'm', 't'] as const) {
        // The monthly total ('t') is over languages and scores.
        const total = grain === 't';
        const day = buckets[total ? 'm' : grain];
        const key = `${c.site}\x1f${c.surveyId}\x1f${grain}\x1f${day}\x1f${term}\x1f${total ? '' : lang}`;
        let row = counts.get(key);
        if (!row) counts.set(key, (row = { site: c.site, survey_id: c.surveyId, grain, day, term, lang: total ? '' : lang, n: 0 }));
        row.n++;
        if (!total) row[score] = (row[score] ?? 0) + 1;
      }
    }
  }
  return [...counts.values()];
}

/** The insights part of sqlStorage. */
export function insightsStorage(db: SqlDriver): InsightsStorage {
  const coverParams = (from: string, to: string) => {
    const c = cover(from, to);
    return [dateArray(c.d), dateArray(c.w), dateArray(c.m)];
  };
  return {
    async prepare(site, fingerprint) {
      return db.transaction(async (tx) => {
        // Exclusive against every worker (they take it shared): nothing is counted while counts are dropped and re-queued.
        await tx.query(`select pg_advisory_xact_lock(7263)`);
        const [state] = await tx.query<{ fingerprint: string }>(`select fingerprint from sayso_term_state where site = $1`, [site]);
        if (state?.fingerprint === fingerprint) return false;
        await tx.query(`delete from sayso_term_queue where site = $1`, [site]);
        await tx.query(`delete from sayso_terms where site = $1`, [site]);
        await tx.query(`insert into sayso_term_queue (site, id) select site, id from sayso_responses where site = $1 and comment <> '' and not test`, [site]);
        await tx.query(
          `insert into sayso_term_state (site, fingerprint) values ($1, $2)
           on conflict (site) do update set fingerprint = excluded.fingerprint, rebuilt_at = now()`,
          [site, fingerprint],
        );
        return true;
      });
    },

    async countPending({ limit, settleSeconds, themesFor }) {
      return db.transaction(async (tx: SqlRunner) => {
        await tx.query(`select pg_advisory_xact_lock_shared(7263)`);
        const claimed = await tx.query<Claimed>(CLAIM, [limit, settleSeconds]);
        if (claimed.length === 0) return 0;
        const rows = countComments(
          claimed.flatMap((c) =>
            // A queued id whose response is gone, or lost its comment, is only taken off the queue.
            c.surveyId !== null && c.comment && c.day !== null && c.score !== null
              ? [{ site: c.site, surveyId: c.surveyId, score: Number(c.score), comment: c.comment, locale: c.locale, day: c.day }]
              : [],
          ),
          themesFor,
        );
        if (rows.length > 0) await tx.query(ADD, [JSON.stringify(rows)]);
        await tx.query(DONE, [JSON.stringify(claimed.map((c) => ({ site: c.site, id: c.id })))]);
        return claimed.length;
      });
    },

    async addComments(comments, themesFor) {
      const rows = countComments(comments, themesFor);
      if (rows.length > 0) await db.transaction((tx) => tx.query(ADD, [JSON.stringify(rows)]));
      return rows.length;
    },

    async pending(site) {
      const [row] = await db.query<{ n: number }>(`select count(*)::float8 as n from sayso_term_queue where site = $1`, [site]);
      return Number(row?.n ?? 0);
    },

    async termScores(q) {
      const months = monthsOf(q.from, q.to);
      const threshold = Math.ceil(q.minComments / months.length);
      const params = [q.site, q.surveyId, ...coverParams(q.from, q.to), q.lang ?? null, q.minComments, dateArray(months), threshold];
      // The scan takes no candidates: PostgreSQL refuses parameters a statement does not use.
      const rows = await db.query<{ term: string } & Record<`s${number}`, number | null>>(threshold >= 2 ? TERM_SCORES : TERM_SCORES_SCAN, threshold >= 2 ? params : params.slice(0, 7));
      const out: TermScoreRow[] = [];
      for (const r of rows) {
        for (let score = 0; score < SCORES; score++) {
          const n = Number(r[`s${score}`] ?? 0);
          if (n > 0) out.push({ term: r.term, score, n });
        }
      }
      return out;
    },

    async termPeriods(q) {
      const months = monthsOf(q.trailing[0], q.current[1]);
      const threshold = Math.ceil(q.minComments / months.length);
      const params = [q.site, q.surveyId, ...coverParams(q.current[0], q.current[1]), q.lang ?? null, ...coverParams(q.trailing[0], q.trailing[1]), q.minComments, dateArray(months), threshold];
      const rows = await db.query<TermPeriodRow>(threshold >= 2 ? TERM_PERIODS : TERM_PERIODS_SCAN, threshold >= 2 ? params : params.slice(0, 10));
      return rows.map((r) => ({ term: r.term, current: Number(r.current), trailing: Number(r.trailing) }));
    },

    async comments(q) {
      const end = new Date(`${q.to}T00:00:00.000Z`);
      end.setUTCDate(end.getUTCDate() + 1);
      const rows = await db.query<InsightComment>(
        `select id::text as id, score, comment, locale,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt", created_at::text as ts
         from sayso_responses
         where site = $1 and survey_id = $2 and created_at >= $3::timestamptz and created_at < $4::timestamptz and comment <> '' and not test
           and ($5::text is null or (created_at, id) < ($5::timestamptz, $6::uuid))
         order by created_at desc, id desc limit $7`,
        [q.site, q.surveyId, `${q.from}T00:00:00.000Z`, end.toISOString(), q.before?.ts ?? null, q.before?.id ?? null, q.limit],
      );
      return rows.map((r) => ({ ...r, score: Number(r.score) }));
    },
  };
}
