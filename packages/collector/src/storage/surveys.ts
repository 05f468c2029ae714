// Surveys in the database, per site: the editable draft, the lifecycle
// status with its schedule and response limit, and immutable versions. A
// publish freezes the draft as version n+1 with the hash of its canonical
// JSON; remote config serves the newest version of a live survey, never
// the draft, so editing a live survey rewrites nothing earlier answers were
// answering. Publish requests let an editor ask a publisher.
import { createHash } from 'node:crypto';
import type { Survey } from '@sayso/core';
import type { SqlRunner } from './driver.js';

/** A status as stored. `scheduled`/`live` become `ended` by time or limit, read in sites/lifecycle.ts. */
export type SurveyStatus = 'draft' | 'scheduled' | 'live' | 'paused' | 'ended' | 'archived';

export const SURVEY_STATUSES: readonly SurveyStatus[] = ['draft', 'scheduled', 'live', 'paused', 'ended', 'archived'];

/** A stored survey. */
export interface SurveyRecord {
  site: string;
  id: string;
  status: SurveyStatus;
  /** The survey as `parseSurvey` returned it. */
  draft: Survey;
  startsAt: string | null;
  endsAt: string | null;
  responseLimit: number | null;
  createdAt: string;
  updatedAt: string;
  /** The actor label of the last change. */
  updatedBy: string;
  rowVersion: number;
  /** The newest published version's number, hash and frozen survey; null before the first publish. */
  version: number | null;
  hash: string | null;
  published: Survey | null;
}

/** One immutable version. */
export interface SurveyVersion {
  version: number;
  hash: string;
  survey: Survey;
  publishedAt: string;
  publishedBy: string;
}

/** What creating a survey takes. */
export interface NewSurvey {
  site: string;
  draft: Survey;
  status?: SurveyStatus;
  startsAt?: string | null;
  endsAt?: string | null;
  responseLimit?: number | null;
  by: string;
}

/** What an update may change (absent: unchanged; `null` clears a schedule or limit). */
export interface SurveyChanges {
  draft?: Survey;
  status?: SurveyStatus;
  startsAt?: string | null;
  endsAt?: string | null;
  responseLimit?: number | null;
  by: string;
}

/** A publish request. */
export interface PublishRequest {
  id: number;
  site: string;
  surveyId: string;
  draft: Survey;
  /** The survey's row version when it was asked: approving after a later edit is refused. */
  draftRowVersion: number;
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  status: 'open' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
}

export type Outcome<T> = T | 'stale' | 'missing';

export interface SurveyStorage {
  /** A site's surveys in creation order (every site's without `site`), archived ones included. */
  list(site?: string, tx?: SqlRunner): Promise<SurveyRecord[]>;
  get(site: string, id: string, tx?: SqlRunner): Promise<SurveyRecord | undefined>;
  /** Inserts a survey (row version 1); `false` when the site has one with this id. */
  create(s: NewSurvey, tx?: SqlRunner): Promise<boolean>;
  /** Changes a survey whose row version is `expected`. */
  update(site: string, id: string, expected: number, changes: SurveyChanges, tx?: SqlRunner): Promise<Outcome<SurveyRecord>>;
  /**
   * Freezes the draft as the next version (unless it equals the newest one,
   * whose number is then kept) and sets `status`, in `tx`.
   */
  publish(site: string, id: string, expected: number, status: SurveyStatus, by: string, tx: SqlRunner): Promise<Outcome<SurveyRecord & { created: boolean }>>;
  versions(site: string, id: string): Promise<SurveyVersion[]>;
  version(site: string, id: string, n: number): Promise<SurveyVersion | undefined>;
  /** Stored responses per survey of a site, from the daily tallies (cheap: one index range per survey). */
  responseCounts(site: string, surveyIds?: readonly string[]): Promise<Map<string, number>>;
  /**
   * Writes a survey exactly as exported (timestamps and row version included)
   * with its versions, inserting or replacing it (sites/transfer.ts). A
   * version already stored under its number must have the same hash
   * (versions are immutable): otherwise the index of the first that differs.
   */
  restore(s: Omit<SurveyRecord, 'version' | 'hash' | 'published'>, versions: readonly SurveyVersion[], tx: SqlRunner): Promise<number | undefined>;
  requestPublish(r: Pick<PublishRequest, 'site' | 'surveyId' | 'draft' | 'draftRowVersion' | 'note' | 'requestedBy'>, tx?: SqlRunner): Promise<PublishRequest>;
  /** Open requests (of one site, or all), oldest first. */
  openRequests(site?: string): Promise<PublishRequest[]>;
  getRequest(id: number, tx?: SqlRunner): Promise<PublishRequest | undefined>;
  /** Closes an open request; `'missing'` when there is none open with this id. */
  decide(id: number, status: 'approved' | 'rejected', by: string, tx?: SqlRunner): Promise<PublishRequest | 'missing'>;
}

/**
 * JSON with object keys sorted at every level: the same survey gives the
 * same text whatever order its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** A version's content hash: `sha256:` and the hex SHA-256 of the survey's canonical JSON. */
