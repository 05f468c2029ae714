// @vitest-environment jsdom
// The inbox list against a real collector (answers stored through the real
// ingest): every filter goes into the URL and the API's request, the list
// follows; a URL with filters shows them again (reload, a shared link); the
// keyboard walks the list and opens an answer; "Load more" pages by the
// cursor; comments are text, never HTML.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { post, response } from '../../../test-fixtures.js';
import { location, navigate } from '../../router.js';
import { realApi, type RealApi } from '../../test/real-api.js';
import { AnswerSummary, ResponsesScreen } from './Responses.js';

let api: RealApi;
const HOUR = 3600_000;
const now = Date.now();
/** Fixed ids, increasing with time, so each answer is named in a failure. */
const ID = (n: number) => `0192a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();

const SEED = [
  response({ id: ID(1), score: 2, comment: 'Checkout broke twice', createdAt: at(6), attributes: { plan: 'pro' } }),
  response({ id: ID(2), score: 3, createdAt: at(5), attributes: { plan: 'free' } }),
  response({ id: ID(3), score: 10, comment: 'Love it', createdAt: at(4) }),
  response({ id: ID(4), score: 1, comment: '<img src=x onerror=alert(1)>', createdAt: at(3), attributes: { plan: 'free' } }),
  response({ id: ID(5), surveyId: 'csat-checkout', kind: 'csat', score: 1, scale: [1, 5], comment: 'Slow', createdAt: at(2) }),
  response({ id: ID(6), score: 9, createdAt: at(1), locale: 'de', page: { url: 'http://shop.test/cart?step=2' } }),
];

beforeAll(async () => {
  api = await realApi();
  const res = await post(api.collector, { site: 'demo', responses: SEED });
  expect(res.status, await res.clone().text()).toBe(200);
}, 60_000);
afterAll(() => api?.close());
afterEach(cleanup);

const shown = () => [...document.querySelectorAll('ul.keyboard-list > li > a')].map((a) => a.getAttribute('href')!.split('/').pop());
const loaded = () => waitFor(() => expect(document.querySelector('.inbox[data-loaded]')).toBeTruthy());
async function open(path: string) {
  navigate(path);
  render(<ResponsesScreen site="demo" />);
  await loaded();
  await waitFor(() => expect(document.querySelector('.inbox[aria-busy=false]')).toBeTruthy());
  // The survey and assignee choices come from the API.
  await screen.findByRole('option', { name: 'nps-main' });
  await screen.findByRole('option', { name: 'editor' });
}

describe('the inbox list', () => {
  it('shows every answer newest first with its score, band, survey, version, channel, locale, page, status, assignee and notes', async () => {
    await api.as('viewer');
    await open('/studio/responses');
    expect(shown()).toEqual([ID(6), ID(5), ID(4), ID(3), ID(2), ID(1)]);
    const first = screen.getAllByRole('link', { name: /nps-main/ })[0]!;
    expect(first.textContent).toContain('9');
    expect(first.textContent).toContain('promoter');
    expect(first.textContent).toContain('New');
    expect(first.textContent).toContain('nps-main');
    expect(first.textContent).toContain(' · web · de · /cart?step=2 · unassigned');
    expect(screen.getByRole('list', { name: 'Answers, newest first (6)' })).toBeTruthy();
  });

  it('every filter goes into the URL by its API name, and the list is what the API answers for them', async () => {
    await api.as('viewer');
    await open('/studio/responses');
    const set = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    set('Band', 'detractor');
    set('Comment', 'true');
    fireEvent.submit(screen.getByRole('form', { name: 'Filters' }));
    await waitFor(() => expect(location.value).toBe('/studio/responses?site=demo&band=detractor&hasComment=true'));
    await waitFor(() => expect(shown()).toEqual([ID(4), ID(1)]));
    // All at once: each by its API name (the segment as attr.<name>), in the form's order.
    cleanup();
    await open('/studio/responses');
    const ana = (await api.collector.storage.users.byEmail('editor@shop.test'))!;
    for (const [label, value] of [
      ['Survey', 'nps-main'],
      ['Band', 'detractor'],
      ['Score at least', '0'],
      ['Score at most', '6'],
      ['Segment value', ' free '],
      ['From', '2026-01-01'],
      ['To', '2999-12-31'],
      ['Comment', 'false'],
      ['Status', 'new'],
      ['Assignee', ana.id],
      ['Tag', 'vip'],
      ['Words in the comment', 'slow checkout'],
    ]) {
      set(label!, value!);
    }
    fireEvent.submit(screen.getByRole('form', { name: 'Filters' }));
    await waitFor(() =>
      expect(location.value).toBe(
        `/studio/responses?site=demo&survey=nps-main&band=detractor&scoreMin=0&scoreMax=6&from=2026-01-01&to=2999-12-31&hasComment=false&status=new&assignee=${ana.id}&tag=vip&q=slow+checkout&attr.plan=free`,
      ),
    );
    // The API took every one (a refused parameter would be an alert): nothing matches them all.
    await screen.findByText('No answers match these filters.');
    expect(screen.queryByRole('alert')).toBeNull();
    // Each of the others, one at a time, on top of band and comment.
    const cases: Array<[string, string, string, string[]]> = [
      ['Survey', 'nps-main', 'survey=nps-main', [ID(4), ID(1)]],
      ['Score at least', '2', 'scoreMin=2', [ID(1)]],
      ['Score at most', '1', 'scoreMax=1', [ID(4)]],
      ['Segment value', 'free', 'attr.plan=free', [ID(4)]],
      ['Words in the comment', 'twice', 'q=twice', [ID(1)]],
      ['Status', 'open', 'status=open', [ID(4), ID(1)]],
      ['Status', 'closed', 'status=closed', []],
      ['Tag', 'vip', 'tag=vip', []],
      ['From', at(4).slice(0, 10), `from=${at(4).slice(0, 10)}`, [ID(4)]],
    ];
    for (const [label, value, param, want] of cases) {
      cleanup();
      await open('/studio/responses?site=demo&band=detractor&hasComment=true');
      set(label, value);
      fireEvent.submit(screen.getByRole('form', { name: 'Filters' }));
      const [name, value2] = param.split('=') as [string, string];
      await waitFor(() => expect(new URLSearchParams(location.value.split('?')[1]).get(name), param).toBe(value2));
      await waitFor(() => expect(document.querySelector('.inbox[aria-busy=false][data-loaded]')).toBeTruthy());
      // The date filter's day may hold more than the one answer when the seed spans midnight.
      if (label === 'From') expect(shown()).toEqual(expect.arrayContaining(want));
      else await waitFor(() => expect(shown(), param).toEqual(want));
      if (want.length === 0) expect(screen.getByText('No answers match these filters.')).toBeTruthy();
    }
  });

  it('a URL with filters (a reload, a shared link) fills the form and filters the list; "Clear the filters" shows all', async () => {
    await api.as('viewer');
    await open('/studio/responses?site=demo&survey=csat-checkout&band=unhappy&attr.plan=pro&q=slow&nonsense=1');
    expect((screen.getByLabelText('Survey') as HTMLSelectElement).value).toBe('csat-checkout');
    expect((screen.getByLabelText('Band') as HTMLSelectElement).value).toBe('unhappy');
    expect((screen.getByLabelText('Segment value') as HTMLInputElement).value).toBe('pro');
    expect((screen.getByLabelText('Words in the comment') as HTMLInputElement).value).toBe('slow');
    // attr.plan=pro: the CSAT answer has the fixture's plan pro.
    expect(shown()).toEqual([ID(5)]);
    fireEvent.click(screen.getByRole('link', { name: 'Clear the filters' }));
    await waitFor(() => expect(shown()).toHaveLength(6));
    expect(location.value).toBe('/studio/responses?site=demo');
  });

  it('the keyboard: one Tab stop, Down/j and Up/k move, End and Home jump, the position is said, Enter opens the answer', async () => {
    await api.as('viewer');
    await open('/studio/responses');
    const links = screen.getAllByRole('link', { name: /nps-main|csat-checkout/ });
    expect(links.map((a) => a.tabIndex)).toEqual([0, -1, -1, -1, -1, -1]);
    links[0]!.focus();
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(document.activeElement).toBe(links[2]);
    expect(screen.getByText('3 of 6')).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'k' });
    expect(document.activeElement).toBe(links[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(links[5]);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    // Enter on a link is its click.
    fireEvent.click(document.activeElement!);
    expect(location.value).toBe(`/studio/responses/demo/${ID(5)}`);
  });

  it('a comment with markup is shown as text', async () => {
    await api.as('viewer');
    await open('/studio/responses?site=demo&q=onerror');
    expect(document.querySelector('ul.keyboard-list img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
  });

  it('"Load more" pages by the cursor: every answer once, and focus goes to the first new one', async () => {
    const more = Array.from({ length: 30 }, (_, i) => response({ id: ID(100 + i), score: 7, comment: `page ${i}`, createdAt: at(10 + i / 10), attributes: { plan: 'paged' } }));
    expect((await post(api.collector, { site: 'demo', responses: more })).status).toBe(200);
    await api.as('viewer');
    await open('/studio/responses?site=demo&attr.plan=paged');
    expect(shown()).toHaveLength(25);
    expect(screen.getByRole('list', { name: 'Answers, newest first (25 loaded)' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(shown()).toHaveLength(30));
    expect(shown()).toEqual(more.map((r) => r.id));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByRole('list')).getAllByRole('link')[25]));
  });

  it('a preview answer (`test: true`) carries a "test" tag; a real one (`test: false`) none', async () => {
    await api.as('viewer');
    const { data } = await (await import('./api.js')).listResponses('demo', new URLSearchParams({ limit: '1' }));
    const item = data.responses[0]!;
    expect(item.test).toBe(false);
    const tags = () => [...document.querySelectorAll('.tag')].map((t) => t.textContent);
    render(<AnswerSummary r={item} people={[]} />);
    expect(tags()).toEqual([]);
    cleanup();
    render(<AnswerSummary r={{ ...item, test: true }} people={[]} />);
    expect(tags()).toEqual(['test']);
    cleanup();
    render(<AnswerSummary r={{ ...item, tags: ['vip'] }} people={[]} />);
    expect(tags()).toEqual(['vip']);
  });
});
