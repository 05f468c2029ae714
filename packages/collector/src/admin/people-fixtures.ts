// Helpers of the accounts tests (not part of the package's API): users made
// straight in storage with one shared real scrypt hash (hashing costs a
// few hundred milliseconds; the tests that are about hashing hash), sign-in
// through the real route, and requests with a cookie, a token or neither.
import type { Collector } from '../collector.js';
import { hashPassword } from '../auth/password.js';
import type { Role } from '../auth/roles.js';
import { SELF } from '../test-fixtures.js';
import type { User } from '../storage/users.js';

export const PASSWORD = 'correct horse battery staple';
let hash: Promise<string> | undefined;

const setup = { kind: 'secret' as const, id: 'test', label: 'test setup' };

/** Adds a user whose password is PASSWORD. */
export async function addUser(c: Collector, email: string, role: Role): Promise<User> {
  const made = await c.storage.users.add({ email, name: email.split('@')[0]!, role, passwordHash: await (hash ??= hashPassword(PASSWORD)) }, setup);
  if (made === 'exists') throw new Error(`${email} exists`);
  return made;
}

/** Options of `call`. */
export interface CallOptions {
  cookie?: string;
  bearer?: string;
  /** The Origin header; defaults to the collector's own for a cookie request, none otherwise; `null` sends none. */
  origin?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  base?: string;
}

/** A request to the collector (in-process, or to `base` over HTTP). */
export async function call(c: Collector | undefined, method: string, path: string, o: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.cookie !== undefined) headers.cookie = o.cookie;
  if (o.bearer !== undefined) headers.authorization = `Bearer ${o.bearer}`;
  const origin = o.origin === undefined ? (o.cookie !== undefined ? (o.base ?? SELF) : undefined) : o.origin;
  if (origin !== null && origin !== undefined) headers.origin = origin;
  if (o.body !== undefined) headers['content-type'] ??= 'application/json';
  const init: RequestInit = { method, headers, ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}) };
  const url = `${o.base ?? SELF}${path}`;
  return o.base !== undefined || !c ? fetch(url, init) : c.fetch(new Request(url, init));
}

/** The `name=value` of the studio cookie a response set ('' when it set none). */
export function studioCookieOf(res: Response): string {
  const set = res.headers.getSetCookie().find((h) => h.startsWith('sayso_studio='));
  return set ? set.split(';')[0]! : '';
}

/** Signs in through POST /v1/admin/session and returns the cookie to send. */
export async function signIn(c: Collector | undefined, email: string, password = PASSWORD, o: Pick<CallOptions, 'base' | 'headers'> = {}): Promise<string> {
  const res = await call(c, 'POST', '/v1/admin/session', { ...o, origin: o.base ?? SELF, body: { email, password } });
  if (res.status !== 204) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  return studioCookieOf(res);
}
