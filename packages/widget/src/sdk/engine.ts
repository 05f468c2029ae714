// The SDK's lazily loaded half: survey validation, showing a survey and the
// delivery layer. The npm entry imports it directly (bundlers split it as they
// like); the script tag loads it as dist/sayso-engine.js (see engine-script.ts).
import { indexedDbStorage, localStorageStorage } from '../delivery/index.js';
import { defaultDelivery } from './default-delivery.js';
import type { Engine, SurveyProblem } from './engine-types.js';
import { json } from '../plain.js';
import { merge } from './history.js';
import { collectorHistory } from './history-source.js';
import { present, tabs } from './present.js';
import { createSender } from './sender.js';
import { checkSurveys } from './surveys.js';

export const engine: Engine = {
  check(list) {
    const e: SurveyProblem[] = [];
    return { s: checkSurveys(list, (p) => e.push(p)), e };
  },
  json,
  delivery: defaultDelivery,
  // The stores the default delivery uses, namespaced by site as createDelivery does;
  // a store that is unavailable holds nothing to purge.
  purge: async (site) => void (await Promise.allSettled([indexedDbStorage({ name: site }).clear(), localStorageStorage({ name: site }).clear()])),
  // `this`, so an engine made from this one with its own delivery (tests) starts that one.
  // Delivery's events are the instance's `queued`, `delivered` and `error` events, payloads as they are.
  sender(config, allowed, emit) {
    return createSender(config, this, allowed, ({ type, ...detail }) => emit(type, detail as never));
  },
  present,
  identify(host, userId, signature) {
    const { config } = host;
    const source = config.history || collectorHistory(config.endpoint!, config.site, (input, init) => fetch(input, init));
    return source.load(userId, signature).then(
      (entries) => {
        merge(host.history(), entries, (id) => host.surveys().find((s) => s.id === id)?.kind);
        host.save(json(host.history()));
      },
      (err: Error) => host.error('E_REMOTE_CONFIG', err.message),
    );
  },
  tabs,
};
