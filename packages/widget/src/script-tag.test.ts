// The loader snippet and the script-tag entry together, in jsdom: calls made
// before the SDK arrived replay in a safe order, `sayso(...)` keeps working
// after load, and a second snippet or a second SDK copy changes nothing.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Delivery, Outgoing } from './delivery/types.js';
import type { MountOptions, UiModule } from './ui/types.js';
import { engine } from './sdk/engine.js';
import { ENGINE_GLOBAL } from './sdk/engine-types.js';

// jsdom runs no <script src>: the engine chunk is there as if sayso-engine.js had loaded.
(window as unknown as Record<string, unknown>)[ENGINE_GLOBAL] = engine;

type Sayso = ((...args: unknown[]) => unknown) & { q?: unknown[]; v?: number };
const w = window as unknown as { sayso?: Sayso };

const records: Outgoing[] = [];
const delivery: Delivery = {
  enqueue: async (r) => (records.push(r), { id: r.value.id, durability: 'memory' }),
  flush: async () => {},
  pending: async () => records.length,
  on: () => () => {},
  clear: async () => {},
  destroy: () => {},
};
const mounted: MountOptions[] = [];
const ui: UiModule = {
  async mountSurvey(o) {
    mounted.push(o);
    o.onShow?.();
    return { close: () => o.onClose?.() };
  },
};

afterAll(() => (w.sayso?.('destroy'), undefined));

describe('loader snippet + script-tag SDK', () => {
  it('records calls, then replays init → identify/consent → the rest', async () => {
    // @ts-expect-error plain JS without types: run for its effect
    await import('./snippet/snippet.js');
    const stub = w.sayso!;
    expect(stub.v).toBeUndefined();
    const script = document.head.querySelector('script[src="/sdk/sayso.js"]') as HTMLScriptElement;
    // Script-inserted, so async in a browser (jsdom has no force-async); it hands on the global's name.
    expect(script.dataset.saysoGlobal).toBe('sayso');

    const shows: string[] = [];
    // The page calls in an unsafe order: track and on before init and identify.
    stub('track', 'checkout', { total: 150 });
    stub('on', 'show', (e: { surveyId: string }) => shows.push(e.surveyId));
    stub('init', {
      site: 'pk_test',
      delivery,
      loadUi: () => Promise.resolve(ui),
      surveys: [
        {
          id: 'csat-checkout',
          kind: 'csat',
          question: 'How was checkout?',
          triggers: [{ type: 'event', name: 'checkout', where: [{ property: 'total', op: 'gt', value: 100 }] }],
          // Only identified users: proves identify() was replayed before track().
          targeting: { identity: 'identified' },
        },
      ],
    });
    stub('identify', 'user-7', { plan: 'pro' });

    // A second copy of the snippet on the same page: ignored, the stub stays.
    // @ts-expect-error a query makes Vite evaluate the file a second time
    await import('./snippet/snippet.js?second');
    expect(w.sayso).toBe(stub);
    expect(document.head.querySelectorAll('script[src="/sdk/sayso.js"]')).toHaveLength(1);

    await import('./script-tag.js');
    expect(w.sayso).not.toBe(stub);
    expect(w.sayso!.v).toBe(1);
    await vi.waitFor(() => expect(mounted.map((m) => m.survey.id)).toEqual(['csat-checkout']));
    expect(shows).toEqual(['csat-checkout']);
    expect(records[0]).toMatchObject({ kind: 'event', value: { type: 'display', userId: 'user-7' } });
  });

  it('keeps working after load, and a second SDK copy leaves the first in charge', async () => {
    const live = w.sayso!;
    // @ts-expect-error a query makes Vite evaluate the file a second time
    await import('./script-tag.js?again');
    expect(w.sayso).toBe(live);
    // A second init (e.g. from a second snippet) is ignored.
    const first = live('init', { site: 'other' });
    expect(first).toBeDefined();
    const receipt = await mounted[0]!.onSubmit({ score: 5 });
    expect(receipt.durability).toBe('memory');
    expect(records.filter((r) => r.kind === 'response')[0]!.value).toMatchObject({ surveyId: 'csat-checkout', score: 5, userId: 'user-7', attributes: { plan: 'pro' } });
    expect(await live('show', 'nope')).toBe(false);
  });
});
