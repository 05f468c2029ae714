// The delivery both entries use unless the host brings its own: the durable
// queue with the collector's HTTP adapter, or a memory adapter when there is
// no endpoint (demos, a host that only listens to events).
import { createDelivery, httpAdapter, memoryAdapter } from '../delivery/index.js';
import type { Delivery } from '../delivery/types.js';
import type { SaysoConfig } from './types.js';

/** The default delivery for a config. */
export function defaultDelivery(config: SaysoConfig): Delivery {
  const adapter = config.adapter ?? (config.endpoint ? httpAdapter({ url: `${config.endpoint}/v1/responses` }) : memoryAdapter());
  return createDelivery({ site: config.site, adapter });
}
