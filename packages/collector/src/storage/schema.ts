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
  {
    version: 4,
    name: 'insights: term counts and the queue of comments to count',
    // See storage/insights-terms.ts. Comments are counted after ingest, from
    // a queue that triggers fill in the statement that stores (or amends) a
    // comment; the counts start empty and a site's first start queues its
    // stored comments (a "rebuild"). Statement-level triggers with transition
    // tables run once per ingest statement, not once per row.
    sql: `
      create table sayso_terms (
        site text not null,
        survey_id text not null,
        -- The same counts summed three ways: 'd' per UTC day, 'w' per ISO week,
        -- 'm' per month; a range is read as whole months, weeks and days.
        grain text not null,
        day date not null,
        -- A term of @sayso/insights ('deliveri', 'not work', 'theme:Pricing'),
        -- or '' for every comment (the denominator).
        term text not null,
        lang text not null,
        score integer not null,
        n bigint not null,
        primary key (site, survey_id, grain, day, term, lang, score)
      );
      -- Grain 't' holds a term's total per month (lang '', score -1): a read
      -- finds its candidate terms by count through this index, instead of
      -- scanning the rows of every rare term.
      create index sayso_terms_frequent on sayso_terms (site, survey_id, day, n) where grain = 't';
      create table sayso_term_queue (
        site text not null,
        id uuid not null,
        primary key (site, id)
      );
      -- Only rows actually inserted are in 'added' (not those ON CONFLICT DO NOTHING skipped).
      create function sayso_queue_new_comments() returns trigger language plpgsql as $$
      begin
        insert into sayso_term_queue (site, id) select site, id from added where comment <> '';
        return null;
      end $$;
      create trigger sayso_queue_new_comments after insert on sayso_responses
        referencing new table as added for each statement execute function sayso_queue_new_comments();
      -- A link follow-up sets the comment and may change the score; nothing else updates either.
      create function sayso_queue_changed_comments() returns trigger language plpgsql as $$
      begin
        insert into sayso_term_queue (site, id)
        select n.site, n.id from after_rows n join before_rows o on o.site = n.site and o.id = n.id
        where n.comment <> '' and (n.comment is distinct from o.comment or n.score <> o.score)
        on conflict do nothing;
        return null;
      end $$;
      create trigger sayso_queue_changed_comments after update on sayso_responses
        referencing old table as before_rows new table as after_rows for each statement execute function sayso_queue_changed_comments();
      create table sayso_term_state (
        site text primary key,
        fingerprint text not null,
        rebuilt_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 5,
    name: 'activity log: who changed what, when',
    // Every change made through the admin API or the studio (storage/activity.ts).
    // Append-only: nothing updates or deletes a row. 'seq' orders entries made
    // in one millisecond and is the keyset cursor of the log's pages.
    sql: `
      create table sayso_activity (
        seq bigserial primary key,
        at timestamptz not null default now(),
        site text,
        actor_kind text not null,
        actor_id text not null,
        actor_label text not null,
        action text not null,
        subject_type text not null,
        subject_id text not null,
        diff jsonb
      );
      create index sayso_activity_site on sayso_activity (site, seq);
      create index sayso_activity_subject on sayso_activity (subject_type, subject_id, seq);
    `,
  },
  {
    version: 10,
    name: 'alert and digest runs: each fires once per period',
    // One row per rule (or digest) and period, claimed with
    // insert ... on conflict do nothing: of several instances ticking at once,
    // one inserts and evaluates, the others see no row and skip (alerts/runs.ts).
    sql: `
      create table sayso_alert_runs (
        site text not null,
        rule text not null,
        period text not null,
        at timestamptz not null,
        fired boolean,
        detail jsonb,
        primary key (site, rule, period)
      );
      create index sayso_alert_runs_fired on sayso_alert_runs (site, rule, at) where fired;
    `,
  },
];

/** The newest schema version this code knows. */
export const latestVersion = migrations[migrations.length - 1]!.version;
