// A seeded property test of ingest: mixed batches of valid items and items
// with one hostile value each (in every field: strings with NUL and lone
// surrogates, dates out of range or not ISO, numbers that JSON turns into
// Infinity, deep nesting, non-objects), posted to the real collector app on
// PGlite, and on PostgreSQL when SAYSO_TEST_DATABASE_URL is set. Never a 5xx;
// every valid item stored exactly once and as decided (typed text mended);
// every refused item listed with its index and field; a re-post stores nothing.
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { uuidv7, type IngestError, type IngestResult } from '@sayso/core';
import type { Collector } from '../collector.js';
import type { ExportRow } from '../storage/types.js';
import { ORIGIN, post, testCollector, testConfig } from '../test-fixtures.js';

const SEED = 20261203;
const RUNS = 120;
const NOW = Date.now();
/** The collector's `limits.maxTextLength` in the test config (the default). */
const MAX_TEXT = 2000;
/** Two posts a run, and shrinking replays runs: no rate limit should answer in their place. */
const config = testConfig({ limits: { ipPerMinute: 1e6, sitePerMinute: 1e6 } });

// ---- strings ----------------------------------------------------------------

const unsafeChar = fc.constantFrom('\0', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00');
/** Well-formed text without NUL (any code point, astral ones included): what names may hold. */
const fine = (max: number, min = 0) => fc.string({ unit: 'binary', minLength: min, maxLength: max }).filter((s) => !s.includes('\0'));
/** Any UTF-16 text: well-formed runs mixed with NUL and lone surrogates. */
const anyText = (chunks: number) => fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), unsafeChar), { maxLength: chunks }).map((a) => a.join(''));
/** Well-formed text with one NUL or lone surrogate put in somewhere (perhaps splitting a pair). */
const withUnsafe = (max: number) =>
  fc.tuple(fine(max), unsafeChar, fc.nat()).map(([s, u, i]) => {
    const at = i % (s.length + 1);
    return s.slice(0, at) + u + s.slice(at);
  });
/** What a stored typed text must read: UTF-8 itself turns each lone surrogate into U+FFFD (an oracle apart from the parser's regex); NUL too. */
const mend = (s: string) => Buffer.from(s, 'utf8').toString('utf8').replaceAll('\0', '\ufffd');

// Numbers go into the body as raw JSON tokens, so a batch can hold what
// JSON.stringify never writes: `1e309` parses to Infinity, `-0` to -0.
const num = (token: string) => `@@num:${token}@@`;
const serialize = (body: unknown) => JSON.stringify(body).replace(/"@@num:([^@]+)@@"/g, '$1');
const validNumber = fc.constantFrom('1e308', '-1e308', '-0', '0', '5e-324', '1e-400', '0.1', '123456789012345678901234567890', '-7.25');
const numberValue = (token: string) => JSON.parse(token) || 0; // -0 is stored as 0

// ---- dates ------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** `t` (ms) written in the zone `offset` minutes east of UTC, to the minute, second, ms, µs or ns. */
function writeDate(t: number, offset: number, form: 'min' | 's' | 'ms' | 'us' | 'ns'): { text: string; stored: string } {
  const base = form === 'min' ? t - (t % 60_000) : form === 's' ? t - (t % 1000) : t;
  const local = new Date(base + offset * 60_000).toISOString();
  const head = form === 'min' ? local.slice(0, 16) : form === 's' ? local.slice(0, 19) : local.slice(0, 23) + (form === 'us' ? '123' : form === 'ns' ? '123456' : '');
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return { text: head + zone, stored: new Date(base).toISOString() };
}
const validDate = fc.oneof(
  fc.constantFrom(
    { text: '1970-01-01T00:00:00Z', stored: '1970-01-01T00:00:00.000Z' },
    { text: '1970-01-01T00:00:00.000000000Z', stored: '1970-01-01T00:00:00.000Z' },
    { text: '1969-12-31T23:00:00-01:00', stored: '1970-01-01T00:00:00.000Z' },
    { text: '1970-01-01T14:00+14:00', stored: '1970-01-01T00:00:00.000Z' },
  ),
  fc
    .tuple(fc.integer({ min: 0, max: NOW - 60_000 }), fc.integer({ min: -56, max: 56 }), fc.constantFrom('min' as const, 's' as const, 'ms' as const, 'us' as const, 'ns' as const))
    .map(([t, q, form]) => writeDate(t, q * 15, form)),
);
const hostileDate = fc.oneof(
  fc.constantFrom<unknown>(
    '0000-01-01T00:00:00Z',
    '0000-12-31T23:59:59.999+14:00',
    '0001-01-01T00:00:00+14:00',
    '1969-12-31T23:59:59.999Z',
    '1970-01-01T00:00:00+00:01',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '+010000-01-01T00:00:00.000Z',
    '10000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z', // in core's range, but in the future
    '9999-12-31T23:59:59.9999999Z',
    '2026-02-29T00:00:00Z',
    '2026-11-24T06:34:00',
    '2026-11-24 06:34:00Z',
    '2026-11-24',
    'Tue, 24 Nov 2026 06:34:00 GMT',
    '2026-11-24T24:00:00Z',
    '2026-11-24T06:34:60Z',
    '2026-11-24T06:34:00+15:00',
    '',
    'now',
    1795000000000,
    null,
  ),
  fc.integer({ min: NOW + 25 * 3600_000 + 60_000, max: 8.64e15 }).map((t) => new Date(t).toISOString()), // future, up to +275760
  fc.integer({ min: -8.64e15, max: -1 }).map((t) => new Date(t).toISOString()), // before 1970, down to -271821
  fc.tuple(validDate, unsafeChar).map(([d, u]) => d.text + u),
);

