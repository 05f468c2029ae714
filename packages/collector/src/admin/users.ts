// Studio accounts (admin only):
//   GET    /v1/admin/users             → { users }
//   POST   /v1/admin/users             { email, name?, password, role } → 201 user
//   GET    /v1/admin/users/:id         → user, with ETag
//   PATCH  /v1/admin/users/:id         { name?, role?, password?, disabled? } → user
//   DELETE /v1/admin/users/:id         → 204
// PATCH honours `If-Match` when sent (409 with the current user when stale);
// it is optional here, unlike surveys, since an account has no draft that
// two people edit for minutes. Nothing may leave the collector without an
// active admin (409 with the reason). A new password or disabling signs the
// user out everywhere.
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { actorOf, requireRole } from '../auth/guard.js';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { isRole, ROLES } from '../auth/roles.js';
import type { AppContext } from '../server/context.js';
import type { User, UserPatch } from '../storage/users.js';
import { badField, emailProblem, jsonBody, textProblem } from './json-body.js';
import { errorSchema, fieldError, jsonContent, refusals } from './openapi-parts.js';

/** Longest display name. */
const MAX_NAME = 100;

/** The ETag of a user: its editable fields (a sign-in does not make an edit stale). */
export function userEtag(u: User): string {
  const digest = createHash('sha256').update(JSON.stringify([u.id, u.email, u.name, u.role, u.disabled])).digest('base64url');
  return `"${digest.slice(0, 22)}"`;
}

const notFound = (c: Context) => c.json({ error: 'user not found' }, 404);
const lastAdmin = (c: Context, u: User | undefined) =>
  c.json({ error: `${u?.email ?? 'this user'} is the last active admin: make another user an admin first` }, 409);

/** Registers the user routes. */
export function userRoutes(app: Hono, ctx: AppContext): void {
  const admin = requireRole(ctx, 'admin');

  app.get('/v1/admin/users', admin, async (c) => c.json({ users: await ctx.storage.users.list() }, 200, { 'Cache-Control': 'no-store' }));

  app.post('/v1/admin/users', admin, async (c) => {
    const body = jsonBody(c, ['email', 'name', 'password', 'role']);
    if ('answer' in body) return body.answer;
    const { email, name = '', password, role } = body.fields;
    const badEmail = emailProblem(email);
    if (badEmail) return badField(c, 'email', badEmail);
    const badName = name === '' ? undefined : textProblem(name, MAX_NAME);
    if (badName) return badField(c, 'name', badName);
    if (!isRole(role)) return badField(c, 'role', `must be one of ${ROLES.join(', ')}`);
    const badPassword = passwordProblem(password);
    if (badPassword) return badField(c, 'password', badPassword);
    const user = await ctx.storage.users.add({ email: email as string, name: name as string, role, passwordHash: await hashPassword(password as string) }, actorOf(c));
    if (user === 'exists') return c.json({ error: `a user with the email ${email as string} exists` }, 409);
    return c.json(user, 201, { ETag: userEtag(user), Location: `/v1/admin/users/${encodeURIComponent(user.id)}` });
  });

  app.get('/v1/admin/users/:id', admin, async (c) => {
    const user = await ctx.storage.users.get(c.req.param('id'));
    if (!user) return notFound(c);
    return c.json(user, 200, { ETag: userEtag(user), 'Cache-Control': 'no-store' });
  });

  app.patch('/v1/admin/users/:id', admin, async (c) => {
    const id = c.req.param('id');
    const body = jsonBody(c, ['name', 'role', 'password', 'disabled']);
    if ('answer' in body) return body.answer;
    const f = body.fields;
    if (Object.keys(f).length === 0) return badField(c, '(root)', 'name at least one of name, role, password, disabled');
    const patch: UserPatch = {};
    if (f.name !== undefined) {
      const bad = f.name === '' ? undefined : textProblem(f.name, MAX_NAME);
      if (bad) return badField(c, 'name', bad);
      patch.name = f.name as string;
    }
    if (f.role !== undefined) {
      if (!isRole(f.role)) return badField(c, 'role', `must be one of ${ROLES.join(', ')}`);
      patch.role = f.role;
    }
    if (f.disabled !== undefined) {
      if (typeof f.disabled !== 'boolean') return badField(c, 'disabled', 'must be true or false');
      patch.disabled = f.disabled;
    }
    if (f.password !== undefined) {
      const bad = passwordProblem(f.password);
      if (bad) return badField(c, 'password', bad);
    }
    const ifMatch = c.req.header('if-match');
    const current = await ctx.storage.users.get(id);
    if (!current) return notFound(c);
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== userEtag(current)) {
      return c.json({ error: 'this user was changed since you read it', current }, 409, { ETag: userEtag(current) });
    }
    // Hashed after the checks: a refused request costs no scrypt.
    if (f.password !== undefined) patch.passwordHash = await hashPassword(f.password as string);
    const user = await ctx.storage.users.update(id, patch, actorOf(c));
    if (user === 'not-found') return notFound(c);
    if (user === 'last-admin') return lastAdmin(c, current);
    return c.json(user, 200, { ETag: userEtag(user) });
  });

  app.delete('/v1/admin/users/:id', admin, async (c) => {
    const id = c.req.param('id');
    const outcome = await ctx.storage.users.remove(id, actorOf(c));
    if (outcome === 'not-found') return notFound(c);
    if (outcome === 'last-admin') return lastAdmin(c, await ctx.storage.users.get(id));
    return c.body(null, 204);
  });
}

