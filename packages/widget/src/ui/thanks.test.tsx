// The thank-you says how far the answer got: sent; kept on the device until
// it can go; or kept only in this page (a sandboxed frame, blocked storage).
import { fireEvent } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import type { SubmitReceipt } from './types.js';
import { flush, show, survey } from './test-helpers.js';

afterEach(() => {
  document.body.innerHTML = '';
});

const thank = async (receipt: SubmitReceipt, locale = 'en') => {
  const { $, $$, root } = await show(survey(), { locale, onSubmit: async () => receipt });
  fireEvent.click($$('[role=radio]')[3]!);
  fireEvent.click($('.b')!);
  await flush();
  return { root, note: $('[part=offline]')?.textContent ?? null, live: $('[aria-live=polite]')!.textContent };
};

it.each(['indexeddb', 'localstorage', 'memory'] as const)('sent (%s): the thanks and nothing more', async (durability) => {
  const { note, live } = await thank({ durability, online: true });
  expect(note).toBeNull();
  expect(live).toBe('Thank you for your feedback!');
});

it.each(['indexeddb', 'localstorage'] as const)('not sent yet, kept in %s: saved, sent when back online', async (durability) => {
  const { note, live } = await thank({ durability, online: false });
  expect(note).toBe('Saved — it will be sent when you are back online.');
  expect(live).toBe('Thank you for your feedback! Saved — it will be sent when you are back online.');
});

it('not sent yet, kept only in memory: it does not claim to be saved', async () => {
  const { note, live, root } = await thank({ durability: 'memory', online: false });
  expect(note).toBe('Not saved on this device — it will be sent while this page stays open.');
  expect(live).toBe('Thank you for your feedback! Not saved on this device — it will be sent while this page stays open.');
  expect(root.textContent).not.toContain('back online');
});
