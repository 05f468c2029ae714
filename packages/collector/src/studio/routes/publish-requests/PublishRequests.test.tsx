// @vitest-environment jsdom
// The publisher's side of publish requests, against a real collector: the
// open requests with their diff against the live version; Approve publishes
// the draft as asked, Reject closes it; an editor sees why they cannot
// decide; a draft edited after the ask cannot be approved.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { realApi, type RealApi } from '../../test/real-api.js';
import { PublishRequestsScreen } from './PublishRequests.js';

let api: RealApi;
beforeAll(async () => {
  api = await realApi();
}, 60_000);
afterAll(() => api?.close());
afterEach(cleanup);

const s = () => api.collector.storage.surveys;
/** The editor edits nps-main's question and asks for a publish (through the real routes' storage). */
async function ask(question: string, note: string | null = null) {
  const r = (await s().get('demo', 'nps-main'))!;
  const edited = await s().update('demo', 'nps-main', r.rowVersion, { draft: { ...r.draft, question }, by: 'editor@shop.test' });
  if (typeof edited === 'string') throw new Error(edited);
  return s().requestPublish({ site: 'demo', surveyId: 'nps-main', draft: edited.draft, draftRowVersion: edited.rowVersion, note, requestedBy: 'editor@shop.test' });
}

beforeEach(async () => {
  // Close what an earlier test left open.
  for (const p of await s().openRequests('demo')) await s().decide(p.id, 'rejected', 'test');
});

describe('publish requests', () => {
  it('a publisher sees the request with its diff and approves it: the draft is published and the list empties', async () => {
    await ask('Would you recommend us to a friend?', 'for the spring campaign');
    await api.as('publisher');
    render(<PublishRequestsScreen site="demo" />);
    const section = await screen.findByRole('region', { name: 'nps-main' });
    expect(section.textContent).toContain('Asked by editor@shop.test');
    expect(section.textContent).toContain('for the spring campaign');
    // The diff against the live version: the question, and only it.
    const rows = [...section.querySelectorAll('table.diff tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toContainEqual(['question', expect.stringContaining('How likely'), '"Would you recommend us to a friend?"']);
    const before = (await s().get('demo', 'nps-main'))!.version;
    fireEvent.click(screen.getByRole('button', { name: 'Approve and publish nps-main' }));
    await screen.findByText(`Published nps-main as v${(before ?? 0) + 1}.`);
    const after = (await s().get('demo', 'nps-main'))!;
    expect(after.version).toBe((before ?? 0) + 1);
    expect(after.published?.question).toBe('Would you recommend us to a friend?');
    await screen.findByText('No open requests.');
    expect(await s().openRequests('demo')).toEqual([]);
  });

  it('reject sends the reason typed; nothing is published', async () => {
    const p = await ask('A question nobody approved');
    await api.as('publisher');
    render(<PublishRequestsScreen site="demo" />);
    fireEvent.input(await screen.findByLabelText('Reason for rejecting (optional)'), { target: { value: 'wrong tone' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reject nps-main' }));
    await screen.findByText('Rejected the request for nps-main.');
    expect((await s().getRequest(p.id))!.status).toBe('rejected');
    expect((await s().get('demo', 'nps-main'))!.published?.question).not.toBe('A question nobody approved');
    const logged = await api.collector.storage.activity.list({ site: 'demo', subject: { type: 'survey', id: 'nps-main' }, limit: 20 });
    expect(JSON.stringify(logged)).toContain('wrong tone');
  });

  it('an editor sees the request but no buttons, and why', async () => {
    await ask('Edited by the editor');
    await api.as('editor');
    render(<PublishRequestsScreen site="demo" />);
    await screen.findByRole('region', { name: 'nps-main' });
    expect(screen.getByText('Approving or rejecting needs the publisher role; you have editor.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Reject/ })).toBeNull();
  });

  it('an admin decides too (admin is above publisher); a viewer does not', async () => {
    await ask('Seen by an admin');
    await api.as('admin');
    const view = render(<PublishRequestsScreen site="demo" />);
    await screen.findByRole('button', { name: 'Approve and publish nps-main' });
    view.unmount();
    await api.as('viewer');
    render(<PublishRequestsScreen site="demo" />);
    await screen.findByRole('region', { name: 'nps-main' });
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(screen.getByText(/you have viewer\.$/)).toBeTruthy();
  });

  it('a draft edited after the ask: Approve is disabled with the reason, and the request stays open', async () => {
    const p = await ask('Asked for');
    await ask('Edited again since'); // a second ask of a newer draft; the first one is now stale
    await s().decide((await s().openRequests('demo')).find((q) => q.id !== p.id)!.id, 'rejected', 'test');
    await api.as('publisher');
    render(<PublishRequestsScreen site="demo" />);
    const approve = await screen.findByRole('button', { name: 'Approve and publish nps-main' });
    expect((approve as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById(approve.getAttribute('aria-describedby')!)!.textContent).toMatch(/edited after this was asked/);
    fireEvent.click(approve);
    expect((await s().getRequest(p.id))!.status).toBe('open');
  });
});