export function surveyHash(survey: Survey): string {
  return `sha256:${createHash('sha256').update(canonicalJson(survey)).digest('hex')}`;
}

interface Row {
  site: string;
  id: string;
  status: SurveyStatus;
  draft: string;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  response_limit: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  updated_by: string;
  row_version: number;
  version: number | null;
  hash: string | null;
  published: string | null;
}

const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));

// The newest version joins each survey (a primary-key probe per survey).
const SELECT = `
  select s.site, s.id, s.status, s.draft, s.starts_at, s.ends_at, s.response_limit, s.created_at, s.updated_at,
         s.updated_by, s.row_version, v.version, v.hash, v.survey as published
  from sayso_surveys s
  left join lateral (
    select version, hash, survey from sayso_survey_versions
    where site = s.site and survey_id = s.id order by version desc limit 1
  ) v on true`;

function record(r: Row): SurveyRecord {
  return {
    site: r.site,
    id: r.id,
    status: r.status,
    draft: JSON.parse(r.draft) as Survey,
    startsAt: isoOrNull(r.starts_at),
    endsAt: isoOrNull(r.ends_at),
    responseLimit: r.response_limit === null ? null : Number(r.response_limit),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by,
    rowVersion: Number(r.row_version),
    version: r.version === null ? null : Number(r.version),
    hash: r.hash,
    published: r.published === null ? null : (JSON.parse(r.published) as Survey),
  };
}

interface RequestRow {
  id: string | number;
  site: string;
  survey_id: string;
  draft: string;
  draft_row_version: number;
  note: string | null;
  requested_by: string;
  requested_at: Date | string;
  status: PublishRequest['status'];
  decided_by: string | null;
  decided_at: Date | string | null;
}

const REQUEST_COLUMNS = 'id, site, survey_id, draft, draft_row_version, note, requested_by, requested_at, status, decided_by, decided_at';

function request(r: RequestRow): PublishRequest {
  return {
    id: Number(r.id),
    site: r.site,
    surveyId: r.survey_id,
    draft: JSON.parse(r.draft) as Survey,
    draftRowVersion: Number(r.draft_row_version),
    note: r.note,
    requestedBy: r.requested_by,
    requestedAt: iso(r.requested_at),
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: isoOrNull(r.decided_at),
  };
}

