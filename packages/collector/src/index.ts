// @sayso/collector: the reference backend. Explicit exports only.

export { createCollector } from './collector.js';
export type { Collector, CreateCollectorOptions, Listening } from './collector.js';
export { resolveConfig, loadConfig, defaultLimits } from './config.js';
export type { CollectorConfig, SiteConfig, Limits, ResolvedConfig } from './config.js';
export { signUserId, verifyUserId } from './identity.js';
export { pgliteStorage } from './storage/pglite.js';
export type { PgliteStorageOptions } from './storage/pglite.js';
export { postgresStorage } from './storage/postgres.js';
export type { PostgresStorageOptions } from './storage/postgres.js';
export type { Storage, StoredResponse, StoredEvent, IngestOutcome, LinkAmendment, RangeQuery, TallyRow, ExportRow } from './storage/types.js';
export { jsonLogger } from './server/log.js';
export type { Logger, LogLevel } from './server/log.js';
export { EVENT_TYPES } from './webhooks/endpoint.js';
export type { EventType, EndpointFilters, EndpointInput, WebhookEndpoint } from './webhooks/endpoint.js';
export type { WebhooksConfig } from './webhooks/config.js';
export type { WebhookOutbox, Delivery, Attempt } from './webhooks/outbox.js';
export type { Dispatcher } from './webhooks/dispatcher.js';
export type { Resolver, ResolvedAddress } from './webhooks/address-guard.js';
export { slackDestination, slackPayload, escapeMrkdwn } from './alerts/slack.js';
export { emailDestination, emailParts } from './alerts/email.js';
export { isPrivateAddress } from './alerts/address-guard.js';
export type { AlertScheduler, RunOutcome, TickOutcome } from './alerts/scheduler.js';
export type { DetractorOutcome } from './alerts/detractors.js';
export type { AlertMessage, Destination } from './alerts/message.js';
export type { AlertRule, DetractorRule, DropRule, DigestRule, SiteAlerts, SmtpConfig } from './alerts/config.js';
export type { DropEvaluation } from './alerts/drop.js';
export type { Digest } from './alerts/digest.js';