// ---- valid items ------------------------------------------------------------

// Ids are given when a batch is posted, not when it is generated: shrinking
// replays generated values, and a replayed id would already be stored.
const FRESH = '@@fresh-id@@';
const withFreshId = (item: unknown) =>
  item && typeof item === 'object' && (item as { id?: unknown }).id === FRESH ? { ...item, id: uuidv7() } : item;

const surveys = [
  { surveyId: 'nps-main', kind: 'nps', scale: [0, 10] },
  { surveyId: 'csat-checkout', kind: 'csat', scale: [1, 5] },
  { surveyId: 'other.survey_1', kind: 'ces', scale: [1, 7] }, // not in the config: any kind goes
] as const;

const validResponse = fc.record({
  survey: fc.constantFrom(...surveys),
  score: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  comment: fc.option(anyText(30), { nil: undefined }),
  answers: fc.option(fc.dictionary(fc.stringMatching(/^[\w.-]{1,10}$/), anyText(8), { maxKeys: 3 }), { nil: undefined }),
  anonymousId: fine(20, 1),
  userId: fc.option(fine(30, 1), { nil: undefined }),
  plan: anyText(6),
  attributes: fc.dictionary(fine(10, 1).filter((k) => k !== 'plan' && k !== '__proto__'), fc.oneof(anyText(8), fc.boolean(), validNumber.map(num)), { maxKeys: 4 }),
  date: validDate,
  path: fine(20),
  referrer: fc.option(fc.oneof(fc.constant(''), fine(20).map((s) => `https://ref.example/${s}`)), { nil: undefined }),
  locale: fc.constantFrom('en', 'de-AT', 'zh-Hant-TW', 'fil'),
  channel: fine(10, 1),
});
type ValidResponse = typeof validResponse extends fc.Arbitrary<infer T> ? T : never;

function buildResponse(v: ValidResponse): Record<string, unknown> {
  const { survey, date, path, referrer, plan, score, ...rest } = v;
  const [min, max] = survey.scale;
  return {
    id: FRESH,
    surveyId: survey.surveyId,
    kind: survey.kind,
    scale: [...survey.scale],
    score: min + Math.floor(score * (max - min + 1)),
    ...(rest.comment !== undefined ? { comment: rest.comment } : {}),
    ...(rest.answers !== undefined ? { answers: rest.answers } : {}),
    createdAt: date.text,
    anonymousId: rest.anonymousId,
    ...(rest.userId !== undefined ? { userId: rest.userId } : {}),
    attributes: { plan, ...rest.attributes },
    page: { url: `${ORIGIN}/${path}`, ...(referrer !== undefined ? { referrer } : {}) },
    locale: rest.locale,
    channel: rest.channel,
  };
}

/** The export row a valid response must come back as. */
function storedForm(item: Record<string, unknown>, date: { stored: string }): Partial<ExportRow> {
  const text = (v: unknown) => (typeof v === 'string' ? (v.startsWith('@@num:') ? numberValue(v.slice(6, -2)) : mend(v)) : v);
  const map = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, text(v)]));
  return {
    id: item.id as string,
    surveyId: item.surveyId as string,
    kind: item.kind as string,
    score: item.score as number,
    comment: item.comment === undefined ? null : mend(item.comment as string),
    answers: item.answers === undefined ? null : (map(item.answers as Record<string, unknown>) as Record<string, string>),
    createdAt: date.stored,
    anonymousId: item.anonymousId as string,
    userId: (item.userId as string | undefined) ?? null,
    attributes: map(item.attributes as Record<string, unknown>),
    pageUrl: (item.page as { url: string }).url,
    locale: item.locale as string,
    channel: item.channel as string,
  };
}

