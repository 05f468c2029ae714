// API tokens, each user's own:
//   GET    /v1/admin/tokens      → { tokens } (the signed-in user's, not revoked)
//   POST   /v1/admin/tokens      { name, role } → 201 { id, name, role, createdAt, lastUsedAt, token }
//   DELETE /v1/admin/tokens/:id  → 204 (an admin may revoke anyone's)
// The token is shown once and stored as its SHA-256. Its role is at most its
// maker's, and is capped by the maker's role at every use (auth/guard.ts).
// Only a signed-in user makes tokens: a token that could make tokens would
// let one leak outlive its revocation, and the config secret has no account
// to cap them by.
import type { Context, Hono } from 'hono';
import { actorOf, identityOf, requireRole } from '../auth/guard.js';
import { ROLES, atLeast, isRole } from '../auth/roles.js';
import { newApiToken, secretHash } from '../auth/secret-ids.js';
import type { AppContext } from '../server/context.js';
import { badField, jsonBody, textProblem } from './json-body.js';
import { errorSchema, fieldError, jsonContent, refusals } from './openapi-parts.js';

/** Longest token name. */
const MAX_NAME = 100;

const noAccount = (c: Context) => c.json({ error: 'the config secret has no account and no tokens: sign in as a user to make one' }, 403);

/** Registers the token routes. */
export function tokenRoutes(app: Hono, ctx: AppContext): void {
  const anyone = requireRole(ctx, 'viewer');

  app.get('/v1/admin/tokens', anyone, async (c) => {
    const { user } = identityOf(c);
    if (!user) return noAccount(c);
    return c.json({ tokens: await ctx.storage.apiTokens.list(user.id) }, 200, { 'Cache-Control': 'no-store' });
  });

  app.post('/v1/admin/tokens', anyone, async (c) => {
    const { user, token: via } = identityOf(c);
    if (!user) return noAccount(c);
    if (via) return c.json({ error: 'an API token cannot make tokens: sign in to the studio to make one' }, 403);
    const body = jsonBody(c, ['name', 'role']);
    if ('answer' in body) return body.answer;
    const { name, role } = body.fields;
    const badName = textProblem(name, MAX_NAME);
    if (badName) return badField(c, 'name', badName);
    if (!isRole(role)) return badField(c, 'role', `must be one of ${ROLES.join(', ')}`);
    if (!atLeast(user.role, role)) return c.json({ error: `a token's role can be at most yours: ${user.email} has ${user.role}` }, 403);
    const secret = newApiToken();
    const made = await ctx.storage.apiTokens.add({ userId: user.id, name: name as string, role, hash: secretHash(secret) }, actorOf(c));
    // Shown once: nothing may keep a copy on the way.
    return c.json({ ...made, token: secret }, 201, { 'Cache-Control': 'no-store' });
  });

  app.delete('/v1/admin/tokens/:id', anyone, async (c) => {
    const { user, actor } = identityOf(c);
    // An admin (or the config secret) may revoke any token, say one that leaked from someone on holiday.
    const owner = actor.role === 'admin' ? null : (user?.id ?? null);
    if (owner === null && actor.role !== 'admin') return noAccount(c);
    const outcome = await ctx.storage.apiTokens.revoke(c.req.param('id'), owner, actorOf(c));
    if (outcome === 'not-found') return c.json({ error: 'token not found' }, 404);
    return c.body(null, 204);
  });
}

const tokenRef = { $ref: '#/components/schemas/ApiToken' };

/** OpenAPI 3.1 path objects of these routes. */
export const tokenPaths = {
  '/v1/admin/tokens': {
    get: {
      summary: "The signed-in user's API tokens",
      tags: ['tokens'],
      'x-role': 'viewer',
      responses: { '200': { description: 'Tokens not revoked, oldest first', content: jsonContent({ type: 'object', required: ['tokens'], properties: { tokens: { type: 'array', items: tokenRef } } }).content }, ...refusals },
    },
    post: {
      summary: 'Make an API token',
      description: 'Send it as `Authorization: Bearer <token>`. Its role is at most the maker\'s, and is capped by the maker\'s role at every use. Only a signed-in user makes tokens (403 for a token or the config secret).',
      tags: ['tokens'],
      'x-role': 'viewer',
      requestBody: jsonContent({ type: 'object', required: ['name', 'role'], additionalProperties: false, properties: { name: { type: 'string', maxLength: 100 }, role: { $ref: '#/components/schemas/Role' } } }),
      responses: {
        '201': {
          description: 'The token, shown this once (`sayso_` and 43 characters); only its SHA-256 is kept',
          content: jsonContent({ allOf: [tokenRef, { type: 'object', required: ['token'], properties: { token: { type: 'string', pattern: '^sayso_[A-Za-z0-9_-]{43}$' } } }] }).content,
        },
        '400': fieldError,
        ...refusals,
      },
    },
  },
  '/v1/admin/tokens/{id}': {
    delete: {
      summary: 'Revoke a token',
      description: 'Your own; an admin may revoke anyone\'s. A revoked token answers 401 `this API token was revoked`.',
      tags: ['tokens'],
      'x-role': 'viewer',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '204': { description: 'Revoked' }, '404': { description: 'token not found', content: errorSchema }, ...refusals },
    },
  },
};
