// Sites in the database: the public key, its name, allowed origins,
// pre-aggregated segments, identity secret and insights themes, and when
// each origin was last heard from (the studio's installation check). The
// config file's sites are imported on start when absent (sites/import.ts).
import type { SiteInsightsConfig } from '../insights-config.js';
import type { SqlRunner } from './driver.js';

/** A stored site. */
export interface SiteRecord {
  id: string;
  name: string;
  origins: string[];
  segments: string[];
  /** HMAC secret for this site's signed user ids; `null`: the config's top-level one applies. */
  identitySecret: string | null;
  /** Insights settings as written (custom themes); `null` for none. */
  insights: SiteInsightsConfig | null;
  createdAt: string;
  updatedAt: string;
  /** Increases with every update: the ETag of the admin API. */
  rowVersion: number;
}

/** What creating a site takes. */
export type NewSite = Pick<SiteRecord, 'id' | 'name' | 'origins' | 'segments'> & Partial<Pick<SiteRecord, 'identitySecret' | 'insights'>>;

/** The fields an update may change. */
export type SiteChanges = Partial<Pick<SiteRecord, 'name' | 'origins' | 'segments' | 'identitySecret' | 'insights'>>;

/** When an origin of a site was last heard from. */
export interface SiteSeen {
  site: string;
  origin: string;
  lastSeenAt: string;
}

export interface SiteStorage {
  list(tx?: SqlRunner): Promise<SiteRecord[]>;
  get(id: string, tx?: SqlRunner): Promise<SiteRecord | undefined>;
  /** Inserts a site; `false` when one with this id exists (nothing changed). */
  create(site: NewSite, tx?: SqlRunner): Promise<boolean>;
  /** Updates a site whose row version is `expected`: `'stale'` when it moved on, `'missing'` when there is none. */
  update(id: string, expected: number, changes: SiteChanges, tx?: SqlRunner): Promise<SiteRecord | 'stale' | 'missing'>;
  /** Records that `origin` was heard from at `at` (later times win). */
  seen(site: string, origin: string, at: Date): Promise<void>;
  /** Every origin heard from, of every site (or of one). */
  seenList(site?: string): Promise<SiteSeen[]>;
}

interface Row {
  id: string;
  name: string;
  origins: string[] | string;
  segments: string[] | string;
  identity_secret: string | null;
  insights: SiteInsightsConfig | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  row_version: number;
}

// postgres.js returns jsonb parsed; a driver that hands back text is parsed here.
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const iso = (v: Date | string) => new Date(v).toISOString();

const COLUMNS = 'id, name, origins, segments, identity_secret, insights, created_at, updated_at, row_version';

function site(r: Row): SiteRecord {
  return {
    id: r.id,
    name: r.name,
    origins: json(r.origins),
    segments: json(r.segments),
    identitySecret: r.identity_secret,
    insights: r.insights === null ? null : json(r.insights),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    rowVersion: Number(r.row_version),
  };
}

/** Sites over a database. */
export function siteStorage(db: SqlRunner): SiteStorage {
  return {
    async list(tx = db) {
      return (await tx.query<Row>(`select ${COLUMNS} from sayso_sites order by created_at, id`)).map(site);
    },
    async get(id, tx = db) {
      const [row] = await tx.query<Row>(`select ${COLUMNS} from sayso_sites where id = $1`, [id]);
      return row ? site(row) : undefined;
    },
    async create(s, tx = db) {
      const rows = await tx.query(
        `insert into sayso_sites (id, name, origins, segments, identity_secret, insights)
         values ($1, $2, $3::text::jsonb, $4::text::jsonb, $5, $6::text::jsonb)
         on conflict (id) do nothing returning id`,
        [s.id, s.name, JSON.stringify(s.origins), JSON.stringify(s.segments), s.identitySecret ?? null, s.insights ? JSON.stringify(s.insights) : null],
      );
      return rows.length === 1;
    },
    async update(id, expected, changes, tx = db) {
      const has = (k: keyof SiteChanges) => changes[k] !== undefined;
      const [row] = await tx.query<Row>(
        `update sayso_sites set
           name = case when $3 then $4 else name end,
           origins = case when $5 then $6::text::jsonb else origins end,
           segments = case when $7 then $8::text::jsonb else segments end,
           identity_secret = case when $9 then $10 else identity_secret end,
           insights = case when $11 then $12::text::jsonb else insights end,
           updated_at = now(), row_version = row_version + 1
         where id = $1 and row_version = $2
         returning ${COLUMNS}`,
        [
          id,
          expected,
          has('name'),
          changes.name ?? null,
          has('origins'),
          JSON.stringify(changes.origins ?? null),
          has('segments'),
          JSON.stringify(changes.segments ?? null),
          has('identitySecret'),
          changes.identitySecret ?? null,
          has('insights'),
          changes.insights === undefined || changes.insights === null ? null : JSON.stringify(changes.insights),
        ],
      );
      if (row) return site(row);
      return (await this.get(id, tx)) ? 'stale' : 'missing';
    },
    async seen(s, origin, at) {
      await db.query(
        `insert into sayso_site_seen (site, origin, last_seen_at) values ($1, $2, $3::timestamptz)
         on conflict (site, origin) do update set last_seen_at = greatest(sayso_site_seen.last_seen_at, excluded.last_seen_at)`,
        [s, origin, at.toISOString()],
      );
    },
    async seenList(s) {
      const rows = await db.query<{ site: string; origin: string; last_seen_at: Date | string }>(
        `select site, origin, last_seen_at from sayso_site_seen where ($1::text is null or site = $1::text) order by site, origin`,
        [s ?? null],
      );
      return rows.map((r) => ({ site: r.site, origin: r.origin, lastSeenAt: iso(r.last_seen_at) }));
    },
  };
}