const userRef = { $ref: '#/components/schemas/User' };
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const conflict = { description: 'The email is taken, the change would leave no active admin, or (with If-Match) the user changed since it was read', content: errorSchema };

/** OpenAPI 3.1 path objects of these routes. */
export const userPaths = {
  '/v1/admin/users': {
    get: {
      summary: 'List users',
      tags: ['users'],
      'x-role': 'admin',
      responses: { '200': { description: 'Every user, oldest first', content: jsonContent({ type: 'object', required: ['users'], properties: { users: { type: 'array', items: userRef } } }).content }, ...refusals },
    },
    post: {
      summary: 'Add a user',
      tags: ['users'],
      'x-role': 'admin',
      requestBody: jsonContent({
        type: 'object',
        required: ['email', 'password', 'role'],
        additionalProperties: false,
        properties: {
          email: { type: 'string', format: 'email', maxLength: 254, description: 'Unique, compared case-insensitively, stored as given' },
          name: { type: 'string', maxLength: 100 },
          password: { type: 'string', minLength: 15, maxLength: 256 },
          role: { $ref: '#/components/schemas/Role' },
        },
      }),
      responses: { '201': { description: 'The user', content: jsonContent(userRef).content }, '400': fieldError, '409': conflict, ...refusals },
    },
  },
  '/v1/admin/users/{id}': {
    get: {
      summary: 'One user',
      tags: ['users'],
      'x-role': 'admin',
      parameters: idParam,
      responses: { '200': { description: 'The user, with ETag', content: jsonContent(userRef).content }, '404': { description: 'user not found', content: errorSchema }, ...refusals },
    },
    patch: {
      summary: 'Change a user',
      description: 'A new password or `disabled: true` ends the user\'s sessions. `If-Match` is honoured when sent.',
      tags: ['users'],
      'x-role': 'admin',
      parameters: [...idParam, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
      requestBody: jsonContent({
        type: 'object',
        minProperties: 1,
        additionalProperties: false,
        properties: { name: { type: 'string', maxLength: 100 }, role: { $ref: '#/components/schemas/Role' }, password: { type: 'string', minLength: 15, maxLength: 256 }, disabled: { type: 'boolean' } },
      }),
      responses: { '200': { description: 'The user', content: jsonContent(userRef).content }, '400': fieldError, '404': { description: 'user not found', content: errorSchema }, '409': conflict, ...refusals },
    },
    delete: {
      summary: 'Delete a user, their sessions and tokens',
      tags: ['users'],
      'x-role': 'admin',
      parameters: idParam,
      responses: { '204': { description: 'Deleted' }, '404': { description: 'user not found', content: errorSchema }, '409': conflict, ...refusals },
    },
  },
};
