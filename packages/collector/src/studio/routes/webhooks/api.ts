// The webhook routes of the admin API as the Webhooks screen calls them
// (admin only; see admin/webhooks.ts). The shapes are the server's own
// types, imported as types only, so the two cannot drift apart unnoticed.
import { admin, call } from '../../api/client.js';
import type { EndpointInput, WebhookEndpoint } from '../../../webhooks/endpoint.js';
import type { Attempt, Delivery } from '../../../webhooks/outbox.js';

export type { Attempt, Delivery, EndpointInput, WebhookEndpoint };

const base = (site: string, ...parts: string[]) => admin('sites', site, 'webhooks', ...parts);

export const listEndpoints = (site: string) => call<{ endpoints: WebhookEndpoint[]; eventTypes: string[] }>('GET', base(site)).then((a) => a.data);

export const getEndpoint = (site: string, id: string) => call<{ endpoint: WebhookEndpoint }>('GET', base(site, id)).then((a) => a.data.endpoint);

/** Creates an endpoint; the answer holds its whole secret, this once. */
export const createEndpoint = (site: string, body: EndpointInput) => call<{ endpoint: WebhookEndpoint; secret: string }>('POST', base(site), { body }).then((a) => a.data);

export const updateEndpoint = (site: string, id: string, body: Partial<EndpointInput>) => call<{ endpoint: WebhookEndpoint }>('PATCH', base(site, id), { body }).then((a) => a.data.endpoint);

export const deleteEndpoint = (site: string, id: string) => call<null>('DELETE', base(site, id));

/** A new secret, shown this once; the old ones keep signing for `keepOldSeconds`. */
export const rotateSecret = (site: string, id: string, keepOldSeconds: number) =>
  call<{ endpoint: WebhookEndpoint; secret: string }>('POST', base(site, id, 'rotate-secret'), { body: { keepOldSeconds } }).then((a) => a.data);

/** The newest `limit` deliveries, each with every attempt. */
export const listDeliveries = (site: string, id: string, limit = 50) => call<{ deliveries: Delivery[]; before?: string }>('GET', `${base(site, id, 'deliveries')}?limit=${limit}`).then((a) => a.data.deliveries);

export const sendTest = (site: string, id: string) => call<{ delivery: string }>('POST', base(site, id, 'test')).then((a) => a.data.delivery);

export const replayOne = (site: string, id: string, delivery: string) => call<{ delivery: string }>('POST', base(site, id, 'deliveries', delivery, 'replay'));

/** Queues again every failed delivery created since `since` (YYYY-MM-DD, UTC); resolves with how many. */
export const replayFailed = (site: string, id: string, since: string) => call<{ replayed: number }>('POST', base(site, id, 'replay'), { body: { since } }).then((a) => a.data.replayed);
