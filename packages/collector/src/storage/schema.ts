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
    version: 6,
    name: 'insights: term counts with one column per score',
    // A row per survey, bucket, term and language, with its comments per score
    // (s0..s10: every scale of every kind lies within 0..10) and in all (n),
    // instead of a row per score: a read over 10⁶ comments summed 2.8 times
    // as many rows for the same counts. The counts are rebuilt: with no
    // fingerprint left, every site's stored comments are queued again at the
    // next start (InsightsStorage.prepare).
    sql: `
      drop table sayso_terms;
      create table sayso_terms (
        site text not null,
        survey_id text not null,
        grain text not null,
        day date not null,
        term text not null,
        lang text not null,
        -- Comments in all, then per score. Grain 't' (a term's monthly total, lang '') keeps only n.
        n integer not null,
        s0 integer not null default 0,
        s1 integer not null default 0,
        s2 integer not null default 0,
        s3 integer not null default 0,
        s4 integer not null default 0,
        s5 integer not null default 0,
        s6 integer not null default 0,
        s7 integer not null default 0,
        s8 integer not null default 0,
        s9 integer not null default 0,
        s10 integer not null default 0,
        primary key (site, survey_id, grain, day, term, lang)
      );
      create index sayso_terms_frequent on sayso_terms (site, survey_id, day, n) where grain = 't';
      delete from sayso_term_queue;
      delete from sayso_term_state;
    `,
  },
  {
    version: 7,
    name: 'studio: sites, surveys, immutable versions, publish requests; the version answered and over-limit marks',
    // Sites and surveys move from sayso.config.json into the database (see
    // storage/sites.ts, storage/surveys.ts); the file's are imported on start
    // when absent. Survey bodies are stored as the JSON text parseSurvey
    // returned (text, not jsonb: jsonb reorders keys, and an export should
    // give back exactly what was written). A version row is never updated.
    // 'row_version' is the ETag of the admin API's optimistic concurrency.
    sql: `
      create table sayso_sites (
        id text primary key,
        name text not null,
        origins jsonb not null,
        segments jsonb not null default '[]',
        identity_secret text,
        insights jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        row_version integer not null default 1
      );
      -- When the collector last heard from each origin of a site (ingest or
      -- remote config), written at most once a minute per origin per instance.
      create table sayso_site_seen (
        site text not null,
        origin text not null,
        last_seen_at timestamptz not null,
        primary key (site, origin)
      );
      create table sayso_surveys (
        site text not null references sayso_sites (id),
        id text not null,
        -- Creation order (the remote config's order), stable across instances.
        seq bigserial not null,
        draft text not null,
        status text not null check (status in ('draft', 'scheduled', 'live', 'paused', 'ended', 'archived')),
        starts_at timestamptz,
        ends_at timestamptz,
        response_limit integer check (response_limit > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        updated_by text not null,
        row_version integer not null default 1,
        primary key (site, id)
      );
      create table sayso_survey_versions (
        site text not null,
        survey_id text not null,
        version integer not null check (version > 0),
        hash text not null,
        survey text not null,
        published_at timestamptz not null default now(),
        published_by text not null,
        primary key (site, survey_id, version),
        foreign key (site, survey_id) references sayso_surveys (site, id)
      );
      create table sayso_publish_requests (
        id bigserial primary key,
        site text not null,
        survey_id text not null,
        -- The draft as it was asked for, and its row version: approving a
        -- request for a draft edited since is refused (409).
        draft text not null,
        draft_row_version integer not null,
        note text,
        requested_by text not null,
        requested_at timestamptz not null default now(),
        status text not null default 'open' check (status in ('open', 'approved', 'rejected')),
        decided_by text,
        decided_at timestamptz,
        foreign key (site, survey_id) references sayso_surveys (site, id)
      );
      create index sayso_publish_requests_open on sayso_publish_requests (site, id) where status = 'open';
      -- The version each answer and event was to (null: not known, as for
      -- everything stored before), and answers that arrived after a survey's
      -- response limit was reached: stored and marked, never dropped.
      alter table sayso_responses add column version integer, add column over_limit boolean not null default false;
      alter table sayso_events add column version integer;
      -- Tallies gain the dimension 'version' (ingest writes it from now on).
      -- Everything stored so far has no version: its rows are the
      -- undimensioned ones under the value ''.
      insert into sayso_tallies (site, survey_id, day, dim, val, metric, score, shard, n)
      select site, survey_id, day, 'version', '', metric, score, shard, n from sayso_tallies where dim = '';
    `,
  },
  {
    version: 8,
    name: 'studio accounts: users, their sessions and API tokens',
    // See storage/users.ts, sessions.ts, api-tokens.ts. 'email_key' is the
    // email folded in JS (NFC, lower case), the same on every driver and
    // locale; 'email' keeps what the user typed. Sessions and tokens are
    // stored as SHA-256 hashes of random 32-byte secrets: a leaked table
    // holds nothing that signs anyone in. Deleting a user deletes both.
    sql: `
      create table sayso_users (
        id text primary key,
        email text not null,
        email_key text not null unique,
        name text not null default '',
        role text not null check (role in ('viewer', 'editor', 'publisher', 'admin')),
        password_hash text not null,
        disabled boolean not null default false,
        created_at timestamptz not null default now(),
        last_sign_in_at timestamptz
      );
      create table sayso_sessions (
        id_hash text primary key,
        user_id text not null references sayso_users (id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        last_used_at timestamptz not null default now()
      );
      create index sayso_sessions_user on sayso_sessions (user_id);
      create index sayso_sessions_expiry on sayso_sessions (expires_at);
      create table sayso_api_tokens (
        id text primary key,
        user_id text not null references sayso_users (id) on delete cascade,
        name text not null,
        role text not null check (role in ('viewer', 'editor', 'publisher', 'admin')),
        hash text not null unique,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      create index sayso_api_tokens_user on sayso_api_tokens (user_id, created_at);
    `,
  },
  {
    version: 9,
    name: 'webhooks: endpoints, the outbox of deliveries and their attempts',
    // See webhooks/. The deliveries an answer causes are inserted by
    // statement-level triggers in the statement that stores (or completes) the
    // answer: the outbox commits with the answer or not at all, and ingest
    // stays one round trip. Filters are evaluated here, in SQL, against the
    // endpoints of the answer's site. The trigger writes only the answer's id:
    // the payload is built from the answer when the delivery is first claimed
    // and kept from then on (webhooks/outbox.ts), which keeps the ingest
    // statement's extra cost to one narrow row per delivery. For the same
    // reason deliveries have no foreign key to their endpoint (a per-row
    // check on the ingest path); deleting an endpoint deletes them.
    sql: `
      create table sayso_webhook_endpoints (
        id uuid primary key,
        site text not null,
        url text not null,
        description text not null default '',
        event_types text[] not null,
        -- Filters; null means "any". Scores are compared as stored, bands as sayso_score_band gives them.
        survey_ids text[],
        bands text[],
        score_min integer,
        score_max integer,
        has_comment boolean,
        attr_key text,
        attr_value text,
        -- [{ "secret": "whsec_…", "createdAt": "…", "expiresAt": "…" | null }], newest first.
        secrets jsonb not null,
        enabled boolean not null default true,
        disabled_reason text,
        disabled_at timestamptz,
        -- Set when the dispatcher disabled it (410, or failing for days): the studio shows it until an admin acts.
        needs_attention boolean not null default false,
        -- The first failure since the last success.
        failing_since timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index sayso_webhook_endpoints_site on sayso_webhook_endpoints (site) where enabled;

      create table sayso_webhook_deliveries (
        -- Also the webhook-id ('msg_' and its hex), the same on every attempt.
        id uuid primary key,
        endpoint_id uuid not null,
        site text not null,
        event_type text not null,
        event_at timestamptz not null,
        -- The answer a response event is about; its payload is built from it at the first claim.
        response_id uuid,
        -- The payload's data; null until then for response events.
        data jsonb,
        -- pending (waiting or being sent), succeeded, failed (every attempt of its round failed).
        status text not null default 'pending',
        attempts integer not null default 0,
        -- Attempts made before the current round (a replay starts a new one).
        round_start integer not null default 0,
        next_at timestamptz not null default now(),
        -- Set while one dispatcher sends it; next_at is then the end of that claim.
        lease uuid,
        created_at timestamptz not null default now(),
        finished_at timestamptz
      );
      create index sayso_webhook_due on sayso_webhook_deliveries (next_at) where status = 'pending';
      create index sayso_webhook_log on sayso_webhook_deliveries (endpoint_id, created_at, id);
      create index sayso_webhook_failed on sayso_webhook_deliveries (endpoint_id, created_at) where status = 'failed';

      create table sayso_webhook_attempts (
        seq bigserial primary key,
        delivery_id uuid not null references sayso_webhook_deliveries (id) on delete cascade,
        n integer not null,
        at timestamptz not null default now(),
        -- The HTTP status; null when no answer came (refused, timeout, connection error).
        status integer,
        error text,
        latency_ms integer not null,
        response_start text
      );
      create index sayso_webhook_attempts_delivery on sayso_webhook_attempts (delivery_id, seq);

      -- @sayso/core's scoreBand for the default direction (the row does not say a CES survey's direction).
      create function sayso_score_band(kind text, score integer, lo integer, hi integer) returns text
      language sql immutable parallel safe as $$
        select case
          when kind = 'nps' then case when score >= 9 then 'promoter' when score >= 7 then 'passive' else 'detractor' end
          when (score - lo)::float8 / greatest(hi - lo, 1) < 0.4 then 'unhappy'
          when (score - lo)::float8 / greatest(hi - lo, 1) > 0.6 then 'happy'
          else 'neutral' end
      $$;

      -- What a response event carries (webhooks/payloads.ts turns the times into ISO strings).
      create function sayso_webhook_response(r sayso_responses) returns jsonb
      language sql stable as $$
        select jsonb_build_object('site', r.site, 'response', jsonb_build_object(
          'id', r.id, 'surveyId', r.survey_id, 'kind', r.kind, 'score', r.score,
          'scale', jsonb_build_array(r.scale_min, r.scale_max),
          'band', sayso_score_band(r.kind, r.score, r.scale_min, r.scale_max),
          'comment', r.comment, 'answers', r.answers, 'attributes', r.attributes,
          'page', jsonb_build_object('url', r.page_url, 'referrer', r.referrer),
          'locale', r.locale, 'channel', r.channel, 'anonymousId', r.anonymous_id,
          'userId', r.user_id, 'userVerified', r.user_verified,
          'createdAt', r.created_at, 'receivedAt', r.received_at, 'followedUpAt', r.followed_up_at))
      $$;

      create function sayso_webhook_created() returns trigger language plpgsql as $$
      begin
        -- The filters are written out here rather than called as a function of two rows: one such call per row cost more than the insert.
        insert into sayso_webhook_deliveries (id, endpoint_id, site, event_type, event_at, response_id)
        select gen_random_uuid(), e.id, a.site, 'response.created', a.received_at, a.id
        from added a join sayso_webhook_endpoints e
          on e.site = a.site and e.enabled and 'response.created' = any(e.event_types)
        where (e.survey_ids is null or a.survey_id = any(e.survey_ids))
          and (e.bands is null or sayso_score_band(a.kind, a.score, a.scale_min, a.scale_max) = any(e.bands))
          and (e.score_min is null or a.score >= e.score_min)
          and (e.score_max is null or a.score <= e.score_max)
          and (e.has_comment is null or (coalesce(a.comment, '') <> '') = e.has_comment)
          and (e.attr_key is null or a.attributes ->> e.attr_key = e.attr_value);
        return null;
      end $$;
      create trigger sayso_webhook_created after insert on sayso_responses
        referencing new table as added for each statement execute function sayso_webhook_created();

      -- A link survey's follow-up completes an answer (the only update that sets followed_up_at).
      create function sayso_webhook_updated() returns trigger language plpgsql as $$
      begin
        insert into sayso_webhook_deliveries (id, endpoint_id, site, event_type, event_at, response_id)
        select gen_random_uuid(), e.id, n.site, 'response.updated', n.followed_up_at, n.id
        from after_rows n join before_rows o on o.site = n.site and o.id = n.id
          join sayso_webhook_endpoints e on e.site = n.site and e.enabled and 'response.updated' = any(e.event_types)
        where o.followed_up_at is null and n.followed_up_at is not null
          and (e.survey_ids is null or n.survey_id = any(e.survey_ids))
          and (e.bands is null or sayso_score_band(n.kind, n.score, n.scale_min, n.scale_max) = any(e.bands))
          and (e.score_min is null or n.score >= e.score_min)
          and (e.score_max is null or n.score <= e.score_max)
          and (e.has_comment is null or (coalesce(n.comment, '') <> '') = e.has_comment)
          and (e.attr_key is null or n.attributes ->> e.attr_key = e.attr_value);
        return null;
      end $$;
      create trigger sayso_webhook_updated after update on sayso_responses
        referencing old table as before_rows new table as after_rows for each statement execute function sayso_webhook_updated();
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
  {
    version: 11,
    name: 'the inbox: status, assignee and tags of answers, their notes, and comment search',
    // See storage/inbox.ts. An answer has no inbox row until someone changes
    // it (it is then `new`, at row version 0): ingest writes nothing more. The
    // state lives beside the answers, not in sayso_responses, so a change does
    // not fire the answers' update trigger or rewrite a wide row.
    // Indexes, by filter: status and assignee lead with the site and are
    // partial where most rows would not match (few answers are assigned); tags
    // use GIN for \`tags @> array[$1]\` (whole-tag equality, never a prefix);
    // text search uses a GIN index over the same expression the query uses
    // (to_tsvector('simple', comment)), partial to answers with a comment.
    // Survey, date and keyset paging use the existing (site, survey_id,
    // created_at) and (site, created_at, id) indexes of migrations 1 and 2.
    sql: `
      create table sayso_inbox (
        site text not null,
        response_id uuid not null,
        status text not null default 'new' check (status in ('new', 'in_progress', 'closed')),
        assignee text,
        tags text[] not null default '{}',
        row_version integer not null default 1,
        closed_at timestamptz,
        updated_at timestamptz not null default now(),
        primary key (site, response_id)
      );
      create index sayso_inbox_status on sayso_inbox (site, status);
      create index sayso_inbox_assignee on sayso_inbox (site, assignee) where assignee is not null;
      create index sayso_inbox_tags on sayso_inbox using gin (tags);
      create table sayso_inbox_notes (
        id bigserial primary key,
        site text not null,
        response_id uuid not null,
        text text not null,
        actor_kind text not null,
        actor_id text not null,
        actor_label text not null,
        created_at timestamptz not null default now()
      );
      create index sayso_inbox_notes_response on sayso_inbox_notes (site, response_id, id);
      create index sayso_responses_comment_search on sayso_responses using gin (to_tsvector('simple', comment)) where comment is not null;
    `,
  },
  {
    version: 12,
    name: 'test answers and events: given in a preview, stored, left out of every figure',
    // A preview's answers (and displays, dismissals) are stored so the inbox
    // can show them, marked test. Nothing that counts reads them: ingest
    // keeps them out of the tallies (so scores, rates, alerts, the report and
    // response limits never see them; sql-storage.ts), and the triggers below
    // keep them out of the insights queue and the webhook outbox. The columns
    // have a constant default: adding them rewrites no row, and every row
    // stored before is not a test.
    sql: `
      alter table sayso_responses add column test boolean not null default false;
      alter table sayso_events add column test boolean not null default false;
      create or replace function sayso_queue_new_comments() returns trigger language plpgsql as $$
      begin
        insert into sayso_term_queue (site, id) select site, id from added where comment <> '' and not test;
        return null;
      end $$;
      create or replace function sayso_queue_changed_comments() returns trigger language plpgsql as $$
      begin
        insert into sayso_term_queue (site, id)
        select n.site, n.id from after_rows n join before_rows o on o.site = n.site and o.id = n.id
        where n.comment <> '' and not n.test and (n.comment is distinct from o.comment or n.score <> o.score)
        on conflict do nothing;
        return null;
      end $$;
      create or replace function sayso_webhook_created() returns trigger language plpgsql as $$
      begin
        insert into sayso_webhook_deliveries (id, endpoint_id, site, event_type, event_at, response_id)
        select gen_random_uuid(), e.id, a.site, 'response.created', a.received_at, a.id
        from added a join sayso_webhook_endpoints e
          on e.site = a.site and e.enabled and 'response.created' = any(e.event_types)
        where not a.test
          and (e.survey_ids is null or a.survey_id = any(e.survey_ids))
          and (e.bands is null or sayso_score_band(a.kind, a.score, a.scale_min, a.scale_max) = any(e.bands))
          and (e.score_min is null or a.score >= e.score_min)
          and (e.score_max is null or a.score <= e.score_max)
          and (e.has_comment is null or (coalesce(a.comment, '') <> '') = e.has_comment)
          and (e.attr_key is null or a.attributes ->> e.attr_key = e.attr_value);
        return null;
      end $$;
      create or replace function sayso_webhook_updated() returns trigger language plpgsql as $$
      begin
        insert into sayso_webhook_deliveries (id, endpoint_id, site, event_type, event_at, response_id)
        select gen_random_uuid(), e.id, n.site, 'response.updated', n.followed_up_at, n.id
        from after_rows n join before_rows o on o.site = n.site and o.id = n.id
          join sayso_webhook_endpoints e on e.site = n.site and e.enabled and 'response.updated' = any(e.event_types)
        where o.followed_up_at is null and n.followed_up_at is not null and not n.test
          and (e.survey_ids is null or n.survey_id = any(e.survey_ids))
          and (e.bands is null or sayso_score_band(n.kind, n.score, n.scale_min, n.scale_max) = any(e.bands))
          and (e.score_min is null or n.score >= e.score_min)
          and (e.score_max is null or n.score <= e.score_max)
          and (e.has_comment is null or (coalesce(n.comment, '') <> '') = e.has_comment)
          and (e.attr_key is null or n.attributes ->> e.attr_key = e.attr_value);
        return null;
      end $$;
    `,
  },
  {
    version: 13,
    name: 'alert rules, destinations and email opt-ins in the database; the outbox of detractor alerts',
    // See storage/alerts.ts. Rules (drop, digest, detractor) move from
    // sayso.config.json into the database; the file's are imported on start
    // when absent. A rule's own fields are columns where SQL reads them (the
    // type, the survey, "only with a comment") and jsonb for the rest, as
    // alerts/config.ts checked them. Email goes to the users who opted in,
    // per site ('sayso_alert_optins'; deleting a user deletes theirs).
    // Detractor alerts use a transactional outbox, like webhooks: a
    // statement-level trigger writes one row per new detractor answer and
    // detractor rule in the statement that stores the answer, so an answer
    // committed is an alert owed, whatever order concurrent ingests commit
    // in (a cursor over received_at would skip an answer whose transaction
    // began before the cursor moved and committed after). Test answers never
    // enter it. The scheduler claims rows with FOR UPDATE SKIP LOCKED under a
    // lease, records the destinations that took each, and deletes a row once
    // every destination has it.
    sql: `
      create table sayso_alert_rules (
        site text not null references sayso_sites (id),
        id text not null,
        -- Creation order, the order the studio lists them in.
        seq bigserial not null,
        type text not null check (type in ('drop', 'digest', 'detractor')),
        -- Drops and digests watch one survey; a detractor rule one or (null) every survey.
        survey_id text,
        with_comment boolean not null default false,
        -- The other fields of the rule (drop: recentDays, …; digest: every, comments).
        settings jsonb not null default '{}',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        updated_by text not null,
        row_version integer not null default 1,
        -- Deleted in the studio: kept as a tombstone so the config file's copy is not imported again at the next start.
        deleted_at timestamptz,
        primary key (site, id)
      );
      create index sayso_alert_rules_detractor on sayso_alert_rules (site) where type = 'detractor' and deleted_at is null;
      create table sayso_alert_destinations (
        site text primary key references sayso_sites (id),
        slack_url text,
        updated_at timestamptz not null default now(),
        row_version integer not null default 1
      );
      create table sayso_alert_optins (
        user_id text not null references sayso_users (id) on delete cascade,
        site text not null references sayso_sites (id),
        created_at timestamptz not null default now(),
        primary key (user_id, site)
      );
      create index sayso_alert_optins_site on sayso_alert_optins (site);
      create table sayso_alert_outbox (
        seq bigserial primary key,
        site text not null,
        rule text not null,
        response_id uuid not null,
        -- Destinations ('slack', 'email') that took it.
        done text[] not null default '{}',
        attempts integer not null default 0,
        -- When it is due; while claimed, the end of the claim.
        next_at timestamptz not null default now(),
        lease uuid,
        unique (site, rule, response_id)
      );
      create index sayso_alert_outbox_due on sayso_alert_outbox (site, rule, seq);
      create function sayso_alert_detractors() returns trigger language plpgsql as $$
      begin
        insert into sayso_alert_outbox (site, rule, response_id)
        select a.site, r.id, a.id
        from added a join sayso_alert_rules r on r.site = a.site and r.type = 'detractor' and r.deleted_at is null
        where not a.test
          and sayso_score_band(a.kind, a.score, a.scale_min, a.scale_max) in ('detractor', 'unhappy')
          and (r.survey_id is null or r.survey_id = a.survey_id)
          and (not r.with_comment or coalesce(a.comment, '') <> '')
        on conflict do nothing;
        return null;
      end $$;
      create trigger sayso_alert_detractors after insert on sayso_responses
        referencing new table as added for each statement execute function sayso_alert_detractors();
    `,
  },
  {
    version: 14,
    name: 'the inbox under 100 ms over 10⁶ answers: time-ordered inbox indexes, test answers, segment values, comment statistics',
    // Measured with bench/inbox.bench.mjs over 10⁶ answers (README, "The
    // inbox: filtered pages"); each index answers a page that missed 100 ms.
    // - The inbox rows copy their answer's created_at (it never changes), so
    //   a filter only inbox rows can match (a status other than new, an
    //   assignee, a tag) walks an inbox index newest first and stops at the
    //   page's end, instead of joining every matching row to sort it
    //   (storage/inbox.ts picks that shape). (site, status) and (site,
    //   assignee) gain the time; GIN on tags stays for rare tags.
    // - Test answers: few, so a partial index keeps test=only from reading
    //   every answer, at no cost to ingest of the others.
    // - Segment values: GIN (jsonb_path_ops) on the attributes answers
    //   \`attributes @> {"name": value}\`, which the query adds beside the exact
    //   text comparison; a rare or absent value read every answer before.
    // - Band: statistics on sayso_score_band per survey, so the planner knows
    //   how many answers a band has (it assumed 0.5 %: with a tag it joined
    //   every tagged answer and sorted them, 0.4 s, instead of walking).
    // - Text search: the planner could not tell a rare word from a common
    //   one (a partial index's expression has no statistics: every search
    //   was 0.5 % of the answers) and took to_tsvector for cheap, so it
    //   walked the time index through 10⁵ comments for a word in 1 of 200
    //   (0.2-0.4 s) and through all 10⁶ for a word in none (2 s).
    //   sayso_comment_words is the same to_tsvector('simple', comment) as a
    //   function the planner does not inline, declared ten times costlier
    //   (1000 against 100); the comment index moves to it, with statistics
    //   on it. A rare word (under about 1 % of the answers) is now read from
    //   the index and its matches sorted, a common one still found by
    //   walking the newest answers.
    sql: `
      alter table sayso_inbox add column created_at timestamptz;
      update sayso_inbox i set created_at = r.created_at from sayso_responses r where r.site = i.site and r.id = i.response_id;
      -- No code writes an inbox row without its answer; should one exist, it keeps a time.
      update sayso_inbox set created_at = updated_at where created_at is null;
      alter table sayso_inbox alter column created_at set not null;
      drop index sayso_inbox_status;
      drop index sayso_inbox_assignee;
      create index sayso_inbox_time on sayso_inbox (site, created_at, response_id);
      create index sayso_inbox_status on sayso_inbox (site, status, created_at, response_id);
      create index sayso_inbox_assignee on sayso_inbox (site, assignee, created_at, response_id) where assignee is not null;
      create index sayso_responses_test on sayso_responses (site, created_at, id) where test;
      create index sayso_responses_attributes on sayso_responses using gin (attributes jsonb_path_ops);
      create statistics sayso_responses_band (mcv) on survey_id, (sayso_score_band(kind, score, scale_min, scale_max)) from sayso_responses;
      -- plpgsql, so the planner keeps the function (and its cost) instead of inlining to_tsvector's.
      create function sayso_comment_words(comment text) returns tsvector
      language plpgsql immutable strict parallel safe cost 1000 as $$
      begin
        return to_tsvector('simple', comment);
      end $$;
      create index sayso_responses_comment_words on sayso_responses using gin (sayso_comment_words(comment)) where comment is not null;
      drop index sayso_responses_comment_search;
      create statistics sayso_responses_comment_words on (sayso_comment_words(comment)) from sayso_responses;
      analyze sayso_responses;
      analyze sayso_inbox;
    `,
  },
];

/** The newest schema version this code knows. */
export const latestVersion = migrations[migrations.length - 1]!.version;
