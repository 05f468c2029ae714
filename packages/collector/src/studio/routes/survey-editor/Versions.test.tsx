// @vitest-environment jsdom
// "Restore as draft" in the versions list, against a real collector: a
// publisher restores v1, the form shows v1's survey as the draft (the
// served version stays until the next publish); unsaved edits block it with
// the reason; an editor is not offered it.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realApi, type RealApi } from '../../test/real-api.js';
import { act, getSurvey, saveSurvey } from './api.js';
import { EditorScreen } from './Editor.js';
import { fieldId } from './paths.js';
import { scheduleOf } from './schedule.js';

let api: RealApi;
let v1Question: string;
beforeAll(async () => {
  api = await realApi();
  // nps-main as the config gave it, published as v1; then a second question published as v2 (through the API, as a publisher).
  await api.as('publisher');
  let { data, etag } = await getSurvey('demo', 'nps-main');
  if (data.version === null) ({ data, etag } = await act('demo', 'nps-main', 'publish', etag));
  v1Question = data.draft.question;
  const saved = await saveSurvey('demo', 'nps-main', { ...data.draft, question: 'The second question' }, scheduleOf(data), etag);
  expect((await act('demo', 'nps-main', 'publish', saved.etag)).data.version).toBe(2);
}, 60_000);
afterAll(() => api?.close());
afterEach(cleanup);

const question = () => document.querySelector<HTMLTextAreaElement | HTMLInputElement>(`#${fieldId('question')}`)!;

describe('restore a version as the draft', () => {
  it('an editor sees the versions but no restore button', async () => {
    await api.as('editor');
    render(<EditorScreen site="demo" id="nps-main" />);
    // The rows are there (the list has loaded), without the button.
    await screen.findByRole('cell', { name: 'v2' });
    expect(screen.queryByRole('button', { name: /Restore/ })).toBeNull();
  });

  it('unsaved edits block it, saying why; nothing is sent', async () => {
    await api.as('publisher');
    render(<EditorScreen site="demo" id="nps-main" />);
    const button = await screen.findByRole('button', { name: 'Restore v1 as draft' });
    fireEvent.input(question(), { target: { value: 'Typed, not saved' } });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(button.getAttribute('aria-describedby')!)!.textContent).toMatch(/Save or undo your edits first/);
    fireEvent.click(button);
    await new Promise((r) => setTimeout(r, 50));
    expect((await api.collector.storage.surveys.get('demo', 'nps-main'))!.draft.question).toBe('The second question');
  });

  it('a publisher restores v1: the draft is v1 again, shown in the form, and v2 is still the one served', async () => {
    await api.as('publisher');
    render(<EditorScreen site="demo" id="nps-main" />);
    const table = await screen.findByRole('table', { name: 'Published versions' });
    expect((await within(table).findAllByRole('button')).map((b) => b.textContent)).toEqual(['Restore v1 as draft', 'Restore v2 as draft']);
    expect(question().value).toBe('The second question');
    fireEvent.click(within(table).getByRole('button', { name: 'Restore v1 as draft' }));
    await screen.findByText('v1 is the draft again; publish it to serve it.');
    expect(question().value).toBe(v1Question);
    const stored = (await api.collector.storage.surveys.get('demo', 'nps-main'))!;
    expect(stored.draft.question).toBe(v1Question);
    expect(stored.version).toBe(2);
    expect(stored.published?.question).toBe('The second question');
    // The form took the new ETag: a save right after is not refused as stale.
    fireEvent.input(question(), { target: { value: 'After the restore' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    expect((await api.collector.storage.surveys.get('demo', 'nps-main'))!.draft.question).toBe('After the restore');
  });
});
