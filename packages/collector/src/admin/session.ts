// Signing in to the studio and out, and who is signed in:
//   POST   /v1/admin/session  { email, password } → 204 + Set-Cookie sayso_studio
//   DELETE /v1/admin/session  → 204, the session revoked, the cookie cleared
//   GET    /v1/admin/me       → the account behind the request
// Sign-in and sign-out take the same Origin check as every cookie request
// that changes something: a page elsewhere cannot sign a visitor in to an
// account of its choosing (login CSRF), nor out.
import type { Context, Hono } from 'hono';
import { CROSS_SITE, isOwnOrigin } from '../auth/csrf.js';
import { identityOf, requireRole } from '../auth/guard.js';
import { MAX_PASSWORD_LENGTH } from '../auth/password.js';
import { secretHash } from '../auth/secret-ids.js';
import { WRONG_PAIR, signIn } from '../auth/sign-in.js';
import { clearStudioCookie, setStudioCookie, studioCookie } from '../auth/studio-session.js';
import type { AppContext } from '../server/context.js';
import { badField, emailProblem, jsonBody } from './json-body.js';
import { errorSchema, jsonContent, refusals } from './openapi-parts.js';

/** Registers the session routes and /v1/admin/me. */
export function sessionRoutes(app: Hono, ctx: AppContext): void {
  const fromHere = (c: Context) => (isOwnOrigin(c.req.header('origin'), ctx.self) ? undefined : c.json({ error: CROSS_SITE }, 403));

  app.post('/v1/admin/session', async (c) => {
    const refused = fromHere(c);
    if (refused) return refused;
    const body = jsonBody(c, ['email', 'password']);
    if ('answer' in body) return body.answer;
    const { email, password } = body.fields;
    const bad = emailProblem(email);
    if (bad) return badField(c, 'email', bad);
    if (typeof password !== 'string' || password === '') return badField(c, 'password', 'must be a non-empty string');
    if (password.length > MAX_PASSWORD_LENGTH * 2) return badField(c, 'password', `must have at most ${MAX_PASSWORD_LENGTH} characters`);
    const outcome = await signIn(c, ctx, email as string, password);
    if ('refused' in outcome) {
      if (outcome.refused === 'limited') {
        return c.json({ error: 'too many failed sign-ins for this address or account: try again later' }, 429, { 'Retry-After': String(outcome.retryAfter) });
      }
      return c.json({ error: outcome.refused === 'disabled' ? 'this account is disabled' : WRONG_PAIR }, 401);
    }
    // A session this browser held before ends here: one browser, one session.
    const previous = studioCookie(c);
    if (previous !== undefined) await ctx.storage.sessions.revoke(secretHash(previous));
    setStudioCookie(c, ctx, outcome.sessionId);
    ctx.log.info('signed in', { user: outcome.user.id });
    return c.body(null, 204, { 'Cache-Control': 'no-store' });
  });

  app.delete('/v1/admin/session', async (c) => {
    const session = studioCookie(c);
    if (session !== undefined) {
      const refused = fromHere(c);
      if (refused) return refused;
      await ctx.storage.sessions.revoke(secretHash(session));
    }
    clearStudioCookie(c, ctx);
    return c.body(null, 204);
  });

  app.get('/v1/admin/me', requireRole(ctx, 'viewer'), (c) => {
    const { actor, user, token } = identityOf(c);
    return c.json(
      {
        id: user?.id ?? actor.id,
        email: user?.email ?? null,
        name: user ? user.name : actor.label,
        role: actor.role,
        kind: actor.kind,
        ...(token ? { token: { id: token.id, name: token.name, role: token.role } } : {}),
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
}

/** OpenAPI 3.1 path objects of these routes. */
export const sessionPaths = {
  '/v1/admin/session': {
    post: {
      summary: 'Sign in to the studio',
      description:
        'Checks the pair and sets the `sayso_studio` cookie (HttpOnly, SameSite=Strict, Path=/, Secure over https). The `Origin` must be the collector\'s own. Failed attempts are limited per client address and per account (`limits.authFailuresPerMinute`); while limited, even the right password answers 429.',
      tags: ['credentials'],
      security: [],
      requestBody: jsonContent({
        type: 'object',
        required: ['email', 'password'],
        additionalProperties: false,
        properties: { email: { type: 'string', format: 'email', maxLength: 254 }, password: { type: 'string', minLength: 1 } },
      }),
      responses: {
        '204': { description: 'Signed in', headers: { 'Set-Cookie': { schema: { type: 'string' }, description: '`sayso_studio=…; Max-Age=604800; Path=/; HttpOnly; SameSite=Strict`' } } },
        '400': { description: 'A bad field', content: { 'application/json': { schema: { $ref: '#/components/schemas/BadInput' } } } },
        '401': { description: 'Wrong email or password (the same answer for an unknown email), or a disabled account', content: errorSchema },
        '403': { description: 'Cross-site request refused', content: errorSchema },
        '415': { description: 'Not JSON', content: errorSchema },
        '429': { description: 'Too many failed attempts', headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: errorSchema },
      },
    },
    delete: {
      summary: 'Sign out',
      description: 'Revokes the session of the cookie on every instance and clears the cookie. 204 also without a session.',
      tags: ['credentials'],
      security: [],
      responses: { '204': { description: 'Signed out' }, '403': { description: 'Cross-site request refused', content: errorSchema } },
    },
  },
  '/v1/admin/me': {
    get: {
      summary: 'The account behind the request',
      tags: ['credentials'],
      responses: {
        '200': {
          description: 'For a token, `id`/`email`/`name` are its maker\'s and `token` names it; `role` is what the request may do. For the config secret, `email` is null.',
          content: jsonContent({
            type: 'object',
            required: ['id', 'email', 'name', 'role', 'kind'],
            properties: {
              id: { type: 'string' },
              email: { type: ['string', 'null'] },
              name: { type: 'string' },
              role: { $ref: '#/components/schemas/Role' },
              kind: { enum: ['user', 'token', 'secret'] },
              token: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, role: { $ref: '#/components/schemas/Role' } } },
            },
          }).content,
        },
        ...refusals,
      },
    },
  },
};
