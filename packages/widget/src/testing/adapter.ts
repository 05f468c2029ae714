import { uuidv7, type SurveyEvent, type SurveyResponse } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import type { Adapter, Batch, SendContext, SendOutcome } from '../delivery/types.js';

/** A valid response for conformance tests. */
export function sampleResponse(over: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    id: uuidv7(),
    surveyId: 'nps-1',
    kind: 'nps',
    score: 9,
    scale: [0, 10],
    createdAt: new Date().toISOString(),
    anonymousId: 'anon-1',
    attributes: {},
    page: { url: 'https://shop.example/checkout' },
    locale: 'en',
    channel: 'web',
    ...over,
  };
}

/** A valid display event for conformance tests. */
export function sampleEvent(over: Partial<SurveyEvent> = {}): SurveyEvent {
  return { id: uuidv7(), type: 'display', surveyId: 'nps-1', anonymousId: 'anon-1', createdAt: new Date().toISOString(), ...over };
}

const context = (batch: Batch, over: Partial<SendContext> = {}): SendContext => ({
  signal: new AbortController().signal,
  idempotencyKey: batch.responses[0]?.id ?? batch.events[0]?.id ?? uuidv7(),
  attempt: 1,
  unloading: false,
  ...over,
});

/** Checks the shape of an outcome as delivery will read it. */
function expectOutcome(out: SendOutcome) {
  expect(['ok', 'retry', 'reject', 'too-large']).toContain(out.status);
  if (out.status == 'retry' && out.delayMs !== undefined) expect(out.delayMs).toBeGreaterThanOrEqual(0);
  if (out.status == 'reject') {
    expect(typeof out.reason).toBe('string');
    if (out.items) expect(Array.isArray(out.items)).toBe(true);
  }
}

/** Races `p` against `ms`, failing the test when the adapter hangs. */
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, no) => setTimeout(() => no(new Error(`adapter did not answer within ${ms} ms`)), ms))]);

/**
 * The conformance suite every adapter must pass: run it in your own vitest
 * with a factory for a fresh adapter (and whatever backend it talks to).
 * @example
 * import { testAdapter } from '@sayso/widget/testing';
 * testAdapter(() => myAdapter({ url: server.url }), { label: 'my adapter' });
 */
export function testAdapter(make: () => Adapter | Promise<Adapter>, options: { label?: string; timeout?: number } = {}): void {
  const ms = options.timeout ?? 5000;
  describe(`adapter conformance: ${options.label ?? 'adapter'}`, () => {
    it('has a name and a send method', async () => {
      const a = await make();
      expect(typeof a.name).toBe('string');
      expect(a.name.length).toBeGreaterThan(0);
      expect(typeof a.send).toBe('function');
    });

    it('answers a batch of responses and events with a well-formed outcome', async () => {
      const a = await make();
      const batch: Batch = { site: 'pk_test', responses: [sampleResponse(), sampleResponse({ comment: 'Ça va ✓' })], events: [sampleEvent()] };
      expectOutcome(await within(a.send(batch, context(batch)), ms));
    });

    it('answers an empty batch', async () => {
      const a = await make();
      const batch: Batch = { site: 'pk_test', responses: [], events: [] };
      expectOutcome(await within(a.send(batch, context(batch)), ms));
    });

    it('takes the same records twice without calling the repeat an error (idempotent by id)', async () => {
      const a = await make();
      const batch: Batch = { site: 'pk_test', responses: [sampleResponse()], events: [] };
      const first = await within(a.send(batch, context(batch)), ms);
      const second = await within(a.send(batch, context(batch, { attempt: 2 })), ms);
      expectOutcome(first);
      expectOutcome(second);
      if (first.status == 'ok') expect(second.status).toBe('ok');
    });

    it('does not change the batch it was given', async () => {
      const a = await make();
      const batch: Batch = { site: 'pk_test', responses: [sampleResponse()], events: [sampleEvent()] };
      const copy = structuredClone(batch);
      await within(a.send(batch, context(batch)), ms);
      expect(batch).toEqual(copy);
    });

    it('settles (never rejects, never hangs) when the signal is already aborted', async () => {
      const a = await make();
      const ac = new AbortController();
      ac.abort();
      const batch: Batch = { site: 'pk_test', responses: [sampleResponse()], events: [] };
      let out: SendOutcome | undefined;
      try {
        out = await within(a.send(batch, context(batch, { signal: ac.signal })), ms);
      } catch (e) {
        // Delivery treats a throw as a retry, but a well-behaved adapter says so itself.
        expect(String(e)).not.toMatch(/did not answer/);
        return;
      }
      expectOutcome(out);
    });

    it('answers while unloading (keepalive, beacon, or retry)', async () => {
      const a = await make();
      const batch: Batch = { site: 'pk_test', responses: [sampleResponse()], events: [] };
      expectOutcome(await within(a.send(batch, context(batch, { unloading: true })), ms));
    });
  });
}