/** Surveys over a database. */
export function surveyStorage(db: SqlRunner): SurveyStorage {
  const store: SurveyStorage = {
    async list(site, tx = db) {
      const rows = await tx.query<Row>(`${SELECT} where ($1::text is null or s.site = $1::text) order by s.site, s.seq`, [site ?? null]);
      return rows.map(record);
    },
    async get(site, id, tx = db) {
      const [row] = await tx.query<Row>(`${SELECT} where s.site = $1 and s.id = $2`, [site, id]);
      return row ? record(row) : undefined;
    },
    async create(s, tx = db) {
      const rows = await tx.query(
        `insert into sayso_surveys (site, id, draft, status, starts_at, ends_at, response_limit, updated_by)
         values ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::integer, $8)
         on conflict (site, id) do nothing returning id`,
        [s.site, s.draft.id, JSON.stringify(s.draft), s.status ?? 'draft', s.startsAt ?? null, s.endsAt ?? null, s.responseLimit ?? null, s.by],
      );
      return rows.length === 1;
    },
    async update(site, id, expected, c, tx = db) {
      const has = (k: keyof SurveyChanges) => c[k] !== undefined;
      const rows = await tx.query<{ id: string }>(
        `update sayso_surveys set
           draft = case when $4 then $5 else draft end,
           status = case when $6 then $7 else status end,
           starts_at = case when $8 then $9::timestamptz else starts_at end,
           ends_at = case when $10 then $11::timestamptz else ends_at end,
           response_limit = case when $12 then $13::integer else response_limit end,
           updated_at = now(), updated_by = $14, row_version = row_version + 1
         where site = $1 and id = $2 and row_version = $3 returning id`,
        [
          site,
          id,
          expected,
          has('draft'),
          c.draft ? JSON.stringify(c.draft) : null,
          has('status'),
          c.status ?? null,
          has('startsAt'),
          c.startsAt ?? null,
          has('endsAt'),
          c.endsAt ?? null,
          has('responseLimit'),
          c.responseLimit ?? null,
          c.by,
        ],
      );
      if (rows.length === 1) return (await store.get(site, id, tx))!;
      return (await store.get(site, id, tx)) ? 'stale' : 'missing';
    },
    async publish(site, id, expected, status, by, tx) {
      // Row lock first: two publishes of one survey number their versions one after the other.
      const [locked] = await tx.query<{ row_version: number; draft: string }>(`select row_version, draft from sayso_surveys where site = $1 and id = $2 for update`, [site, id]);
      if (!locked) return 'missing';
      if (Number(locked.row_version) !== expected) return 'stale';
      const current = await store.get(site, id, tx);
      const draft = JSON.parse(locked.draft) as Survey;
      const hash = surveyHash(draft);
      const created = current!.hash !== hash;
      if (created) {
        await tx.query(
          `insert into sayso_survey_versions (site, survey_id, version, hash, survey, published_by) values ($1, $2, $3, $4, $5, $6)`,
          [site, id, (current!.version ?? 0) + 1, hash, locked.draft, by],
        );
      }
      const updated = await store.update(site, id, expected, { status, by }, tx);
      if (typeof updated === 'string') return updated;
      return { ...updated, created };
    },
    async versions(site, id) {
      const rows = await db.query<{ version: number; hash: string; survey: string; published_at: Date | string; published_by: string }>(
        `select version, hash, survey, published_at, published_by from sayso_survey_versions where site = $1 and survey_id = $2 order by version`,
        [site, id],
      );
      return rows.map((r) => ({ version: Number(r.version), hash: r.hash, survey: JSON.parse(r.survey) as Survey, publishedAt: iso(r.published_at), publishedBy: r.published_by }));
    },
    async version(site, id, n) {
      const [r] = await db.query<{ version: number; hash: string; survey: string; published_at: Date | string; published_by: string }>(
        `select version, hash, survey, published_at, published_by from sayso_survey_versions where site = $1 and survey_id = $2 and version = $3`,
        [site, id, n],
      );
      return r ? { version: Number(r.version), hash: r.hash, survey: JSON.parse(r.survey) as Survey, publishedAt: iso(r.published_at), publishedBy: r.published_by } : undefined;
    },
    async responseCounts(site, surveyIds) {
      const rows = await db.query<{ survey_id: string; n: number }>(
        `select s.id as survey_id, coalesce(t.n, 0)::float8 as n
         from sayso_surveys s
         cross join lateral (
           select sum(n) as n from sayso_tallies
           where site = s.site and survey_id = s.id and dim = '' and metric = 'response'
         ) t
         where s.site = $1 and ($2::text is null or s.id = any(string_to_array($2::text, E'\\x1f')))`,
        [site, surveyIds ? surveyIds.join('\x1f') : null],
      );
      return new Map(rows.map((r) => [r.survey_id, Number(r.n)]));
    },
    async restore(s, versions, tx) {
      await tx.query(
        `insert into sayso_surveys (site, id, draft, status, starts_at, ends_at, response_limit, created_at, updated_at, updated_by, row_version)
         values ($1, $2, $3, $4, $5::timestamptz, $6::timestamptz, $7::integer, $8::timestamptz, $9::timestamptz, $10, $11)
         on conflict (site, id) do update set draft = excluded.draft, status = excluded.status, starts_at = excluded.starts_at,
           ends_at = excluded.ends_at, response_limit = excluded.response_limit, created_at = excluded.created_at,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by,
           -- Never backwards: an ETag a studio holds must not match a different copy.
           row_version = greatest(sayso_surveys.row_version + 1, excluded.row_version)`,
        [s.site, s.id, JSON.stringify(s.draft), s.status, s.startsAt, s.endsAt, s.responseLimit, s.createdAt, s.updatedAt, s.updatedBy, s.rowVersion],
      );
      for (const [i, v] of versions.entries()) {
        const [row] = await tx.query<{ hash: string }>(
          `insert into sayso_survey_versions (site, survey_id, version, hash, survey, published_at, published_by)
           values ($1, $2, $3, $4, $5, $6::timestamptz, $7)
           on conflict (site, survey_id, version) do update set hash = sayso_survey_versions.hash
           returning hash`,
          [s.site, s.id, v.version, v.hash, JSON.stringify(v.survey), v.publishedAt, v.publishedBy],
        );
        if (row!.hash !== v.hash) return i;
      }
      return undefined;
    },
    async requestPublish(r, tx = db) {
      const [row] = await tx.query<RequestRow>(
        `insert into sayso_publish_requests (site, survey_id, draft, draft_row_version, note, requested_by)
         values ($1, $2, $3, $4, $5, $6) returning ${REQUEST_COLUMNS}`,
        [r.site, r.surveyId, JSON.stringify(r.draft), r.draftRowVersion, r.note, r.requestedBy],
      );
      return request(row!);
    },
    async openRequests(site) {
      const rows = await db.query<RequestRow>(
        `select ${REQUEST_COLUMNS} from sayso_publish_requests where status = 'open' and ($1::text is null or site = $1::text) order by id`,
        [site ?? null],
      );
      return rows.map(request);
    },
    async getRequest(id, tx = db) {
      const [row] = await tx.query<RequestRow>(`select ${REQUEST_COLUMNS} from sayso_publish_requests where id = $1`, [id]);
      return row ? request(row) : undefined;
    },
    async decide(id, status, by, tx = db) {
      const [row] = await tx.query<RequestRow>(
        `update sayso_publish_requests set status = $2, decided_by = $3, decided_at = now()
         where id = $1 and status = 'open' returning ${REQUEST_COLUMNS}`,
        [id, status, by],
      );
      return row ? request(row) : 'missing';
    },
  };
  return store;
}
