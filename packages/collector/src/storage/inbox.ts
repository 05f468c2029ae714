// The inbox: what a team does with each answer (its status, who has it,
// tags, notes) and the reading of answers with that state, filtered and
// keyset-paged newest first. An answer without an inbox row is `new` at row
// version 0; the first change inserts the row (migration 11), with a copy of
// the answer's created_at (migration 14).
import type { Actor } from '../auth/roles.js';
import type { SqlRunner } from './driver.js';

export const INBOX_STATUSES = ['new', 'in_progress', 'closed'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** One answer as the inbox shows it. */
export interface InboxItem {
  id: string;
  surveyId: string;
  kind: string;
  score: number;
  scale: [number, number];
  /** As `sayso_score_band` gives it: detractor/passive/promoter for NPS, unhappy/neutral/happy otherwise. */
  band: string;
  comment: string | null;
  answers: unknown;
  attributes: Record<string, unknown>;
  page: { url: string | null; referrer: string | null };
  channel: string;
  locale: string | null;
  version: number | null;
  /** True for an answer given in a preview: shown here, left out of every figure. */
  test: boolean;
  createdAt: string;
  receivedAt: string;
  status: InboxStatus;
  assignee: string | null;
  tags: string[];
  closedAt: string | null;
  /** How many notes it has. */
  notes: number;
  /** The row version If-Match names (0 before the first change). */
  rowVersion: number;
  /** Where the next page starts when this is the last item of one. */
  cursor: string;
}

/** A note on an answer. Stored as given: clients render it as text. */
export interface InboxNote {
  id: number;
  text: string;
  author: Pick<Actor, 'kind' | 'id' | 'label'>;
  createdAt: string;
}

/** The filters of a page; every one is optional and they combine with AND. */
export interface InboxQuery {
  site: string;
  surveyId?: string;
  band?: string;
  scoreMin?: number;
  scoreMax?: number;
  /** Segment values: attribute name → value, compared as text, exactly. */
  attributes?: Record<string, string>;
  /** ISO instants: created at or after `from`, before `toExclusive`. */
  from?: string;
  toExclusive?: string;
  hasComment?: boolean;
  /** `open`: new or in progress (every status but closed). */
  status?: InboxStatus | 'open';
  assignee?: string;
  /** A whole tag (never a prefix). */
  tag?: string;
  /** websearch_to_tsquery syntax, `simple` configuration. */
  search?: string;
  /** Test answers (from previews): shown (`include`, the default), left out, or alone. */
  test?: 'include' | 'exclude' | 'only';
  /** The `cursor` of the previous page's last item. */
  before?: { at: string; id: string };
  limit: number;
}

/** The state a change writes (whole: the route merges the request into the current one). */
export interface InboxState {
  status: InboxStatus;
  assignee: string | null;
  tags: string[];
  closedAt: string | null;
  at: string;
}

/** Per survey: detractor (unhappy) answers in a range, how many are closed, and the median seconds from answer to close. */
export interface ClosedLoopRow {
  surveyId: string;
  kind: string;
  detractors: number;
  closed: number;
  closedShare: number;
  medianSecondsToClose: number | null;
}

export interface InboxStorage {
  list(query: InboxQuery): Promise<InboxItem[]>;
  get(site: string, id: string, tx?: SqlRunner): Promise<InboxItem | undefined>;
  notes(site: string, id: string): Promise<InboxNote[]>;
  /** Writes `state` when the row is still at `rowVersion`; `'stale'` otherwise. */
  update(site: string, id: string, rowVersion: number, state: InboxState, tx: SqlRunner): Promise<number | 'stale'>;
  addNote(site: string, id: string, text: string, author: InboxNote['author'], tx: SqlRunner): Promise<InboxNote>;
  closedLoop(site: string, from: string, toExclusive: string): Promise<ClosedLoopRow[]>;
}

interface Row {
  id: string;
  survey_id: string;
  kind: string;
  score: number;
  scale_min: number;
  scale_max: number;
  band: string;
  comment: string | null;
  answers: unknown;
  attributes: Record<string, unknown>;
  page_url: string | null;
  referrer: string | null;
  channel: string;
  locale: string | null;
  version: number | null;
  test: boolean;
  created_at: Date | string;
  received_at: Date | string;
  cursor_at: string;
  status: InboxStatus;
  assignee: string | null;
  tags: string[];
  closed_at: Date | string | null;
  notes: string | number;
  row_version: number;
}

const iso = (v: Date | string) => new Date(v).toISOString();

// The notes are counted per row of the page (the index on notes makes each a short range scan).
const COLUMNS = `
  select r.id, r.survey_id, r.kind, r.score, r.scale_min, r.scale_max,
    sayso_score_band(r.kind, r.score, r.scale_min, r.scale_max) as band,
    r.comment, r.answers, r.attributes, r.page_url, r.referrer, r.channel, r.locale, r.version, r.test,
    r.created_at, r.received_at,
    to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
    coalesce(i.status, 'new') as status, i.assignee, coalesce(i.tags, '{}') as tags, i.closed_at,
    coalesce(i.row_version, 0) as row_version,
    (select count(*) from sayso_inbox_notes n where n.site = r.site and n.response_id = r.id) as notes`;
const SELECT = `${COLUMNS}
  from sayso_responses r left join sayso_inbox i on i.site = r.site and i.response_id = r.id`;
// The same rows read from the inbox side, for filters only inbox rows match.
const SELECT_FROM_INBOX = `${COLUMNS}
  from sayso_inbox i join sayso_responses r on r.site = i.site and r.id = i.response_id`;

function item(r: Row): InboxItem {
  return {
    id: r.id,
    surveyId: r.survey_id,
    kind: r.kind,
    score: r.score,
    scale: [r.scale_min, r.scale_max],
    band: r.band,
    comment: r.comment,
    answers: r.answers ?? null,
    attributes: r.attributes,
    page: { url: r.page_url, referrer: r.referrer },
    channel: r.channel,
    locale: r.locale,
    version: r.version,
    test: r.test,
    createdAt: iso(r.created_at),
    receivedAt: iso(r.received_at),
    status: r.status,
    assignee: r.assignee,
    tags: r.tags,
    closedAt: r.closed_at === null ? null : iso(r.closed_at),
    notes: Number(r.notes),
    rowVersion: Number(r.row_version),
    cursor: `${r.cursor_at}_${r.id}`,
  };
}

/**
 * True when only answers with an inbox row can match: a status other than
 * `new` (or `open`), an assignee, a tag. The page is then read from the inbox
 * side, newest first by the inbox row's copy of the answer's time (migration
 * 14), so it walks an inbox index and stops at the page's end; read from the
 * answers' side, the planner joined every matching inbox row and sorted them
 * (0.2-0.8 s over 10⁶ answers with 5 % in the inbox).
 */
function inboxOnly(q: InboxQuery): boolean {
  return q.status === 'in_progress' || q.status === 'closed' || q.assignee !== undefined || q.tag !== undefined;
}

// A JSON number or boolean as the attribute's text can be (`->>` of 3 is '3'),
// with a short exponent so PostgreSQL's jsonb input never overflows.
const JSON_SCALAR = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?|true|false)$/;

