// The schema, as versioned migrations. Each entry runs once, in order, in
// one transaction; `sayso_migrations` records what ran. Never edit a shipped
// migration: add the next one.

/** One schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'responses, events and daily tallies',
    sql: `
      create table sayso_responses (
        site text not null,
        id uuid not null,
        survey_id text not null,
        kind text not null,
        score integer not null,
        scale_min integer not null,
        scale_max integer not null,
        comment text,
        answers jsonb,
        created_at timestamptz not null,
        received_at timestamptz not null default now(),
        anonymous_id text not null,
        user_id text,
        user_verified boolean not null default false,
        attributes jsonb not null default '{}',
        page_url text,
        referrer text,
        locale text,
        channel text not null,
        primary key (site, id)
      );
      create index sayso_responses_survey_time on sayso_responses (site, survey_id, created_at);
      create index sayso_responses_user on sayso_responses (site, user_id, created_at) where user_verified;

      create table sayso_events (
        site text not null,
        id uuid not null,
        type text not null,
        survey_id text not null,
        anonymous_id text not null,
        user_id text,
        user_verified boolean not null default false,
        created_at timestamptz not null,
        received_at timestamptz not null default now(),
        channel text,
        primary key (site, id)
      );
      create index sayso_events_user on sayso_events (site, user_id, created_at) where user_verified;

      -- Mergeable tallies: counts per survey, UTC day, segment value and score.
      -- Scoring reads these instead of the responses, so it stays fast as data
      -- grows. 'shard' spreads concurrent ingests over several rows so they
      -- do not queue on one row lock; readers sum over shards.
      create table sayso_tallies (
        site text not null,
        survey_id text not null,
        day date not null,
        dim text not null,
        val text not null,
        metric text not null,
        score integer not null,
        shard smallint not null,
        n bigint not null,
        primary key (site, survey_id, dim, day, val, metric, score, shard)
      );
    `,
  },
  {
    version: 2,
    name: 'index for exports across surveys',
    // Exports and the comment list read a whole site by time.
    sql: `create index sayso_responses_site_time on sayso_responses (site, created_at, id);`,
  },
  {
    version: 3,
    name: 'link follow-ups: when a response got its follow-up',
    // A link response takes one follow-up (see amendLinkResponse). Before this
    // column, a comment or answers marked it completed; such rows stay completed.
    sql: `
      alter table sayso_responses add column followed_up_at timestamptz;
      update sayso_responses set followed_up_at = received_at
      where channel = 'link' and (comment is not null or answers is not null);
    `,
  },
];

/** The newest schema version this code knows. */
export const latestVersion = migrations[migrations.length - 1]!.version;
