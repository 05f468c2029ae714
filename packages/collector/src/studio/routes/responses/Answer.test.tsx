// @vitest-environment jsdom
// One answer of the inbox against a real collector: everything it holds,
// as text; an editor adds a note, changes the status and the assignee, adds
// and removes tags (each through the API, into the activity log); a stale
// If-Match (someone else changed it) reloads it and says so; a viewer sees
// the controls disabled with the reason; "Copy link" copies its URL.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { post, response } from '../../../test-fixtures.js';
import { realApi, type RealApi } from '../../test/real-api.js';
import { AnswerScreen } from './Answer.js';

let api: RealApi;
const ID = (n: number) => `0192a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const copied: string[] = [];

beforeAll(async () => {
  api = await realApi();
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copied.push(t) } });
  const answers = [1, 2, 3, 4].map((n) =>
    response({
      id: ID(n),
      score: 2,
      comment: '<b>bold?</b> Checkout failed',
      answers: { reason: 'price <script>' },
      attributes: { plan: 'pro', seats: 12 },
      page: { url: 'http://shop.test/checkout', referrer: 'http://search.test/?q=shop' },
      locale: 'fr',
      version: 3,
      createdAt: new Date(Date.now() - n * 60_000).toISOString(),
    }),
  );
  expect((await post(api.collector, { site: 'demo', responses: answers })).status).toBe(200);
}, 60_000);
afterAll(() => api?.close());
afterEach(cleanup);

const inbox = (id: string) => api.collector.storage.inbox.get('demo', id);
async function show(id: string) {
  render(<AnswerScreen site="demo" id={id} />);
  await screen.findByRole('heading', { name: 'What they said' });
  await screen.findByRole('option', { name: /^editor / });
}
const facts = (label: string) => Object.fromEntries([...document.querySelectorAll(`dl[aria-label="${label}"] > div`)].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));

describe('one answer', () => {
  it('shows the comment, answers, attributes, page, referrer, locale, version and time, as text', async () => {
    await api.as('viewer');
    await show(ID(1));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('NPS 2 · detractor · nps-main');
    expect(screen.getByText('<b>bold?</b> Checkout failed')).toBeTruthy();
    expect(document.querySelector('main b, body b, script')).toBeNull();
    expect(facts('Answers')).toEqual({ reason: 'price <script>' });
    expect(facts('Attributes')).toEqual({ plan: 'pro', seats: '12' });
    const where = facts('Where and when');
    expect(where).toMatchObject({ Score: '2 of 0–10 (detractor)', Survey: 'nps-main v3', Channel: 'web', Locale: 'fr', Page: 'http://shop.test/checkout', Referrer: 'http://search.test/?q=shop' });
    expect(where.Given).toBe(new Date(Date.parse((await inbox(ID(1)))!.createdAt)).toLocaleString());
  });

  it('an editor adds a note (shown with its author and time); it is stored with them and logged', async () => {
    await api.as('editor');
    await show(ID(1));
    fireEvent.input(screen.getByLabelText(/^New note/), { target: { value: 'Called back <i>today</i>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await screen.findByText('Note added.');
    expect(screen.getByText('Called back <i>today</i>')).toBeTruthy();
    const byline = document.querySelector('ol.notes li p.muted')!;
    expect(byline.textContent).toMatch(/^editor@shop\.test · \S/);
    expect(byline.querySelector('time')!.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((screen.getByLabelText(/^New note/) as HTMLTextAreaElement).value).toBe('');
    expect(await api.collector.storage.inbox.notes('demo', ID(1))).toMatchObject([{ text: 'Called back <i>today</i>', author: { label: 'editor@shop.test' } }]);
    const log = await api.collector.storage.activity.list({ site: 'demo', limit: 5 });
    expect(log[0]).toMatchObject({ action: 'response.note', subject: { id: ID(1) } });
  });

  it('an editor assigns and closes it, then adds and removes tags; each change is stored', async () => {
    await api.as('editor');
    await show(ID(2));
    const editor = (await api.collector.storage.users.byEmail('editor@shop.test'))!;
    fireEvent.change(screen.getByLabelText('Assignee'), { target: { value: editor.id } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'closed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save status and assignee' }));
    await screen.findByText('Saved: the answer is closed.');
    expect(await inbox(ID(2))).toMatchObject({ status: 'closed', assignee: editor.id, tags: [] });
    expect(screen.getByText(/^Closed /)).toBeTruthy();
    // Nothing changed: nothing sent.
    fireEvent.click(screen.getByRole('button', { name: 'Save status and assignee' }));
    await screen.findByText('Nothing to save.');
    fireEvent.input(screen.getByLabelText('New tag'), { target: { value: ' vip ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await screen.findByText('Added the tag “vip”.');
    fireEvent.input(screen.getByLabelText('New tag'), { target: { value: 'refund' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await screen.findByText('Added the tag “refund”.');
    expect((await inbox(ID(2)))!.tags).toEqual(['vip', 'refund']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag vip' }));
    await screen.findByText('Removed the tag “vip”.');
    expect((await inbox(ID(2)))!.tags).toEqual(['refund']);
    expect(screen.queryByRole('button', { name: 'Remove tag vip' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('New tag')));
    // Still closed, still assigned: a tag change sends only the tags.
    expect(await inbox(ID(2))).toMatchObject({ status: 'closed', assignee: editor.id });
  });

  it('a stale If-Match (someone else changed it meanwhile) reloads the answer with their change and says so', async () => {
    await api.as('editor');
    await show(ID(3));
    // A colleague tags it through the API after this page read it.
    const item = (await inbox(ID(3)))!;
    const res = await api.collector.fetch(
      new Request(`http://collector.test/v1/admin/sites/demo/responses/${ID(3)}`, {
        method: 'PATCH',
        headers: { authorization: 'Bearer read-secret-0123456789-abcdefghijk', 'content-type': 'application/json', 'if-match': `"r${item.rowVersion}"` },
        body: JSON.stringify({ status: 'in_progress', tags: ['theirs'] }),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'closed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save status and assignee' }));
    await screen.findByText(/^Someone else changed this answer since you opened it/);
    // Theirs is shown, mine was not written.
    expect(screen.getByText('theirs')).toBeTruthy();
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('in_progress');
    expect((await inbox(ID(3)))!.status).toBe('in_progress');
    // Again, now from their copy: it goes through.
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'closed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save status and assignee' }));
    await screen.findByText('Saved: the answer is closed.');
    expect(await inbox(ID(3))).toMatchObject({ status: 'closed', tags: ['theirs'] });
  });

  it('a viewer sees every control disabled, with the reason; nothing can be sent', async () => {
    await api.as('viewer');
    await show(ID(4));
    const reason = screen.getByText('Changing an answer needs the editor role; you have viewer.');
    for (const control of [screen.getByLabelText('Status'), screen.getByLabelText('Assignee'), screen.getByLabelText('New tag'), screen.getByLabelText(/^New note/), screen.getByRole('button', { name: 'Add note' }), screen.getByRole('button', { name: 'Add tag' }), screen.getByRole('button', { name: 'Save status and assignee' })]) {
      expect((control as HTMLButtonElement).disabled, control.id || control.textContent!).toBe(true);
      expect(control.getAttribute('aria-describedby')).toBe(reason.id);
    }
    // An editor's page has no such sentence.
    cleanup();
    await api.as('editor');
    await show(ID(4));
    expect(screen.queryByText(/needs the editor role/)).toBeNull();
    expect((screen.getByLabelText('Status') as HTMLSelectElement).disabled).toBe(false);
  });

  it('"Copy link" copies the answer\'s own studio URL; an unknown answer says so', async () => {
    await api.as('viewer');
    await show(ID(4));
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await screen.findByText('Link copied.');
    expect(copied.at(-1)).toBe(`${window.location.origin}/studio/responses/demo/${ID(4)}`);
    cleanup();
    render(<AnswerScreen site="demo" id={ID(99)} />);
    await screen.findByText('There is no such answer on this site.');
  });
});