/** The WHERE clause and parameters of a query, with `i` or `r` as the side time and id come from. */
function where(q: InboxQuery, side: 'r' | 'i'): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.site];
  const p = (v: unknown) => `$${params.push(v)}`;
  const and: string[] = [`${side}.site = $1`];
  if (q.surveyId !== undefined) and.push(`r.survey_id = ${p(q.surveyId)}`);
  if (q.band !== undefined) and.push(`sayso_score_band(r.kind, r.score, r.scale_min, r.scale_max) = ${p(q.band)}`);
  if (q.scoreMin !== undefined) and.push(`r.score >= ${p(q.scoreMin)}::integer`);
  if (q.scoreMax !== undefined) and.push(`r.score <= ${p(q.scoreMax)}::integer`);
  for (const [name, value] of Object.entries(q.attributes ?? {})) {
    // The exact text comparison decides; containment, which the GIN index of
    // migration 14 answers, only narrows. It finds every row the comparison
    // does: a string value as that string, a number or boolean as the JSON
    // scalar its text spells (3 contains 3.0 too: the comparison rejects it).
    const contains = [`r.attributes @> ${p(JSON.stringify({ [name]: value }))}::text::jsonb`];
    if (JSON_SCALAR.test(value)) contains.push(`r.attributes @> jsonb_build_object(${p(name)}::text, ${p(value)}::text::jsonb)`);
    and.push(`(${contains.join(' or ')}) and r.attributes ->> ${p(name)}::text = ${p(value)}::text`);
  }
  const time = side === 'i' ? 'i.created_at' : 'r.created_at';
  if (q.from !== undefined) and.push(`${time} >= ${p(q.from)}::timestamptz`);
  if (q.toExclusive !== undefined) and.push(`${time} < ${p(q.toExclusive)}::timestamptz`);
  if (q.hasComment !== undefined) and.push(q.hasComment ? `coalesce(r.comment, '') <> ''` : `coalesce(r.comment, '') = ''`);
  // `new` includes the answers nobody has touched (no inbox row).
  if (q.status === 'open') and.push(`(i.status is null or i.status <> 'closed')`);
  else if (q.status !== undefined) and.push(q.status === 'new' ? `(i.status is null or i.status = 'new')` : `i.status = ${p(q.status)}`);
  if (q.assignee !== undefined) and.push(`i.assignee = ${p(q.assignee)}`);
  if (q.tag !== undefined) and.push(`i.tags @> array[${p(q.tag)}::text]`);
  // The expression of the comment index (migration 14: to_tsvector('simple', comment) at its cost), so the planner can use it.
  if (q.search !== undefined) and.push(`r.comment is not null and sayso_comment_words(r.comment) @@ websearch_to_tsquery('simple', ${p(q.search)})`);
  if (q.test === 'exclude') and.push('not r.test');
  if (q.test === 'only') and.push('r.test');
  if (q.before !== undefined) and.push(`${side === 'i' ? '(i.created_at, i.response_id)' : '(r.created_at, r.id)'} < (${p(q.before.at)}::timestamptz, ${p(q.before.id)}::uuid)`);
  return { sql: and.join(' and '), params };
}

