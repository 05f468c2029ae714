// @sayso/widget: the npm door. `init` and the types for the config and
// events, plus the delivery layer's adapters for hosts that bring their own
// backend. Importing this module touches no window or document (SSR-safe);
// the UI loads as a separate chunk only when a survey is about to show.

export { init } from './sdk/init.js';
export type {
  SaysoConfig,
  SaysoInstance,
  SaysoEvents,
  SaysoEventName,
  ConsentState,
  ShowOptions,
  IdentifyOptions,
  HistorySource,
} from './sdk/types.js';

export { createDelivery, httpAdapter, beaconAdapter, callbackAdapter, memoryAdapter, indexedDbStorage, localStorageStorage, memoryStorage } from './delivery/index.js';
export type {
  Adapter,
  Batch,
  DeadLetter,
  Delivery,
  DeliveryEvent,
  DeliveryOptions,
  Durability,
  EnqueueResult,
  HttpAdapterOptions,
  MemoryAdapter,
  Outgoing,
  QueueStorage,
  SendContext,
  SendOutcome,
} from './delivery/index.js';

export type { Answer, MountOptions, SubmitReceipt, SurveyHandle, UiModule } from './ui/types.js';
export type { Survey, SurveyResponse, SurveyEvent, SurveyKind, Trigger, Targeting, Throttle, PropertyFilter, UrlRule, UrlRules } from '@sayso/core';
