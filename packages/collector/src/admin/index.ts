// The admin API under /v1/admin/: one register call per resource file.
import type { Hono } from 'hono';
import type { AppContext } from '../server/context.js';
import { activityRoutes } from './activity.js';
import { alertRoutes } from './alerts.js';
import { assigneeRoutes } from './assignees.js';
import { openApiRoutes } from './openapi.js';
import { previewAdminRoutes } from './preview.js';
import { responseRoutes } from './responses.js';
import { sessionRoutes } from './session.js';
import { siteRoutes } from './sites.js';
import { surveyAdminRoutes } from './surveys.js';
import { tokenRoutes } from './tokens.js';
import { userRoutes } from './users.js';
import { webhookAdminRoutes } from './webhooks.js';

/** Registers every admin route and the OpenAPI document. */
export function adminRoutes(app: Hono, ctx: AppContext): void {
  openApiRoutes(app, ctx);
  siteRoutes(app, ctx);
  surveyAdminRoutes(app, ctx);
  sessionRoutes(app, ctx);
  userRoutes(app, ctx);
  assigneeRoutes(app, ctx);
  tokenRoutes(app, ctx);
  activityRoutes(app, ctx);
  webhookAdminRoutes(app, ctx);
  previewAdminRoutes(app, ctx);
  responseRoutes(app, ctx);
  alertRoutes(app, ctx);
}
