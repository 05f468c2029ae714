// The `webhooks` section of the collector's configuration.
import { SaysoError } from '@sayso/core';
import { parseNetwork } from './address-guard.js';

/** `webhooks` in sayso.config.json; every key is optional. */
export interface WebhooksConfig {
  /** Send to loopback, private, link-local and other non-public addresses. @default false */
  allowPrivateAddresses?: boolean;
  /** Non-public networks allowed anyway, as CIDR blocks (`10.1.0.0/16`, `127.0.0.1/32`). @default [] */
  allowedNetworks?: string[];
  /** Multiplies every wait of the retry schedule (0.001 turns 5 min into 300 ms; for tests and staging). @default 1 */
  retryScale?: number;
  /** An attempt's time limit in milliseconds. @default 15000 */
  timeoutMs?: number;
  /** How often each collector looks for due deliveries, in milliseconds. @default 1000 */
  pollMs?: number;
  /** Deliveries one collector sends at once. @default 8 */
  concurrency?: number;
  /** An endpoint whose attempts have all failed for this long is disabled, in milliseconds. @default 432000000 (5 days) */
  disableAfterMs?: number;
  /** Turns the dispatcher off in this instance (deliveries are still recorded; another instance sends them). @default true */
  dispatch?: boolean;
}

export type ResolvedWebhooksConfig = Required<WebhooksConfig>;

export const defaultWebhooksConfig: ResolvedWebhooksConfig = {
  allowPrivateAddresses: false,
  allowedNetworks: [],
  retryScale: 1,
  timeoutMs: 15_000,
  pollMs: 1000,
  concurrency: 8,
  disableAfterMs: 5 * 86_400_000,
  dispatch: true,
};

const fail = (path: string, message: string): never => {
  throw new SaysoError('E_CONFIG_INVALID', message, { path });
};

/** Checks `webhooks` (at `path` in the config) and applies defaults. */
export function resolveWebhooksConfig(input: unknown, path = 'webhooks'): ResolvedWebhooksConfig {
  if (input === undefined) return { ...defaultWebhooksConfig, allowedNetworks: [] };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(path, 'must be an object');
  const raw = input as Record<string, unknown>;
  const out: ResolvedWebhooksConfig = { ...defaultWebhooksConfig, allowedNetworks: [] };
  for (const [key, value] of Object.entries(raw)) {
    const at = `${path}.${key}`;
    switch (key) {
      case 'allowPrivateAddresses':
      case 'dispatch':
        if (typeof value !== 'boolean') fail(at, 'must be true or false');
        out[key] = value as boolean;
        break;
      case 'allowedNetworks':
        if (!Array.isArray(value)) fail(at, 'must be an array of CIDR blocks such as "10.1.0.0/16"');
        out.allowedNetworks = (value as unknown[]).map((v, i) => {
          if (typeof v !== 'string' || !parseNetwork(v)) fail(`${at}[${i}]`, `must be a CIDR block such as "10.1.0.0/16" or "fd00::/8"`);
          return v as string;
        });
        break;
      case 'retryScale':
        if (typeof value !== 'number' || !(value > 0) || value > 1000) fail(at, 'must be a number above 0 (1 is the real schedule)');
        out.retryScale = value as number;
        break;
      case 'timeoutMs':
      case 'pollMs':
      case 'concurrency':
      case 'disableAfterMs':
        if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) fail(at, 'must be a positive integer');
        out[key] = value as number;
        break;
      default:
        fail(at, 'is not a known webhooks option (allowPrivateAddresses, allowedNetworks, retryScale, timeoutMs, pollMs, concurrency, disableAfterMs, dispatch)');
    }
  }
  return out;
}
