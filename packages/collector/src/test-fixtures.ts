// Helpers shared by the collector's tests (not part of the package's API).
import { uuidv7, type SurveyEvent, type SurveyResponse } from '@sayso/core';
import { createCollector, type Collector, type CreateCollectorOptions } from './collector.js';
import type { CollectorConfig } from './config.js';
import type { SqlDriver } from './storage/driver.js';
import { pgliteDriver } from './storage/pglite.js';
import { sqlStorage } from './storage/sql-storage.js';
import type { Storage } from './storage/types.js';

export const ORIGIN = 'http://shop.test';
/** The origin the in-process tests address the collector at (`http://collector.test/...`). */
export const SELF = 'http://collector.test';
export const SECRET = 'read-secret-0123456789-abcdefghijk';
export const IDENTITY = 'identity-secret-0123456789-abcdefg';

export function testConfig(overrides: Partial<CollectorConfig> = {}): CollectorConfig {
  return {
    secret: SECRET,
    identitySecret: IDENTITY,
    publicUrl: SELF,
    sites: [
      {
        id: 'demo',
        origins: [ORIGIN],
        segments: ['plan'],
        surveys: [
          { id: 'nps-main', kind: 'nps', question: 'How likely are you to recommend us?' },
          { id: 'csat-checkout', kind: 'csat', question: 'How was checkout?' },
        ],
      },
    ],
    ...overrides,
  };
}

let shared: Promise<{ storage: Storage; driver: SqlDriver }> | undefined;

/**
 * One in-memory PGlite for a whole test file (opening one costs seconds),
 * emptied before each collector is made on it; closing the collector leaves it open.
 */
async function sharedStorage(): Promise<Storage> {
  shared ??= pgliteDriver().then(async (driver) => {
    const storage = sqlStorage(driver);
    await storage.migrate();
    return { storage, driver };
  });
  const { storage, driver } = await shared;
  await driver.exec(
    'truncate sayso_responses, sayso_events, sayso_tallies, sayso_terms, sayso_term_queue, sayso_term_state, sayso_activity, sayso_publish_requests, sayso_survey_versions, sayso_surveys, sayso_site_seen, sayso_sites, sayso_api_tokens, sayso_sessions, sayso_users, sayso_webhook_endpoints, sayso_webhook_deliveries, sayso_webhook_attempts, sayso_inbox, sayso_inbox_notes, sayso_alert_runs, sayso_alert_rules, sayso_alert_destinations, sayso_alert_optins, sayso_alert_outbox',
  );
  return { ...storage, close: async () => {} };
}

/** A collector on the file's shared in-memory PGlite (emptied first), unless `storage`/`databaseUrl` is given. */
export async function testCollector(options: Partial<CreateCollectorOptions> = {}): Promise<Collector> {
  const storage = options.storage ?? (options.databaseUrl || options.dataDir ? undefined : await sharedStorage());
  return createCollector({ config: testConfig(), logLevel: 'silent', sdkDir: false, examplesDir: false, ...(storage ? { storage } : {}), ...options });
}

export function response(overrides: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    id: uuidv7(),
    surveyId: 'nps-main',
    kind: 'nps',
    score: 9,
    scale: [0, 10],
    createdAt: new Date().toISOString(),
    anonymousId: 'anon-1',
    attributes: { plan: 'pro' },
    page: { url: `${ORIGIN}/checkout` },
    locale: 'en',
    channel: 'web',
    ...overrides,
  };
}

export function event(overrides: Partial<SurveyEvent> = {}): SurveyEvent {
  return { id: uuidv7(), type: 'display', surveyId: 'nps-main', anonymousId: 'anon-1', createdAt: new Date().toISOString(), ...overrides };
}

/** POSTs a batch (any JSON) to `/v1/responses` of `c`. */
export async function post(c: Collector, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return c.fetch(
    new Request('http://collector.test/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}
