// GET /v1/admin/openapi.json: the OpenAPI 3.1 document of the admin API,
// composed of the path items each admin/*.ts file exports beside its routes
// (openapi.test.ts checks that the document and the app's routes agree).
import type { Hono } from 'hono';
import type { AppContext } from '../server/context.js';
import { alertPaths, alertSchemas } from './alerts-paths.js';
import type { OpenApiPaths } from './http.js';
import { peopleComponents, peoplePaths } from './people-paths.js';
import { previewPaths, previewSchemas } from './preview.js';
import { responsePaths, responseSchemas } from './responses.js';
import { sitePaths } from './sites.js';
import { surveyPaths } from './surveys.js';
import { webhookPaths, webhookSchemas } from './webhooks.js';

const SURVEY_STATUS = { type: 'string', enum: ['draft', 'scheduled', 'live', 'paused', 'ended', 'archived'] };
const DATE_TIME = { type: ['string', 'null'], format: 'date-time' };

/** Shapes shared by the paths. `Survey` is @sayso/core's, as parseSurvey reads it (its checks are the reference). */
const schemas = {
  Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
  BadInput: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['path', 'message', 'code'],
        properties: { path: { type: 'string', description: "The bad field: parseSurvey's path for surveys (`triggers[0].delay`), the field name otherwise" }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
  Conflict: { type: 'object', required: ['error'], properties: { error: { type: 'string' }, current: { description: 'The object as it is now' } } },
  SurveyDefinition: { type: 'object', description: "A survey as @sayso/core's parseSurvey reads it", required: ['id', 'kind', 'question'], properties: { id: { type: 'string' }, kind: { type: 'string', enum: ['nps', 'csat', 'ces'] }, question: { type: 'string' } } },
  Site: {
    type: 'object',
    required: ['id', 'name', 'origins', 'segments', 'createdAt', 'seen'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      origins: { type: 'array', items: { type: 'string' } },
      segments: { type: 'array', items: { type: 'string' } },
      identitySecret: { type: ['string', 'null'], description: '`(set)` when the site has its own, never the secret' },
      insights: { type: ['object', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      seen: { type: 'array', items: { type: 'object', properties: { origin: { type: 'string' }, lastSeenAt: { type: 'string', format: 'date-time' } } } },
    },
  },
  SiteList: { type: 'object', required: ['sites'], properties: { sites: { type: 'array', items: { $ref: '#/components/schemas/Site' } } } },
  NewSite: {
    type: 'object',
    required: ['id', 'origins'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      name: { type: 'string' },
      origins: { type: 'array', items: { type: 'string' } },
      segments: { type: 'array', items: { type: 'string' } },
      identitySecret: { type: ['string', 'null'], minLength: 32 },
      insights: { type: ['object', 'null'] },
    },
  },
  SiteChanges: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      origins: { type: 'array', items: { type: 'string' } },
      segments: { type: 'array', items: { type: 'string' } },
      identitySecret: { type: ['string', 'null'] },
      insights: { type: ['object', 'null'] },
    },
  },
  Install: {
    type: 'object',
    required: ['endpoint', 'siteKey', 'snippet', 'scriptTag'],
    properties: { endpoint: { type: 'string' }, siteKey: { type: 'string' }, snippet: { type: 'string' }, scriptTag: { type: 'string' } },
  },
  Survey: {
    type: 'object',
    required: ['id', 'site', 'status', 'version', 'draft', 'updatedAt', 'updatedBy', 'startsAt', 'endsAt', 'responseLimit', 'responses'],
    properties: {
      id: { type: 'string' },
      site: { type: 'string' },
      status: SURVEY_STATUS,
      version: { type: ['integer', 'null'], description: 'The newest published version' },
      hash: { type: ['string', 'null'], description: "The newest version's content hash (sha256 of its canonical JSON)" },
      draft: { $ref: '#/components/schemas/SurveyDefinition' },
      startsAt: DATE_TIME,
      endsAt: DATE_TIME,
      responseLimit: { type: ['integer', 'null'], minimum: 1 },
      responses: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      updatedBy: { type: 'string' },
    },
  },
  SurveyList: { type: 'object', required: ['surveys'], properties: { surveys: { type: 'array', items: { $ref: '#/components/schemas/Survey' } } } },
  SurveyWrite: {
    type: 'object',
    required: ['survey'],
    additionalProperties: false,
    properties: { survey: { $ref: '#/components/schemas/SurveyDefinition' }, startsAt: DATE_TIME, endsAt: DATE_TIME, responseLimit: { type: ['integer', 'null'], minimum: 1 } },
  },
  Version: {
    type: 'object',
    required: ['version', 'hash', 'publishedAt', 'publishedBy'],
    properties: { version: { type: 'integer' }, hash: { type: 'string' }, publishedAt: { type: 'string', format: 'date-time' }, publishedBy: { type: 'string' }, survey: { $ref: '#/components/schemas/SurveyDefinition' } },
  },
  VersionList: { type: 'object', required: ['versions'], properties: { versions: { type: 'array', items: { $ref: '#/components/schemas/Version' } } } },
  Diff: {
    type: 'object',
    required: ['changes'],
    properties: { changes: { type: 'array', items: { type: 'object', required: ['path'], properties: { path: { type: 'string' }, from: {}, to: {} } } } },
  },
  PublishRequest: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      site: { type: 'string' },
      surveyId: { type: 'string' },
      draft: { $ref: '#/components/schemas/SurveyDefinition' },
      draftRowVersion: { type: 'integer' },
      note: { type: ['string', 'null'] },
      requestedBy: { type: 'string' },
      requestedAt: { type: 'string', format: 'date-time' },
      status: { type: 'string', enum: ['open', 'approved', 'rejected'] },
      changes: { $ref: '#/components/schemas/Diff/properties/changes' },
      stale: { type: 'boolean', description: 'The draft was edited after the request: approving it is refused' },
    },
  },
  PublishRequestList: { type: 'object', required: ['requests'], properties: { requests: { type: 'array', items: { $ref: '#/components/schemas/PublishRequest' } } } },
};

