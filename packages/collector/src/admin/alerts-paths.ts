// The OpenAPI path items and schemas of the alerts routes (admin/alerts.ts).
import { RULE_TYPES } from '../alerts/config.js';
import { ETAG_HEADER, IF_MATCH, answers, jsonOf, type OpenApiPaths } from './http.js';

const site = { name: 'site', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } };
const ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Unique within the site, across every type' };
const body = (schema: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });

/** Schemas the paths refer to. */
export const alertSchemas = {
  AlertRuleInput: {
    description: "A rule, checked as sites[i].alerts is in sayso.config.json (a bad field's path is its name: `level`)",
    oneOf: [
      {
        type: 'object',
        title: 'drop',
        required: ['type', 'id', 'survey'],
        additionalProperties: false,
        properties: {
          type: { const: 'drop' },
          id: ID,
          survey: { type: 'string' },
          recentDays: { type: 'integer', minimum: 1, default: 7 },
          baselineDays: { type: 'integer', minimum: 1, default: 28 },
          level: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.95 },
          minPoints: { type: 'number', minimum: 0, default: 5 },
          minAnswers: { type: 'integer', minimum: 1, default: 30 },
          cooldownDays: { type: 'integer', minimum: 0, default: 7 },
        },
      },
      {
        type: 'object',
        title: 'digest',
        required: ['type', 'id', 'survey', 'every'],
        additionalProperties: false,
        properties: { type: { const: 'digest' }, id: ID, survey: { type: 'string' }, every: { enum: ['day', 'week'] }, comments: { type: 'integer', minimum: 0, maximum: 50, default: 5 } },
      },
      {
        type: 'object',
        title: 'detractor',
        required: ['type', 'id'],
        additionalProperties: false,
        properties: { type: { const: 'detractor' }, id: ID, survey: { type: ['string', 'null'], default: null, description: 'null: every survey of the site' }, withComment: { type: 'boolean', default: false } },
      },
    ],
  },
  AlertRule: {
    type: 'object',
    required: ['type', 'id', 'etag', 'updatedBy', 'updatedAt'],
    description: 'A rule with every field (defaults filled in), who changed it last, and its ETag',
    properties: { type: { enum: [...RULE_TYPES] }, id: { type: 'string' }, survey: { type: ['string', 'null'] }, etag: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' }, updatedBy: { type: 'string' } },
    additionalProperties: true,
  },
  AlertSlack: {
    type: 'object',
    required: ['webhookUrl', 'etag'],
    properties: { webhookUrl: { type: ['string', 'null'], description: '`(set)` below the publisher role: the URL is a credential' }, etag: { type: 'string', description: 'Send it as If-Match to change the URL ("r0" before the first)' } },
  },
  SiteAlerts: {
    type: 'object',
    required: ['rules', 'slack', 'email'],
    properties: {
      rules: { type: 'array', items: { $ref: '#/components/schemas/AlertRule' } },
      slack: { $ref: '#/components/schemas/AlertSlack' },
      email: { type: 'object', properties: { configured: { type: 'boolean', description: 'The collector has SMTP settings' }, recipients: { type: 'integer', description: 'Opted-in active users plus the config list' } } },
    },
  },
  AlertTestResults: {
    type: 'object',
    required: ['results'],
    properties: { results: { type: 'array', items: { type: 'object', required: ['destination', 'ok'], properties: { destination: { enum: ['slack', 'email'] }, ok: { type: 'boolean' }, error: { type: 'string' } } } } },
  },
  Notifications: {
    type: 'object',
    required: ['email', 'smtp', 'sites'],
    properties: {
      email: { type: 'string', description: 'Where the email goes: your account address' },
      smtp: { type: 'boolean', description: 'The collector can send email' },
      sites: { type: 'array', items: { type: 'object', required: ['site', 'name', 'email'], properties: { site: { type: 'string' }, name: { type: 'string' }, email: { type: 'boolean' } } } },
    },
  },
};

/** The path items. */
export const alertPaths: OpenApiPaths = {
  '/v1/admin/sites/{site}/alerts': {
    parameters: [site],
    get: { summary: "A site's alert rules, its Slack URL and how many get its email (viewer)", operationId: 'listAlerts', tags: ['alerts'], responses: answers({ '200': jsonOf('The alerts', 'SiteAlerts') }, '401', '403', '404') },
  },
  '/v1/admin/sites/{site}/alerts/rules': {
    parameters: [site],
    post: {
      summary: 'Create an alert rule: a score drop, a digest or detractor answers (publisher)',
      operationId: 'createAlertRule',
      tags: ['alerts'],
      requestBody: body('AlertRuleInput'),
      responses: answers({ '201': jsonOf('The rule', 'AlertRule', ETAG_HEADER) }, '400', '401', '403', '404', '409'),
    },
  },
  '/v1/admin/sites/{site}/alerts/rules/{id}': {
    parameters: [site, id],
    get: { summary: 'One alert rule (viewer)', operationId: 'getAlertRule', tags: ['alerts'], responses: answers({ '200': jsonOf('The rule', 'AlertRule', ETAG_HEADER) }, '401', '403', '404') },
    put: {
      summary: 'Replace an alert rule; its id and type stay (publisher)',
      operationId: 'updateAlertRule',
      tags: ['alerts'],
      parameters: [IF_MATCH],
      requestBody: body('AlertRuleInput'),
      responses: answers({ '200': jsonOf('The rule', 'AlertRule', ETAG_HEADER) }, '400', '401', '403', '404', '409', '428'),
    },
    delete: { summary: 'Delete an alert rule, with what it had not sent yet (publisher)', operationId: 'deleteAlertRule', tags: ['alerts'], parameters: [IF_MATCH], responses: answers({ '204': { description: 'Deleted' } }, '401', '403', '404', '409', '428') },
  },
  '/v1/admin/sites/{site}/alerts/slack': {
    parameters: [site],
    put: {
      summary: "Set the site's Slack incoming-webhook URL, or null for none (publisher)",
      operationId: 'setAlertSlack',
      tags: ['alerts'],
      parameters: [IF_MATCH],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['webhookUrl'], additionalProperties: false, properties: { webhookUrl: { type: ['string', 'null'], format: 'uri' } } } } } },
      responses: answers({ '200': jsonOf('The Slack URL', 'AlertSlack', ETAG_HEADER) }, '400', '401', '403', '404', '409', '428'),
    },
  },
  '/v1/admin/sites/{site}/alerts/test': {
    parameters: [site],
    post: {
      summary: "Send a sample detractor alert to the site's destinations now; answers what each said (publisher)",
      operationId: 'testAlert',
      tags: ['alerts'],
      responses: answers({ '200': jsonOf('What each destination said', 'AlertTestResults') }, '401', '403', '404'),
    },
  },
  '/v1/admin/me/notifications': {
    get: { summary: 'Which sites you get alerts and digests by email for (a studio user, any role)', operationId: 'getNotifications', tags: ['alerts'], responses: answers({ '200': jsonOf('Your opt-ins', 'Notifications') }, '401', '403') },
    put: {
      summary: "Turn email of one site's alerts and digests on or off for yourself",
      operationId: 'setNotifications',
      tags: ['alerts'],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['site', 'email'], additionalProperties: false, properties: { site: { type: 'string' }, email: { type: 'boolean' } } } } } },
      responses: answers({ '200': jsonOf('Your opt-ins', 'Notifications') }, '400', '401', '403'),
    },
  },
};
