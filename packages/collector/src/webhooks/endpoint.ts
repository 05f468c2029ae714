// What a webhook endpoint is, and the checks on what an admin sends to
// create or change one: every bad field is named by its path
// (`filters.scoreAtMost`), as the rest of the collector's input errors are.
import type { ScoreBand } from '@sayso/core';

/** Every event type an endpoint can subscribe to. */
export const EVENT_TYPES = ['response.created', 'response.updated', 'response.closed', 'alert.triggered'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** The type of the event "send test event" sends; delivered whatever the endpoint subscribes to. */
export const TEST_EVENT = 'webhook.test';

const BANDS: readonly ScoreBand[] = ['detractor', 'passive', 'promoter', 'unhappy', 'neutral', 'happy'];

/** Which responses reach an endpoint; every filter given must match (absent filters match everything). */
export interface EndpointFilters {
  /** Only these surveys. */
  surveys?: string[];
  /** Only responses in these bands (`detractor`, … for NPS; `unhappy`, … for CSAT and CES). */
  bands?: ScoreBand[];
  /** Only scores of at least this. */
  scoreAtLeast?: number;
  /** Only scores of at most this. */
  scoreAtMost?: number;
  /** `true`: only responses with a comment; `false`: only those without. */
  hasComment?: boolean;
  /** Only responses whose attribute `key` is `value` (compared as text: the number 3 matches `"3"`). */
  attribute?: { key: string; value: string };
}

/** An endpoint as the admin API shows it (secrets only by their start). */
export interface WebhookEndpoint {
  id: string;
  site: string;
  url: string;
  description: string;
  eventTypes: EventType[];
  filters: EndpointFilters;
  enabled: boolean;
  /** Why and when it was disabled; `null` while enabled. */
  disabled: { at: string; reason: string } | null;
  /** The dispatcher disabled it (410, or failing for days): shown in the studio until an admin changes the endpoint. */
  needsAttention: boolean;
  /** The first failed attempt since the last success; `null` when the last attempt succeeded. */
  failingSince: string | null;
  /** Active secrets, newest first: each signs every delivery until it expires. */
  secrets: Array<{ start: string; createdAt: string; expiresAt: string | null }>;
  createdAt: string;
  updatedAt: string;
}

/** What creating an endpoint takes. */
export interface EndpointInput {
  url: string;
  eventTypes: EventType[];
  description?: string;
  filters?: EndpointFilters;
  enabled?: boolean;
}

/** A bad field of a request body. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function only(body: Record<string, unknown>, keys: readonly string[], at: string) {
  for (const key of Object.keys(body)) if (!keys.includes(key)) throw new InputError(at + key, `is not a known field (${keys.join(', ')})`);
}

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f]/;

function text(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.length > max || CONTROL_RE.test(v)) throw new InputError(field, `must be text of at most ${max} characters without control characters`);
  return v;
}

function url(v: unknown): string {
  const s = text(v, 'url', 2000);
  let parsed: URL;
  try {
    parsed = new URL(s);
  } catch {
    throw new InputError('url', 'must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new InputError('url', 'must be an http: or https: URL');
  if (parsed.username || parsed.password) throw new InputError('url', 'must not hold a user name or password');
  if (parsed.hash) throw new InputError('url', 'must not have a #fragment');
  return parsed.href;
}

function eventTypes(v: unknown): EventType[] {
  if (!Array.isArray(v) || v.length === 0) throw new InputError('eventTypes', `must be a non-empty array of ${EVENT_TYPES.join(', ')}`);
  v.forEach((t, i) => {
    if (!(EVENT_TYPES as readonly unknown[]).includes(t)) throw new InputError(`eventTypes[${i}]`, `must be one of ${EVENT_TYPES.join(', ')}`);
  });
  return [...new Set(v as EventType[])];
}

function score(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 1000) throw new InputError(field, 'must be an integer score');
  return v;
}

function filters(v: unknown): EndpointFilters {
  if (!isObject(v)) throw new InputError('filters', 'must be an object');
  only(v, ['surveys', 'bands', 'scoreAtLeast', 'scoreAtMost', 'hasComment', 'attribute'], 'filters.');
  const out: EndpointFilters = {};
  if (v.surveys !== undefined) {
    if (!Array.isArray(v.surveys) || v.surveys.length === 0) throw new InputError('filters.surveys', 'must be a non-empty array of survey ids');
    out.surveys = v.surveys.map((s, i) => text(s, `filters.surveys[${i}]`, 64));
  }
  if (v.bands !== undefined) {
    if (!Array.isArray(v.bands) || v.bands.length === 0) throw new InputError('filters.bands', `must be a non-empty array of ${BANDS.join(', ')}`);
    out.bands = v.bands.map((b, i) => {
      if (!(BANDS as readonly unknown[]).includes(b)) throw new InputError(`filters.bands[${i}]`, `must be one of ${BANDS.join(', ')}`);
      return b as ScoreBand;
    });
  }
  if (v.scoreAtLeast !== undefined) out.scoreAtLeast = score(v.scoreAtLeast, 'filters.scoreAtLeast');
  if (v.scoreAtMost !== undefined) out.scoreAtMost = score(v.scoreAtMost, 'filters.scoreAtMost');
  if (out.scoreAtLeast !== undefined && out.scoreAtMost !== undefined && out.scoreAtLeast > out.scoreAtMost) {
    throw new InputError('filters.scoreAtMost', 'must not be below filters.scoreAtLeast');
  }
  if (v.hasComment !== undefined) {
    if (typeof v.hasComment !== 'boolean') throw new InputError('filters.hasComment', 'must be true or false');
    out.hasComment = v.hasComment;
  }
  if (v.attribute !== undefined) {
    if (!isObject(v.attribute)) throw new InputError('filters.attribute', 'must be { key, value }');
    only(v.attribute, ['key', 'value'], 'filters.attribute.');
    const key = text(v.attribute.key, 'filters.attribute.key', 64);
    if (key === '') throw new InputError('filters.attribute.key', 'must not be empty');
    const value = v.attribute.value;
    const asText = typeof value === 'number' || typeof value === 'boolean' ? String(value) : text(value, 'filters.attribute.value', 2000);
    out.attribute = { key, value: asText };
  }
  return out;
}

/** Checks the body of a create request. */
export function parseEndpointInput(body: unknown): EndpointInput {
  if (!isObject(body)) throw new InputError('', 'the body must be a JSON object');
  only(body, ['url', 'eventTypes', 'description', 'filters', 'enabled'], '');
  return {
    url: url(body.url),
    eventTypes: eventTypes(body.eventTypes),
    ...(body.description !== undefined ? { description: text(body.description, 'description', 500) } : {}),
    ...(body.filters !== undefined ? { filters: filters(body.filters) } : {}),
    ...(body.enabled !== undefined ? { enabled: bool(body.enabled, 'enabled') } : {}),
  };
}

function bool(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') throw new InputError(field, 'must be true or false');
  return v;
}

/** Checks the body of a change: any of the create fields; `filters` replaces the filters whole. */
export function parseEndpointPatch(body: unknown): Partial<EndpointInput> {
  if (!isObject(body)) throw new InputError('', 'the body must be a JSON object');
  only(body, ['url', 'eventTypes', 'description', 'filters', 'enabled'], '');
  if (Object.keys(body).length === 0) throw new InputError('', 'name at least one field to change');
  return {
    ...(body.url !== undefined ? { url: url(body.url) } : {}),
    ...(body.eventTypes !== undefined ? { eventTypes: eventTypes(body.eventTypes) } : {}),
    ...(body.description !== undefined ? { description: text(body.description, 'description', 500) } : {}),
    ...(body.filters !== undefined ? { filters: filters(body.filters) } : {}),
    ...(body.enabled !== undefined ? { enabled: bool(body.enabled, 'enabled') } : {}),
  };
}
