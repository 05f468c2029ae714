// Reading an admin API body: JSON only (a form post from another site is
// not JSON, which is one more wall against CSRF), an object, with only the
// keys a route knows. A bad field answers 400 naming it:
// `{ error: { path: 'email', message, code: 'E_ARGUMENT_INVALID' } }`.
import type { Context } from 'hono';
import { bodyText } from '../server/read-body.js';

/** A parsed body: its fields, or the answer to send instead. */
export type Body = { fields: Record<string, unknown> } | { answer: Response };

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** The 400 answer for a bad field. */
export function badField(c: Context, path: string, message: string): Response {
  return c.json({ error: { path, message, code: 'E_ARGUMENT_INVALID' } }, 400);
}

/** The body of `c` as a JSON object with keys among `known`. */
export function jsonBody(c: Context, known: readonly string[]): Body {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return { answer: c.json({ error: 'send JSON (Content-Type: application/json)' }, 415) };
  let value: unknown;
  try {
    value = JSON.parse(bodyText(c));
  } catch (err) {
    return { answer: badField(c, '(root)', `is not JSON: ${(err as Error).message}`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { answer: badField(c, '(root)', 'must be a JSON object') };
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).find((k) => !known.includes(k));
  if (unknown !== undefined) return { answer: badField(c, unknown.slice(0, 64), `is not a known field (${known.join(', ')})`) };
  return { fields };
}

/** Why `value` is not a one-line text of 1..`max` characters, or undefined. */
export function textProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.trim() === '') return 'must not be empty';
  if (value.length > max) return `must have at most ${max} characters`;
  if (CONTROL_RE.test(value)) return 'must not contain control characters';
  return undefined;
}

/** Why `value` is not an email address we accept, or undefined. */
export function emailProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  // Deliberately loose (RFC 5321 allows much): one @ with text on both sides, no spaces, at most 254 characters.
  if (value.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(value) || CONTROL_RE.test(value)) return 'must be an email address such as "ana@shop.example"';
  return undefined;
}
