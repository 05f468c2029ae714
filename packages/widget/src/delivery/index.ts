// The delivery layer's public surface: the queue factory, the built-in
// adapters and storages, and the contract types.
export { createDelivery } from './create.js';
export type { DeliveryOptions } from './create.js';
export { httpAdapter, retryAfter } from '../adapters/http.js';
export type { HttpAdapterOptions } from '../adapters/http.js';
export { beaconAdapter } from '../adapters/beacon.js';
export { callbackAdapter } from '../adapters/callback.js';
export { memoryAdapter } from '../adapters/memory.js';
export type { MemoryAdapter } from '../adapters/memory.js';
export { indexedDbStorage } from '../storage/indexeddb.js';
export type { IndexedDbOptions } from '../storage/indexeddb.js';
export { localStorageStorage } from '../storage/localstorage.js';
export { memoryStorage } from '../storage/memory.js';
export type { QueueStorage } from '../storage/types.js';
export type {
  Adapter,
  Batch,
  DeadLetter,
  Delivery,
  DeliveryEvent,
  Durability,
  EnqueueResult,
  Outgoing,
  SendContext,
  SendOutcome,
} from './types.js';