const validEvent = fc.record({
  type: fc.constantFrom('display', 'dismiss'),
  surveyId: fc.constantFrom('nps-main', 'csat-checkout', 'other.survey_1'),
  anonymousId: fine(20, 1),
  userId: fc.option(fine(30, 1), { nil: undefined }),
  date: validDate,
  channel: fc.option(fine(10, 1), { nil: undefined }),
});
type ValidEvent = typeof validEvent extends fc.Arbitrary<infer T> ? T : never;

function buildEvent(v: ValidEvent): Record<string, unknown> {
  return {
    id: FRESH,
    type: v.type,
    surveyId: v.surveyId,
    anonymousId: v.anonymousId,
    ...(v.userId !== undefined ? { userId: v.userId } : {}),
    createdAt: v.date.text,
    ...(v.channel !== undefined ? { channel: v.channel } : {}),
  };
}

// ---- hostile values, each with the field it must be refused at ---------------

/** One hostile change to a valid item: the field it must be refused at, and a label naming the input. */
interface Mutation {
  field: string;
  label: string;
  apply: (item: Record<string, unknown>) => unknown;
}

const set =
  (key: string, value: unknown) =>
  (item: Record<string, unknown>): unknown => ({ ...item, [key]: value });

function mutation<T>(field: string | ((v: T) => string), values: fc.Arbitrary<T>, apply: (v: T) => (item: Record<string, unknown>) => unknown): fc.Arbitrary<Mutation> {
  return values.map((v) => {
    const f = typeof field === 'string' ? field : field(v);
    return { field: f, label: `${f}=${JSON.stringify(v) ?? String(v)}`, apply: apply(v) };
  });
}
const at = (key: string) => <T>(values: fc.Arbitrary<T>) => mutation(key, values, (v) => set(key, v));

const deep = (depth: number) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown;
const notAnItem = mutation('', fc.constantFrom<unknown>(null, 'x', 7, true, [], [{}]), (v) => () => v);
const uuidLike = '0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b';

/** Hostile changes shared by responses and events. */
const common: Array<fc.Arbitrary<Mutation>> = [
  at('id')(fc.oneof(fc.constantFrom<unknown>('', 'x', 42, null, uuidLike.slice(0, -1), `{${uuidLike}}`, `${uuidLike}\0`), withUnsafe(4).map((u) => uuidLike.slice(0, 8) + u + uuidLike.slice(8)))),
  at('surveyId')(fc.oneof(withUnsafe(10), fc.constantFrom<unknown>('', 'a b', '😀', 'x'.repeat(65), 'a/b', 5))),
  at('anonymousId')(fc.oneof(withUnsafe(20), fc.constantFrom<unknown>('', 'a'.repeat(129), 3))),
  at('userId')(fc.oneof(withUnsafe(20), fc.constantFrom<unknown>('', 'u'.repeat(257)))),
  mutation('userSignature', fc.constantFrom('a'.repeat(64)), (sig) => (item) => ({ ...item, userId: undefined, userSignature: sig })),
  mutation('userSignature', fc.constantFrom('Z'.repeat(64), 'ab', '\0'.repeat(64)), (sig) => (item) => ({ ...item, userId: 'u1', userSignature: sig })),
  at('createdAt')(hostileDate),
  at('channel')(fc.oneof(withUnsafe(10), fc.constantFrom<unknown>('', 'c'.repeat(33)))),
  mutation('extra', fc.constantFrom<unknown>(1, 'x', null, deep(2000)), (v) => set('extra', v)),
  notAnItem,
];

const pageWith = (key: 'url' | 'referrer', v: unknown) => (item: Record<string, unknown>) => ({ ...item, page: { ...(item.page as object), [key]: v } });
const urlish = fc.oneof(withUnsafe(12).map((s) => `${ORIGIN}/${s}`), fc.constantFrom<unknown>('not a url', '/relative', `${ORIGIN}/${'p'.repeat(2048)}`, 5));

