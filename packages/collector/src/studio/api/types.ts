// The admin API's shapes as the studio reads them (the contract in
// packages/collector/README.md, "Admin API"; the collector serves the same
// as OpenAPI 3.1 at /v1/admin/openapi.json).
import type { Survey } from '@sayso/core';
import type { Role } from '../../auth/roles.js';

export type { Role };

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  kind: 'user' | 'token' | 'secret';
}

export type SurveyStatus = 'draft' | 'scheduled' | 'live' | 'paused' | 'ended' | 'archived';

export interface SurveyRecord {
  id: string;
  status: SurveyStatus;
  /** Newest published version, or null when never published. */
  version: number | null;
  draft: Survey;
  updatedAt: string;
  updatedBy: string;
  startsAt?: string | null;
  endsAt?: string | null;
  responseLimit?: number | null;
  responses?: number;
}

export interface Site {
  id: string;
  name: string;
  origins: string[];
  segments: string[];
  createdAt: string;
  seen: Array<{ origin: string; lastSeenAt: string | null }>;
}

export interface Install {
  endpoint: string;
  siteKey: string;
  snippet: string;
  scriptTag: string;
}

export interface Version {
  version: number;
  hash: string;
  publishedAt: string;
  publishedBy: string;
}

export interface Change {
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export type { ActivityEntry } from '../../storage/activity.js';

export interface PublishRequest {
  id: number;
  site: string;
  surveyId: string;
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  status: 'open' | 'approved' | 'rejected';
  /** The draft as asked, against the live version. */
  changes: Change[];
  /** The draft was edited since: approving it is refused (409). */
  stale: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}
