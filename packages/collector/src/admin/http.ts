// What every admin route shares: JSON bodies read under the body limit and
// checked field by field (400 `{ error: { path, message, code } }`),
// optimistic concurrency (ETag out, If-Match in: 428 without, 409 stale),
// and the OpenAPI pieces each resource file describes itself with.
import type { Context } from 'hono';
import { isSaysoError, type SaysoErrorCode } from '@sayso/core';
import { bodyText } from '../server/read-body.js';
import type { AppContext } from '../server/context.js';

/** A refused body: the field's path, why, and a stable code. */
export class BadInput extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly code: SaysoErrorCode = 'E_ARGUMENT_INVALID',
  ) {
    super(message);
  }
}

/** The 400 answer for a bad field. */
export function badInput(c: Context, err: BadInput): Response {
  return c.json({ error: { path: err.path, message: err.message, code: err.code } }, 400);
}

/** A SaysoError from a parser, as BadInput with its path (and the message without the path in front). */
export function fromSaysoError(err: unknown, prefix = ''): BadInput {
  if (!isSaysoError(err)) throw err;
  const path = err.path ?? '';
  const message = path && err.message.startsWith(`${path}: `) ? err.message.slice(path.length + 2) : err.message;
  return new BadInput(prefix && path ? `${prefix}.${path}` : prefix || path, message, err.code);
}

/** The body (read under its limit by the app's bodyLimit) as a JSON object, or the 400 answer. An empty body reads as `{}`. */
export async function jsonBody(c: Context, _ctx: AppContext): Promise<Record<string, unknown> | Response> {
  const text = bodyText(c);
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return badInput(c, new BadInput('', 'the body is not valid JSON'));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return badInput(c, new BadInput('', 'the body must be a JSON object'));
  return body as Record<string, unknown>;
}

/** Throws BadInput for a key of `body` not in `known`. */
export function onlyKeys(body: Record<string, unknown>, known: readonly string[]): void {
  for (const k of Object.keys(body)) if (!known.includes(k)) throw new BadInput(k, `is not a field of this request (${known.join(', ')})`);
}

/** The ETag of an object at row version `n`. */
export const etagOf = (n: number): string => `"r${n}"`;

/**
 * Checks `If-Match` against the object's row version: `undefined` to go
 * on, else the answer (428 without it; 409 with the object as it is now).
 * A list of tags matches when one of them does; `*` and weak tags never do.
 */
export function ifMatch(c: Context, rowVersion: number, current: unknown): Response | undefined {
  const given = c.req.header('if-match');
  if (given === undefined || given.trim() === '') {
    return c.json({ error: 'send If-Match with the ETag of the copy you edited (GET it first): it keeps two people from overwriting each other' }, 428);
  }
  const tags = given.split(',').map((t) => t.trim());
  if (tags.includes(etagOf(rowVersion))) return undefined;
  return c.json({ error: 'changed since you read it: start from the current copy', current }, 409, { ETag: etagOf(rowVersion) });
}

/** A path parameter as a positive integer (version numbers, request ids), or undefined. */
export function positiveInt(value: string | undefined, max = 2147483647): number | undefined {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= max ? n : undefined;
}

/** An OpenAPI 3.1 path item map, as each admin resource file exports it. */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** The common error answers, by status, for the OpenAPI document. */
export const ERRORS = {
  '400': { description: 'Bad input: `{ error: { path, message, code } }`', content: { 'application/json': { schema: { $ref: '#/components/schemas/BadInput' } } } },
  '401': { description: 'No valid credentials', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '403': { description: 'Too low a role', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '404': { description: 'Not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '409': { description: 'Stale If-Match (or a state that does not allow this): `{ error, current }`', content: { 'application/json': { schema: { $ref: '#/components/schemas/Conflict' } } } },
  '428': { description: 'If-Match is required', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
} as const;

/** An operation's answers: `ok` plus the listed error statuses. */
export function answers(ok: Record<string, unknown>, ...errors: Array<keyof typeof ERRORS>): Record<string, unknown> {
  return { ...ok, ...Object.fromEntries(errors.map((s) => [s, ERRORS[s]])) };
}

/** A JSON answer whose schema is `$ref`'d by name. */
export const jsonOf = (description: string, schema: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/** The If-Match header parameter. */
export const IF_MATCH = { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag of the copy being changed' } as const;
export const ETAG_HEADER = { ETag: { schema: { type: 'string' }, description: 'Send it back as If-Match to change this object' } } as const;
