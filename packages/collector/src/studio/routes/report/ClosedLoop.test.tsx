// @vitest-environment jsdom
// The report's closed-loop line from the real /closed-loop figures: the
// counts behind the share, the median time to close, and a link to the
// inbox filtered to the survey's open detractor (unhappy) answers.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { post, response } from '../../../test-fixtures.js';
import { admin, call } from '../../api/client.js';
import { realApi, type RealApi } from '../../test/real-api.js';
import { ClosedLoop, type ClosedLoopRow } from './ClosedLoop.js';

let api: RealApi;
const ID = (n: number) => `0192a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const hourAgo = new Date(Date.now() - 2 * 3600_000 - 10 * 60_000).toISOString();
// The range from the answers' day to today (which differ shortly after midnight).
const from = hourAgo.slice(0, 10);
const to = new Date().toISOString().slice(0, 10);
beforeAll(async () => {
  api = await realApi();
  const answers = [
    response({ id: ID(1), score: 1, comment: 'bad', createdAt: hourAgo }),
    response({ id: ID(2), score: 4, createdAt: hourAgo }),
    response({ id: ID(3), score: 6, createdAt: hourAgo }),
    response({ id: ID(4), score: 10, createdAt: hourAgo }),
    response({ id: ID(5), surveyId: 'csat-checkout', kind: 'csat', score: 5, scale: [1, 5], createdAt: hourAgo }),
  ];
  expect((await post(api.collector, { site: 'demo', responses: answers })).status).toBe(200);
  await api.as('editor');
  const { etag } = await call('GET', admin('sites', 'demo', 'responses', ID(1)));
  await call('PATCH', admin('sites', 'demo', 'responses', ID(1)), { body: { status: 'closed' }, ifMatch: etag });
}, 60_000);
afterAll(() => api?.close());
afterEach(cleanup);

const figures = async () => (await call<{ surveys: ClosedLoopRow[] }>('GET', `${admin('sites', 'demo', 'closed-loop')}?from=${from}&to=${to}`)).data.surveys;

describe('the closed loop in the report', () => {
  it('says how many of the detractor answers are closed, the share and the median time, and links to the open ones', async () => {
    const rows = await figures();
    const nps = rows.find((r) => r.surveyId === 'nps-main');
    render(<ClosedLoop site="demo" surveyId="nps-main" kind="nps" from={from} to={to} row={nps} />);
    expect(document.querySelector('.closed-loop p')!.textContent).toBe('1 of 3 detractor answers closed (33 %), median 2 h 10 min to close. The 2 still open, in the inbox');
    const link = screen.getByRole('link', { name: 'The 2 still open, in the inbox' });
    expect(link.getAttribute('href')).toBe(`/studio/responses?site=demo&survey=nps-main&band=detractor&status=open&from=${from}&to=${to}`);
    // The link's filters give exactly those two in the inbox.
    const q = new URLSearchParams(link.getAttribute('href')!.split('?')[1]);
    q.delete('site');
    const { data } = await call<{ responses: Array<{ id: string }> }>('GET', `${admin('sites', 'demo', 'responses')}?${q}`);
    expect(data.responses.map((r) => r.id).sort()).toEqual([ID(2), ID(3)]);
  });

  it('a CSAT without unhappy answers says so, with no link; CSAT speaks of unhappy answers', async () => {
    const rows = await figures();
    expect(rows.find((r) => r.surveyId === 'csat-checkout')).toBeUndefined();
    render(<ClosedLoop site="demo" surveyId="csat-checkout" kind="csat" from={from} to={to} row={undefined} />);
    expect(document.querySelector('.closed-loop p')!.textContent).toBe('No unhappy answers in this range. ');
    expect(screen.queryByRole('link')).toBeNull();
    cleanup();
    render(<ClosedLoop site="demo" surveyId="csat-checkout" kind="csat" from={from} to={to} row={{ surveyId: 'csat-checkout', kind: 'csat', detractors: 4, closed: 4, closedShare: 1, medianSecondsToClose: 45 }} />);
    expect(document.querySelector('.closed-loop p')!.textContent).toBe('4 of 4 unhappy answers closed (100 %), median 45 s to close. ');
  });
});
