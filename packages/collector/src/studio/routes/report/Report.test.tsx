// @vitest-environment jsdom
// The studio's report against a real collector (answers stored through the
// real ingest, read back through the real /v1/scores, /v1/comments and
// /v1/insights): what the old /report page showed, card by card, as text;
// the filters (survey, from, to, interval, segment) reaching the API; the
// exports carrying them; a link's site and survey (what /report redirects
// to); a busy collector said in the card; an ended session signing out.
// The charts are uPlot on a canvas, which jsdom has not: a card says so
// instead of failing (Chromium draws them in test/browser/collector-report.spec.ts).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { post, response } from '../../../test-fixtures.js';
import { admin, call, signedOut } from '../../api/client.js';
import { navigate } from '../../router.js';
import { loadSites, siteId } from '../../session.js';
import { realApi, type RealApi } from '../../test/real-api.js';
import { ReportScreen } from './Report.js';

let api: RealApi;
const DAY = 86400_000;
const ID = (n: number) => `0192a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY - 3600_000).toISOString();
const day = (d: number) => daysAgo(d).slice(0, 10);

// NPS: 3 promoters, 1 passive, 2 detractors (NPS 16.7); one answer 40 days back; CSAT: 2 happy of 3.
const SEED = [
  response({ id: ID(1), score: 10, comment: 'Fast delivery', createdAt: daysAgo(1), attributes: { plan: 'pro' } }),
  response({ id: ID(2), score: 9, createdAt: daysAgo(2), attributes: { plan: 'pro' } }),
  response({ id: ID(3), score: 9, comment: '<b>bold?</b> "quotes" & ampersands stay text', createdAt: daysAgo(2), attributes: { plan: 'free' } }),
  response({ id: ID(4), score: 7, createdAt: daysAgo(3), attributes: { plan: 'free' } }),
  response({ id: ID(5), score: 2, comment: 'Checkout broke', createdAt: daysAgo(3), attributes: { plan: 'free' } }),
  response({ id: ID(6), score: 0, createdAt: daysAgo(40), attributes: { plan: 'pro' } }),
  response({ id: ID(7), surveyId: 'csat-checkout', kind: 'csat', score: 5, scale: [1, 5], createdAt: daysAgo(1) }),
  response({ id: ID(8), surveyId: 'csat-checkout', kind: 'csat', score: 4, scale: [1, 5], createdAt: daysAgo(1) }),
  response({ id: ID(9), surveyId: 'csat-checkout', kind: 'csat', score: 2, scale: [1, 5], comment: 'Slow', createdAt: daysAgo(2) }),
];

beforeAll(async () => {
  api = await realApi();
  const res = await post(api.collector, { site: 'demo', responses: SEED });
  expect(res.status, await res.clone().text()).toBe(200);
}, 60_000);
afterAll(() => api?.close());
afterEach(() => {
  cleanup();
  api.reset();
});

const card = (survey: string) => document.querySelector<HTMLElement>(`section.survey[data-survey="${survey}"]`);
const loaded = () => waitFor(() => expect(document.querySelector('.stack[data-loaded]')).toBeTruthy());
async function open(path = '/studio/report') {
  navigate(path);
  render(<ReportScreen site="demo" />);
  await loaded();
}
/** Applies the filters with the form's own button. */
const apply = () => fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

describe('the report', () => {
  it('a card per survey: score with its interval, n, band split, comments as text, the charts said when they cannot be drawn', async () => {
    await api.as('viewer');
    await open();
    const nps = await waitFor(() => card('nps-main')!);
    expect(within(nps).getByRole('heading', { level: 2 }).textContent).toBe('NPS · nps-main');
    // The default range is the last 90 days: all six NPS answers, 3 promoters and 2 detractors of 6.
    expect(nps.querySelector('.big')!.textContent).toBe('16.7');
    expect(nps.querySelector('.head .muted')!.textContent).toMatch(/^95 % interval -?\d+\.\d – -?\d+\.\d · n = 6$/);
    const bands = within(nps).getByRole('table', { name: 'Band split' });
    const row = (band: string) => [...bands.querySelectorAll(`tr[data-band="${band}"] td`)].map((td) => td.textContent);
    expect(row('promoter').slice(0, 2)).toEqual(['3', '50 %']);
    expect(row('passive').slice(0, 2)).toEqual(['1', '17 %']);
    expect(row('detractor').slice(0, 2)).toEqual(['2', '33 %']);
    expect(card('csat-checkout')!.querySelector('h2')!.textContent).toBe('CSAT % · csat-checkout');
    expect(card('csat-checkout')!.querySelector('.big')!.textContent).toBe('66.7');
    // Comments, newest first, as text: the markup made no element.
    const comments = within(nps).getByRole('list', { name: 'Latest comments: nps-main' });
    await waitFor(() => expect(comments.querySelectorAll('li strong')).toHaveLength(3));
    expect([...comments.querySelectorAll('li')].map((li) => li.firstChild!.textContent!.trim())).toEqual(['10', '9', '2']);
    expect(comments.textContent).toContain('<b>bold?</b> "quotes" & ampersands stay text');
    expect(document.querySelector('ul.comments b')).toBeNull();
    // jsdom has no canvas: each chart says so, the rest of the card stands.
    await waitFor(() => expect(within(nps).getAllByText('This chart could not be drawn in this browser.')).toHaveLength(2));
    // The insights section loads itself from /v1/insights.
    await waitFor(() => expect(nps.querySelector('section.insights')!.textContent).not.toContain('Loading insights…'));
    expect(nps.querySelector('section.insights .error')).toBeNull();
  });

  it('the filters reach the API: from and to narrow the answers, a segment adds its table, the exports carry the range', async () => {
    await api.as('viewer');
    await open();
    await waitFor(() => expect(card('nps-main')!.querySelector('.head .muted')!.textContent).toContain('n = 6'));
    fireEvent.input(screen.getByLabelText('From'), { target: { value: day(10) } });
    fireEvent.input(screen.getByLabelText('To'), { target: { value: day(0) } });
    fireEvent.change(screen.getByLabelText('By'), { target: { value: 'day' } });
    fireEvent.change(screen.getByLabelText('Segment'), { target: { value: 'plan' } });
    apply();
    // The answer of 40 days back is outside: 5 answers, by plan.
    await waitFor(() => expect(card('nps-main')!.querySelector('.head .muted')!.textContent).toContain('n = 5'));
    const segments = within(card('nps-main')!).getByRole('table', { name: 'By plan' });
    expect([...segments.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent])).toEqual(
      expect.arrayContaining([
        ['free', '3'],
        ['pro', '2'],
      ]),
    );
    const csv = screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')!;
    const q = new URLSearchParams(csv.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({ site: 'demo', from: day(10), to: day(0), format: 'csv' });
    // The link downloads the same answers (the viewer's cookie authorises it).
    const rows = (await (await fetch(csv)).text()).trim().split('\r\n');
    expect(rows[0]).toContain('"id","surveyId"');
    expect(rows).toHaveLength(1 + 5 + 3);
    expect(screen.getByRole('link', { name: 'Export NDJSON' }).getAttribute('href')).toBe(csv.replace('format=csv', 'format=ndjson'));
  });

  it("a link's survey shows that survey alone; 'all surveys' shows them all again", async () => {
    await api.as('viewer');
    await open('/studio/report?survey=csat-checkout');
    await waitFor(() => expect(card('csat-checkout')).toBeTruthy());
    expect(card('nps-main')).toBeNull();
    const select = screen.getByLabelText('Survey') as HTMLSelectElement;
    expect(select.value).toBe('csat-checkout');
    await screen.findByRole('option', { name: 'nps-main' });
    expect(new URLSearchParams(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')!.split('?')[1]).get('survey')).toBe('csat-checkout');
    fireEvent.change(select, { target: { value: '' } });
    apply();
    await waitFor(() => expect(card('nps-main')).toBeTruthy());
    expect(card('csat-checkout')).toBeTruthy();
  });

  it("a link's site is chosen when this account sees it, and ignored when it does not", async () => {
    await api.as('admin');
    const made = await call('POST', admin('sites'), { body: { id: 'second', name: 'Second', origins: ['https://second.test'] } });
    expect(made.data).toMatchObject({ id: 'second' });
    await loadSites();
    siteId.value = 'demo';
    navigate('/studio/report?site=second');
    render(<ReportScreen site="demo" />);
    await waitFor(() => expect(siteId.value).toBe('second'));
    cleanup();
    siteId.value = 'demo';
    await open('/studio/report?site=nowhere');
    expect(siteId.value).toBe('demo');
    expect(card('nps-main')).toBeTruthy();
  });

  it("a busy collector (the read gate's 503) is said in the card, after a few tries, not thrown", async () => {
    await api.as('viewer');
    let tries = 0;
    // The read gate's own answer, as a crowd of reads gets it: the collector cannot be driven there on cue.
    const busy = () => {
      tries++;
      return HttpResponse.json({ error: 'busy: too many reads at once, retry shortly' }, { status: 503, headers: { 'Retry-After': '1' } });
    };
    api.use(http.get('*/v1/comments', busy), http.get('*/v1/insights', busy));
    await open('/studio/report?survey=nps-main');
    const nps = await waitFor(() => card('nps-main')!);
    await waitFor(() => expect(nps.querySelector('ul.comments li.error')?.textContent).toBe('Could not load comments: the collector is busy; reload in a moment'), { timeout: 15_000 });
    await waitFor(() => expect(nps.querySelector('section.insights p.error')?.textContent).toBe('Could not load insights (the collector is busy; reload in a moment).'), { timeout: 15_000 });
    // The first read and five more, for each of the two.
    expect(tries).toBe(12);
  }, 30_000);

  it('a session that ended signs the studio out (the reading API answers 401)', async () => {
    await api.as('publisher');
    await call('DELETE', admin('session'));
    // A 401 of a route that is not behind the sign-in (a visitor's history without its signature) is no sign-out.
    signedOut.value = false;
    await expect(call('GET', '/v1/sites/demo/users/u-1/history')).rejects.toMatchObject({ status: 401 });
    expect(signedOut.value).toBe(false);
    for (const path of ['/v1/scores', '/v1/comments', '/v1/insights']) {
      signedOut.value = false;
      await expect(call('GET', path)).rejects.toMatchObject({ status: 401 });
      expect({ path, signedOut: signedOut.value }).toEqual({ path, signedOut: true });
    }
    signedOut.value = false;
    render(<ReportScreen site="demo" />);
    await screen.findByRole('alert');
    expect(screen.getByRole('alert').textContent).toMatch(/^Could not load scores: .*sign in/);
    expect(signedOut.value).toBe(true);
  });
});