const ownPaths: OpenApiPaths = {
  '/v1/admin/openapi.json': {
    get: { summary: 'This document', operationId: 'openapi', security: [], responses: { '200': { description: 'The OpenAPI 3.1 document', content: { 'application/json': {} } } } },
  },
};

/** The path items of every admin resource; a new admin/*.ts file adds its export here. */
export const adminPaths: OpenApiPaths[] = [ownPaths, sitePaths, surveyPaths, previewPaths, ...(peoplePaths as OpenApiPaths[]), webhookPaths as OpenApiPaths, responsePaths, alertPaths];

/** The OpenAPI 3.1 document. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'sayso collector admin API',
      version: '1',
      description: 'Sites, surveys, versions and their lifecycle, users, tokens, the activity log, webhooks and alerts. JSON in and out; changes of surveys and sites need If-Match with the ETag of the copy read.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token, or the config secret (acts as an admin)' },
        session: { type: 'apiKey', in: 'cookie', name: 'sayso_studio', description: 'The studio session, from POST /v1/admin/session; changes need an Origin of the collector (CSRF)' },
      },
      schemas: { ...peopleComponents.schemas, ...webhookSchemas, ...schemas, ...previewSchemas, ...responseSchemas, ...alertSchemas },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: Object.assign({}, ...adminPaths) as OpenApiPaths,
  };
}

/** Registers `GET /v1/admin/openapi.json` (public: it describes, it reveals nothing stored). */
export function openApiRoutes(app: Hono, _ctx: AppContext): void {
  const text = JSON.stringify(openApiDocument());
  app.get('/v1/admin/openapi.json', (c) => c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
}