const responseOnly: Array<fc.Arbitrary<Mutation>> = [
  at('kind')(fc.constantFrom<unknown>('xyz', 'NPS', 3)),
  mutation('kind', fc.constantFrom('csat'), () => (item) => ({ ...item, surveyId: 'nps-main', kind: 'csat', scale: [1, 5], score: 4 })), // nps-main is an NPS survey
  mutation('scale[0]', fc.constantFrom([10, 0]), (v) => (item) => ({ ...item, surveyId: 'nps-main', kind: 'nps', scale: v })),
  mutation('scale', fc.constantFrom<unknown>([0], [0, 10, 1], 'x', null), (v) => (item) => ({ ...item, surveyId: 'nps-main', kind: 'nps', scale: v })),
  mutation('score', fc.constantFrom('11', '-1', '7.5', '1e1000', 'null', '1e309', '-1e309', '9.000001'), (t) => (item) => ({ ...item, surveyId: 'nps-main', kind: 'nps', scale: [0, 10], score: num(t) })),
  at('comment')(fc.constantFrom<unknown>('x'.repeat(MAX_TEXT + 1), 'x'.repeat(5001), 5, null, ['x'])),
  mutation((k: string) => `answers.${k}`, withUnsafe(6), (k) => (item) => ({ ...item, answers: { ok: 'fine', [k]: 'x' } })),
  mutation('answers.why', fc.constantFrom<unknown>('y'.repeat(MAX_TEXT + 1), 5, { a: 1 }), (v) => (item) => ({ ...item, answers: { why: v } })),
  mutation('answers', fc.constantFrom(11), (n) => (item) => ({ ...item, answers: Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, 'a'])) })),
  mutation((k: string) => `attributes.${k}`, fc.oneof(withUnsafe(8), fc.constant('k'.repeat(65))), (k) => (item) => ({ ...item, attributes: { plan: 'pro', [k]: 1 } })),
  mutation(
    'attributes.n',
    fc.constantFrom<unknown>(num('1e309'), num('-1e309'), null, { a: { b: 1 } }, [1], deep(3000), 'z'.repeat(MAX_TEXT + 1), 'z'.repeat(501)),
    (v) => (item) => ({ ...item, attributes: { ...(item.attributes as object), n: v } }),
  ),
  mutation('attributes', fc.constantFrom(51), (n) => (item) => ({ ...item, attributes: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])) })),
  mutation('page.url', urlish, (v) => pageWith('url', v)),
  mutation('page.referrer', urlish, (v) => pageWith('referrer', v)),
  at('page')(fc.constantFrom<unknown>('x', null, [])),
  at('locale')(fc.oneof(withUnsafe(4).map((s) => `en-${s}`), fc.constantFrom<unknown>('en\0', 'e', 'en_US', '', 'x'.repeat(36)))),
];

const eventOnly: Array<fc.Arbitrary<Mutation>> = [at('type')(fc.constantFrom<unknown>('response', '', null, 'DISPLAY'))];

type Planned = { item: unknown; mutation?: Mutation; date?: { stored: string } };

const responseItem: fc.Arbitrary<Planned> = fc.oneof(
  { weight: 3, arbitrary: validResponse.map((v) => ({ item: buildResponse(v), date: v.date })) },
  { weight: 2, arbitrary: fc.tuple(validResponse, fc.oneof(...common, ...responseOnly)).map(([v, m]) => ({ item: m.apply(buildResponse(v)), mutation: m })) },
);
const eventItem: fc.Arbitrary<Planned> = fc.oneof(
  { weight: 3, arbitrary: validEvent.map((v) => ({ item: buildEvent(v) })) },
  { weight: 2, arbitrary: fc.tuple(validEvent, fc.oneof(...common, ...eventOnly)).map(([v, m]) => ({ item: m.apply(buildEvent(v)), mutation: m })) },
);
const batch = fc.record({
  responses: fc.array(responseItem, { minLength: 0, maxLength: 10 }),
  events: fc.array(eventItem, { minLength: 0, maxLength: 6 }),
});

// ---- the property -------------------------------------------------------------

const idOf = (item: unknown) => (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined);

async function exported(c: Collector): Promise<Map<string, ExportRow[]>> {
  const rows = new Map<string, ExportRow[]>();
  const to = new Date(NOW + 2 * 86400_000).toISOString().slice(0, 10);
  for await (const row of c.storage.exportResponses({ site: 'demo', from: '1969-12-31', to })) rows.set(row.id, [...(rows.get(row.id) ?? []), row]);
  return rows;
}

