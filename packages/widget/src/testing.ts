// @sayso/widget/testing: the conformance suites every adapter and queue
// storage must pass, written against vitest so they run in a user's own tests.
export { testAdapter, sampleResponse, sampleEvent } from './testing/adapter.js';
export { testStorage } from './testing/storage.js';
