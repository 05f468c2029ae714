// The sentences the Webhooks screen shows for an endpoint and a delivery:
// what state it is in and why, in words, from the API's fields.
import type { Delivery, WebhookEndpoint } from './api.js';

/** A time in the reader's locale and zone. */
export const when = (iso: string) => new Date(iso).toLocaleString();

/** Enabled, or disabled with why and since when; and failing since when, while it fails. */
export function endpointState(e: WebhookEndpoint): string {
  if (e.disabled) return `Disabled on ${when(e.disabled.at)}: ${e.disabled.reason}.`;
  return e.failingSince ? `Enabled, failing since ${when(e.failingSince)}.` : 'Enabled.';
}

/** The filters in one line ("every response" when there are none). */
export function filterSummary(f: WebhookEndpoint['filters']): string {
  const parts: string[] = [];
  if (f.surveys) parts.push(`surveys ${f.surveys.join(', ')}`);
  if (f.bands) parts.push(f.bands.join(' or '));
  if (f.scoreAtLeast !== undefined) parts.push(`score at least ${f.scoreAtLeast}`);
  if (f.scoreAtMost !== undefined) parts.push(`score at most ${f.scoreAtMost}`);
  if (f.hasComment !== undefined) parts.push(f.hasComment ? 'with a comment' : 'without a comment');
  if (f.attribute) parts.push(`${f.attribute.key} is “${f.attribute.value}”`);
  return parts.length ? parts.join('; ') : 'every response';
}

/** Delivered, failed, pending (not tried yet), retrying with the next attempt's time, or waiting while its endpoint is disabled. */
export function deliveryState(d: Delivery, endpointDisabled = false): string {
  if (d.status === 'succeeded') return 'delivered';
  if (d.status === 'failed') return 'failed';
  // The dispatcher claims nothing for a disabled endpoint: a due time would mislead.
  if (endpointDisabled) return 'waiting until the endpoint is enabled';
  if (d.attempts.length === 0) return 'pending';
  return d.nextAt ? `retrying, next attempt ${when(d.nextAt)}` : 'retrying';
}

/** An attempt's outcome: the HTTP status, or the error when no answer came. */
export const attemptOutcome = (a: Delivery['attempts'][number]) => (a.status !== null ? `HTTP ${a.status}` : (a.error ?? 'no answer'));
