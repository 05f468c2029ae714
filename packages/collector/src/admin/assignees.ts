// GET /v1/admin/assignees (viewer): the people an answer of the inbox can be
// given to. The users list is an admin's (it shows roles, sign-ins, disabled
// accounts); an editor assigning an answer needs only who can take it, so
// this answers the enabled users' id, name and email, and nothing else.
import type { Hono } from 'hono';
import { requireRole } from '../auth/guard.js';
import type { AppContext } from '../server/context.js';
import { jsonContent, refusals } from './openapi-parts.js';

/** One person an answer can be assigned to. */
export interface Assignee {
  id: string;
  name: string;
  email: string;
}

/** Registers the assignees route. */
export function assigneeRoutes(app: Hono, ctx: AppContext): void {
  app.get('/v1/admin/assignees', requireRole(ctx, 'viewer'), async (c) => {
    const users: Assignee[] = (await ctx.storage.users.list()).filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name, email: u.email }));
    return c.json({ users }, 200, { 'Cache-Control': 'no-store' });
  });
}

/** OpenAPI 3.1 path object of the route. */
export const assigneePaths = {
  '/v1/admin/assignees': {
    get: {
      summary: 'Who an answer can be assigned to: the enabled users, oldest first (viewer)',
      operationId: 'listAssignees',
      tags: ['users'],
      'x-role': 'viewer',
      responses: {
        '200': {
          description: "Each enabled user's id, name and email (no role, no sign-in times)",
          content: jsonContent({
            type: 'object',
            required: ['users'],
            properties: {
              users: {
                type: 'array',
                items: { type: 'object', required: ['id', 'name', 'email'], additionalProperties: false, properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } } },
              },
            },
          }).content,
        },
        ...refusals,
      },
    },
  },
};
