// Pieces the people routes' OpenAPI path objects share, and the schemas
// they name (`peopleComponents`, merged into the document's components by
// admin/openapi.ts).

/** A JSON error body: `{ error: "<why>" }`. */
export const errorSchema = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** A JSON request or response body of `schema`. */
export function jsonContent(schema: object): { required: true; content: { 'application/json': { schema: object } } } {
  return { required: true, content: { 'application/json': { schema } } };
}

/** The refusals of every guarded route. */
export const refusals = {
  '401': { description: 'No valid credentials (none, wrong, expired, revoked, a disabled account); `error` says which', content: errorSchema },
  '403': { description: 'Too low a role (`this needs the admin role; ana@shop.test has editor`), or a cross-site cookie request that changes something', content: errorSchema },
  '429': { description: 'Too many failed authentications from this address', headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: errorSchema },
};

/** A 400 for a bad field of the body. */
export const fieldError = { description: 'A bad field (`error.path` names it)', content: { 'application/json': { schema: { $ref: '#/components/schemas/BadInput' } } } };

const iso = { type: 'string', format: 'date-time' };

/** Schemas named by the people routes. */
export const peopleComponents = {
  schemas: {
    Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    BadInput: {
      type: 'object',
      required: ['error'],
      properties: {
        error: { type: 'object', required: ['path', 'message', 'code'], properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } },
      },
    },
    Role: { enum: ['viewer', 'editor', 'publisher', 'admin'], description: 'Each role can do everything the ones before it can.' },
    User: {
      type: 'object',
      required: ['id', 'email', 'name', 'role', 'disabled', 'createdAt', 'lastSignInAt'],
      properties: {
        id: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        role: { $ref: '#/components/schemas/Role' },
        disabled: { type: 'boolean' },
        createdAt: iso,
        lastSignInAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    ApiToken: {
      type: 'object',
      required: ['id', 'name', 'role', 'createdAt', 'lastUsedAt'],
      properties: { id: { type: 'string' }, name: { type: 'string' }, role: { $ref: '#/components/schemas/Role' }, createdAt: iso, lastUsedAt: { type: ['string', 'null'], format: 'date-time' } },
    },
    ActivityEntry: {
      type: 'object',
      required: ['seq', 'at', 'site', 'actor', 'action', 'subject', 'diff'],
      properties: {
        seq: { type: 'integer' },
        at: iso,
        site: { type: ['string', 'null'] },
        actor: { type: 'object', properties: { kind: { enum: ['user', 'token', 'secret'] }, id: { type: 'string' }, label: { type: 'string' } } },
        action: { type: 'string', examples: ['survey.publish', 'user.update'] },
        subject: { type: 'object', properties: { type: { type: 'string' }, id: { type: 'string' } } },
        diff: { description: 'The change: a JSON value, or null. Never a password or a hash.' },
      },
    },
  },
};