/** The inbox over a database. */
export function inboxStorage(db: SqlRunner): InboxStorage {
  return {
    async list(q) {
      // Both shapes give the same rows in the same order: an inbox row's created_at is its answer's.
      const side = inboxOnly(q) ? 'i' : 'r';
      const { sql, params } = where(q, side);
      params.push(q.limit);
      const order = side === 'i' ? 'i.created_at desc, i.response_id desc' : 'r.created_at desc, r.id desc';
      const rows = await db.query<Row>(`${side === 'i' ? SELECT_FROM_INBOX : SELECT} where ${sql} order by ${order} limit $${params.length}`, params);
      return rows.map(item);
    },

    async get(site, id, tx = db) {
      const rows = await tx.query<Row>(`${SELECT} where r.site = $1 and r.id = $2::uuid`, [site, id]);
      return rows[0] ? item(rows[0]) : undefined;
    },

    async notes(site, id) {
      const rows = await db.query<{ id: string | number; text: string; actor_kind: Actor['kind']; actor_id: string; actor_label: string; created_at: Date | string }>(
        `select id, text, actor_kind, actor_id, actor_label, created_at from sayso_inbox_notes where site = $1 and response_id = $2::uuid order by id`,
        [site, id],
      );
      return rows.map((r) => ({ id: Number(r.id), text: r.text, author: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label }, createdAt: iso(r.created_at) }));
    },

    async update(site, id, rowVersion, s, tx) {
      // Version 0 has no row yet: insert it, unless someone else just did (then it is stale).
      const rows =
        rowVersion === 0
          ? await tx.query<{ row_version: number }>(
              // The row copies the answer's time (migration 14), so the inbox's own indexes order by it.
              `insert into sayso_inbox (site, response_id, created_at, status, assignee, tags, row_version, closed_at, updated_at)
               select $1, r.id, r.created_at, $3, $4, $5::text[], 1, $6::timestamptz, $7::timestamptz
               from sayso_responses r where r.site = $1 and r.id = $2::uuid
               on conflict (site, response_id) do nothing returning row_version`,
              [site, id, s.status, s.assignee, s.tags, s.closedAt, s.at],
            )
          : await tx.query<{ row_version: number }>(
              `update sayso_inbox set status = $3, assignee = $4, tags = $5::text[], closed_at = $6::timestamptz, updated_at = $7::timestamptz, row_version = row_version + 1
               where site = $1 and response_id = $2::uuid and row_version = $8 returning row_version`,
              [site, id, s.status, s.assignee, s.tags, s.closedAt, s.at, rowVersion],
            );
      return rows[0] ? Number(rows[0].row_version) : 'stale';
    },

    async addNote(site, id, text, author, tx) {
      const [r] = await tx.query<{ id: string | number; created_at: Date | string }>(
        `insert into sayso_inbox_notes (site, response_id, text, actor_kind, actor_id, actor_label) values ($1, $2::uuid, $3, $4, $5, $6) returning id, created_at`,
        [site, id, text, author.kind, author.id, author.label],
      );
      return { id: Number(r!.id), text, author, createdAt: iso(r!.created_at) };
    },

    async closedLoop(site, from, toExclusive) {
      const rows = await db.query<{ survey_id: string; kind: string; detractors: string | number; closed: string | number; median: number | string | null }>(
        `select r.survey_id, min(r.kind) as kind, count(*) as detractors,
           count(*) filter (where i.status = 'closed') as closed,
           percentile_cont(0.5) within group (order by extract(epoch from i.closed_at - r.created_at)) filter (where i.status = 'closed') as median
         from sayso_responses r left join sayso_inbox i on i.site = r.site and i.response_id = r.id
         where r.site = $1 and r.created_at >= $2::timestamptz and r.created_at < $3::timestamptz and not r.test
           and sayso_score_band(r.kind, r.score, r.scale_min, r.scale_max) in ('detractor', 'unhappy')
         group by r.survey_id order by r.survey_id`,
        [site, from, toExclusive],
      );
      return rows.map((r) => {
        const detractors = Number(r.detractors);
        const closed = Number(r.closed);
        return { surveyId: r.survey_id, kind: r.kind, detractors, closed, closedShare: detractors === 0 ? 0 : closed / detractors, medianSecondsToClose: r.median === null ? null : Number(r.median) };
      });
    },
  };
}