async function hostileBatches(c: Collector): Promise<{ hostile: number; distinct: number; valid: number }> {
  const labels = new Set<string>();
  let hostile = 0;
  let valid = 0;
  await fc.assert(
    fc.asyncProperty(batch, async (generated) => {
      const responses = generated.responses.map((p) => ({ ...p, item: withFreshId(p.item) }));
      const events = generated.events.map((p) => ({ ...p, item: withFreshId(p.item) }));
      const before = await c.storage.counts('demo');
      const body = serialize({ site: 'demo', responses: responses.map((p) => p.item), events: events.map((p) => p.item) });
      const expectedErrors: Array<Pick<IngestError, 'list' | 'index' | 'field'>> = [];
      const validIds: string[] = [];
      const check = (list: 'responses' | 'events') => (p: Planned, index: number) => {
        if (p.mutation) {
          expectedErrors.push({ list, index, field: p.mutation.field });
          labels.add(`${list} ${p.mutation.label}`);
          hostile++;
        } else validIds.push(idOf(p.item)!);
      };
      responses.forEach(check('responses'));
      events.forEach(check('events'));
      valid += validIds.length;

      const res = await post(c, body);
      expect(res.status, await res.clone().text()).toBe(expectedErrors.length > 0 ? 400 : 200);
      const result = (await res.json()) as IngestResult;
      expect(result.accepted).toBe(validIds.length);
      expect(result.duplicates).toBe(0);
      expect([...(result.ids ?? [])].sort()).toEqual([...validIds].sort());
      expect((result.errors ?? []).map(({ list, index, field }) => ({ list, index, field }))).toEqual(expectedErrors);
      for (const e of result.errors ?? []) expect(e.reason.length).toBeGreaterThan(3);

      // Stored exactly once, as decided; nothing refused was stored.
      const rows = await exported(c);
      responses.forEach((p) => {
        const id = idOf(p.item);
        if (p.mutation) {
          if (id) expect(rows.get(id), `refused ${p.mutation.label} was stored`).toBeUndefined();
        } else {
          expect(rows.get(id!)).toHaveLength(1);
          expect(rows.get(id!)![0]).toMatchObject(storedForm(p.item as Record<string, unknown>, p.date!));
        }
      });
      const validResponses = responses.filter((p) => !p.mutation).length;
      const after = await c.storage.counts('demo');
      expect(after).toEqual({
        responses: before.responses + validResponses,
        events: before.events + (validIds.length - validResponses),
        tallied: before.tallied + validResponses,
      });

      // The client's retry of the same body: nothing new, the same refusals.
      const again = await post(c, body);
      expect(again.status).toBe(res.status);
      const second = (await again.json()) as IngestResult;
      expect(second).toMatchObject({ accepted: 0, duplicates: validIds.length });
      expect((second.errors ?? []).map(({ list, index, field }) => ({ list, index, field }))).toEqual(expectedErrors);
      expect(await c.storage.counts('demo')).toEqual(after);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  return { hostile, distinct: labels.size, valid };
}

/** What the runs tried, so a change that stops generating hostile values cannot pass quietly. */
function report(backend: string, tried: { hostile: number; distinct: number; valid: number }) {
  console.info(`ingest property (${backend}, seed ${SEED}, ${RUNS} batches): ${tried.distinct} distinct hostile inputs in ${tried.hostile} refused items, ${tried.valid} valid items stored once`);
  expect(tried.distinct).toBeGreaterThanOrEqual(180);
  expect(tried.valid).toBeGreaterThanOrEqual(400);
}

describe('ingest with hostile values (PGlite)', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await testCollector({ config });
  });
  afterAll(() => c?.close());

  test(`${RUNS} seeded mixed batches: never 5xx, each valid item stored once, each hostile one refused by index and field`, async () => {
    report('PGlite', await hostileBatches(c));
  }, 120_000);
});

const url = process.env.SAYSO_TEST_DATABASE_URL;

describe.skipIf(!url)('ingest with hostile values (PostgreSQL)', () => {
  let c: Collector;
  const name = `sayso_hostile_${Date.now().toString(36)}`;
  let admin: postgres.Sql;
  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    c = await testCollector({ config, databaseUrl: u.toString() });
  });
  afterAll(async () => {
    await c?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test(`${RUNS} seeded mixed batches: never 5xx, each valid item stored once, each hostile one refused by index and field`, async () => {
    report('PostgreSQL', await hostileBatches(c));
  }, 120_000);
});
