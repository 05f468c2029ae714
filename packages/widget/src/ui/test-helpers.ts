// Shared by the UI's component tests: mount a survey and look inside its shadow root.
import type { Survey } from '@sayso/core';
import { vi } from 'vitest';
import { mountSurvey } from './mount.js';
import type { Answer, MountOptions, SubmitReceipt } from './types.js';

/** A survey of `kind` with sensible defaults, overridable field by field. */
export const survey = (over: Partial<Survey> = {}): Survey => ({ id: 's1', kind: 'nps', question: 'How likely are you to recommend {product}?', ...over });

/** Mounts `s` with spies for the callbacks; returns them with the shadow root. */
export async function show(s: Survey, opts: Partial<MountOptions> = {}) {
  const onSubmit = vi.fn(async (_a: Answer): Promise<SubmitReceipt> => ({ durability: 'indexeddb', online: true }));
  const onDismiss = vi.fn();
  const onClose = vi.fn();
  const handle = await mountSurvey({ survey: s, locale: 'en', onSubmit, onDismiss, onClose, ...opts });
  const hosts = document.querySelectorAll('sayso-widget');
  const root = hosts[hosts.length - 1]!.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
  const $$ = <T extends Element = HTMLElement>(sel: string) => [...root.querySelectorAll<T>(sel)];
  return { handle, root, $, $$, onSubmit: (opts.onSubmit as typeof onSubmit | undefined) ?? onSubmit, onDismiss, onClose };
}

/** Lets pending promise callbacks (onSubmit's) run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));

/**
 * Empties the page: jsdom has no top layer, so overlays take the fallback
 * and put their host on <html>, beside the body.
 */
export function clear(): void {
  document.body.replaceChildren();
  for (const host of document.querySelectorAll('sayso-widget')) host.remove();
}
