// The admin API under /v1/admin/: one register call per resource file.
import type { Hono } from 'hono';
import type { AppContext } from '../server/context.js';
import { openApiRoutes } from './openapi.js';
import { siteRoutes } from './sites.js';
import { surveyAdminRoutes } from './surveys.js';

/** Registers every admin route and the OpenAPI document. */
export function adminRoutes(app: Hono, ctx: AppContext): void {
  openApiRoutes(app, ctx);
  siteRoutes(app, ctx);
  surveyAdminRoutes(app, ctx);
}
