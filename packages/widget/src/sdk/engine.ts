// The SDK's lazily loaded half: survey validation and the delivery layer. The
// npm entry imports it directly (bundlers split it as they like); the script
// tag loads it as dist/sayso-engine.js (see engine-script.ts).
import { indexedDbStorage, localStorageStorage } from '../delivery/index.js';
import { defaultDelivery } from './default-delivery.js';
import type { Engine } from './engine-types.js';
import { merge } from './history.js';
import { collectorHistory } from './history-source.js';
import { launch, present } from './present.js';
import { checkSurveys } from './surveys.js';

export const engine: Engine = {
  check: checkSurveys,
  delivery: defaultDelivery,
  present,
  history: collectorHistory,
  merge,
  launch,
  // The stores the default delivery uses, namespaced by site as createDelivery does;
  // a store that is unavailable holds nothing to purge.
  purge: async (site) => void (await Promise.allSettled([indexedDbStorage({ name: site }).clear(), localStorageStorage({ name: site }).clear()])),
};
