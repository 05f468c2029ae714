// @vitest-environment jsdom
// The Webhooks screen against a real collector whose dispatcher sends to a
// real HTTP receiver on loopback (allowed by configuration, as the webhook
// tests do): an endpoint made with every field, errors beside their fields
// from the API's paths, the secret once, a test event that arrives signed
// and shows in the log, replay with the same webhook-id, a failing
// receiver's attempts, replay of the failed, rotation, delete; the frame's
// notice of an endpoint the dispatcher disabled.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, SELF } from '../../../test-fixtures.js';
import { startReceiver, type Receiver } from '../../../webhooks/test-receiver.js';
import { location, match, navigate } from '../../router.js';
import { siteId } from '../../session.js';
import { realApi, type RealApi } from '../../test/real-api.js';
import { DisabledWebhooksNotice } from './notice.js';
import { WebhooksScreen } from './Webhooks.js';

let api: RealApi;
const receivers: Receiver[] = [];
const copiedTexts: string[] = [];
beforeAll(async () => {
  api = await realApi({ config: { webhooks: { allowedNetworks: ['127.0.0.1/32'], retryScale: 0.00001, pollMs: 30 } } });
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copiedTexts.push(t) } });
}, 60_000);
afterAll(async () => {
  for (const r of receivers) await r.close();
  await api?.close();
});
afterEach(() => {
  cleanup();
  navigate('/studio/webhooks');
});

const LONG = { timeout: 15_000 };
async function receiver() {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}
/** The screen as App.tsx routes it: the list, or one endpoint by the location. */
function Routed() {
  const m = match('/studio/webhooks/:id', location.value.split('?')[0]!);
  return <WebhooksScreen site="demo" id={m?.id} pollMs={100} />;
}
const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
  api.collector.fetch(
    new Request(`${SELF}/v1/admin/sites/demo/webhooks${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    }),
  );
const idInPath = () => location.value.split('/').pop()!;
const input = (label: string | RegExp, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

/** Adds an endpoint through the form (only a URL and the default event type) and lands on its page. */
async function addEndpoint(url: string) {
  await api.as('admin');
  render(<Routed />);
  input('URL', url);
  fireEvent.submit(screen.getByRole('button', { name: 'Add endpoint' }).closest('form')!);
  const secret = ((await screen.findByLabelText('Signing secret', {}, LONG)) as HTMLInputElement).value;
  return { id: idInPath(), secret };
}

describe('the Webhooks screen', () => {
  it('is for admins: others read why, and no form', async () => {
    for (const role of ['viewer', 'editor', 'publisher'] as const) {
      await api.as(role);
      render(<Routed />);
      expect(screen.getByText(/Webhooks are managed by admins/)).toBeTruthy();
      expect(screen.queryByRole('button', { name: 'Add endpoint' })).toBeNull();
      cleanup();
    }
  });

  it('adds an endpoint with every field; the secret is shown once with a copy button; the list shows it without the secret', async () => {
    const r = await receiver();
    await api.as('admin');
    render(<Routed />);
    input('URL', `${r.url}/crm`);
    const types = screen.getByRole('group', { name: 'Event types' });
    fireEvent.click(within(types).getByLabelText('response.closed'));
    fireEvent.click(within(types).getByLabelText('alert.triggered'));
    input(/^Surveys/, 'nps-main, csat-checkout');
    fireEvent.click(within(screen.getByRole('group', { name: 'Bands' })).getByLabelText('detractor'));
    input('Score at least', '0');
    input('Score at most', '6');
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'yes' } });
    input(/^Attribute$/, 'plan');
    input('Attribute value', 'pro');
    input('Description', 'CRM <b>tickets</b>');
    fireEvent.submit(screen.getByRole('button', { name: 'Add endpoint' }).closest('form')!);
    const box = (await screen.findByLabelText('Signing secret', {}, LONG)) as HTMLInputElement;
    expect(box.value).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
    expect(box.readOnly).toBe(true);
    expect(screen.getByText(/Standard Webhooks specification/).textContent).toContain('whsec_…');
    fireEvent.click(screen.getByRole('button', { name: 'Copy secret' }));
    await screen.findByText('Copied.');
    expect(copiedTexts.at(-1)).toBe(box.value);
    const id = idInPath();
    const { endpoint } = (await (await admin(`/${id}`)).json()) as { endpoint: Record<string, unknown> };
    expect(endpoint).toMatchObject({
      url: `${r.url}/crm`,
      eventTypes: ['response.created', 'response.closed', 'alert.triggered'],
      description: 'CRM <b>tickets</b>',
      filters: { surveys: ['nps-main', 'csat-checkout'], bands: ['detractor'], scoreAtLeast: 0, scoreAtMost: 6, hasComment: true, attribute: { key: 'plan', value: 'pro' } },
      enabled: true,
    });
    // Back to the list: the row says it all, the secret is gone for good.
    fireEvent.click(screen.getByRole('link', { name: 'All webhook endpoints' }));
    const row = (await screen.findByRole('link', { name: `${r.url}/crm` }, LONG)).closest('tr')!;
    expect(within(row).getByText('CRM <b>tickets</b>')).toBeTruthy();
    expect(row.querySelector('b')).toBeNull();
    expect(row.textContent).toContain('response.created, response.closed, alert.triggered');
    expect(row.textContent).toContain('surveys nps-main, csat-checkout; detractor; score at least 0; score at most 6; with a comment; plan is “pro”');
    expect(row.textContent).toContain('Enabled.');
    await waitFor(() => expect(row.textContent).toContain('none yet'));
    expect(document.body.textContent).not.toContain(box.value.slice(6));
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
  });

  it('puts the API’s error beside the field of its path, marks it invalid and focuses it', async () => {
    await api.as('admin');
    render(<Routed />);
    const submit = () => fireEvent.submit(screen.getByRole('button', { name: 'Add endpoint' }).closest('form')!);
    const url = screen.getByLabelText('URL');
    input('URL', 'ftp://example.com/x');
    submit();
    await screen.findByText('must be an http: or https: URL', {}, LONG);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(url.getAttribute('aria-describedby')).toContain('new-url-error');
    expect(document.activeElement).toBe(url);
    // The address guard's refusal is the URL's error too (only 127.0.0.1 is allowed here).
    input('URL', 'http://10.0.0.1/hook');
    submit();
    await screen.findByText(/10\.0\.0\.1/, {}, LONG);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    input('URL', 'http://127.0.0.1:9/hook');
    fireEvent.click(within(screen.getByRole('group', { name: 'Event types' })).getByLabelText('response.created'));
    submit();
    const types = screen.getByRole('group', { name: 'Event types' });
    await within(types).findByText(/must be a non-empty array/, {}, LONG);
    expect(url.getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(types);
    fireEvent.click(within(types).getByLabelText('response.created'));
    input('Score at least', '7');
    input('Score at most', '6');
    submit();
    await screen.findByText('must not be below filters.scoreAtLeast', {}, LONG);
    expect(screen.getByLabelText('Score at most').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Score at least').getAttribute('aria-invalid')).toBeNull();
    input('Score at least', '');
    input('Attribute value', 'pro');
    submit();
    await screen.findByText('must not be empty', {}, LONG);
    expect(screen.getByLabelText(/^Attribute$/).getAttribute('aria-invalid')).toBe('true');
    expect(location.value).toBe('/studio/webhooks');
  });

  it('send test event: it arrives signed with the shown secret, the log shows it delivered with its attempt as text; replay sends the same webhook-id', async () => {
    const r = await receiver();
    r.answer(() => ({ status: 200, body: '<b>x</b> thanks' }));
    const { id, secret } = await addEndpoint(`${r.url}/ok`);
    expect(await screen.findByText('No deliveries yet. Send a test event to see one.', {}, LONG)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send test event' }));
    await screen.findByText(/Sent a test event/, {}, LONG);
    await r.waitFor(1);
    const got = r.received[0]!;
    const verified = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { type: string };
    expect(verified.type).toBe('webhook.test');
    // The log polls: the attempt shows without a click.
    const item = await waitFor(() => {
      const li = document.querySelector<HTMLElement>('ol.deliveries li')!;
      expect(li.textContent).toContain('delivered');
      return li;
    }, LONG);
    expect(item.textContent).toContain('webhook.test');
    expect(item.textContent).toContain(String(got.headers['webhook-id']));
    const cells = within(item).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['1', expect.any(String), 'HTTP 200', expect.stringMatching(/^\d+ ms$/), '<b>x</b> thanks']);
    expect(item.querySelector('b')).toBeNull();

    fireEvent.click(within(item).getByRole('button', { name: 'Replay' }));
    await screen.findByText(/^Queued webhook\.test again/, {}, LONG);
    await r.waitFor(2);
    expect(r.received[1]!.headers['webhook-id']).toBe(got.headers['webhook-id']);
    new Webhook(secret).verify(r.received[1]!.body, r.received[1]!.headers as Record<string, string>);
    await waitFor(() => expect(within(document.querySelector<HTMLElement>('ol.deliveries li')!).getAllByRole('row')).toHaveLength(3), LONG);
    expect(r.received).toHaveLength(2);
    await admin(`/${id}`, { method: 'DELETE' });
  });

  it('a failing receiver: every attempt shows its 500; replaying the failed since a day says how many were queued', async () => {
    const r = await receiver();
    r.answer(() => ({ status: 500, body: 'down for <i>maintenance</i>' }));
    const { id } = await addEndpoint(`${r.url}/down`);
    fireEvent.click(await screen.findByRole('button', { name: 'Send test event' }, LONG));
    const item = await waitFor(() => {
      const li = document.querySelector<HTMLElement>('ol.deliveries li')!;
      expect(li.querySelector('.status')!.textContent).toBe('failed');
      return li;
    }, LONG);
    const rows = within(item).getAllByRole('row').slice(1);
    expect(rows.length).toBe(r.received.length);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row.textContent).toContain('HTTP 500');
    expect(rows[0]!.textContent).toContain('down for <i>maintenance</i>');
    expect(item.querySelector('i')).toBeNull();
    // Since tomorrow: none; since today: this one.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    fireEvent.input(screen.getByLabelText('Failed since (UTC day)'), { target: { value: tomorrow } });
    fireEvent.click(screen.getByRole('button', { name: 'Replay every failed delivery since this day' }));
    expect(screen.getByRole('group', { name: `Send again every failed delivery created since ${tomorrow}?` })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Replay them' }));
    await screen.findByText('Queued 0 failed deliveries again.', {}, LONG);
    r.answer(() => ({ status: 204 }));
    const before = r.received.length;
    fireEvent.input(screen.getByLabelText('Failed since (UTC day)'), { target: { value: new Date().toISOString().slice(0, 10) } });
    fireEvent.click(screen.getByRole('button', { name: 'Replay every failed delivery since this day' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replay them' }));
    await screen.findByText('Queued 1 failed delivery again.', {}, LONG);
    await r.waitFor(before + 1);
    await waitFor(() => expect(document.querySelector('ol.deliveries li .status')!.textContent).toBe('delivered'), LONG);
    await admin(`/${id}`, { method: 'DELETE' });
  });

  it('a 410 while the page is open: the state says disabled and why, the delivery waits for the endpoint', async () => {
    const r = await receiver();
    r.answer(() => ({ status: 410, body: 'gone' }));
    const { id } = await addEndpoint(`${r.url}/gone-now`);
    expect(screen.getByText('Enabled.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send test event' }));
    await screen.findByText(/^Disabled on .+: the endpoint answered 410 Gone\.$/, {}, LONG);
    await waitFor(() => expect(document.querySelector('ol.deliveries li .status')!.textContent).toBe('waiting until the endpoint is enabled'), LONG);
    expect(within(document.querySelector<HTMLElement>('ol.deliveries li')!).getByRole('cell', { name: 'HTTP 410' })).toBeTruthy();
    await admin(`/${id}`, { method: 'DELETE' });
  });

  it('rotate the secret: the new one is shown once and signs the next delivery; the old one stops when told to', async () => {
    const r = await receiver();
    const { secret: old } = await addEndpoint(`${r.url}/rotate`);
    fireEvent.change(screen.getByLabelText('The old secret keeps signing'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rotate the secret' }));
    await screen.findByText('The new signing secret', {}, LONG);
    const fresh = (screen.getByLabelText('Signing secret') as HTMLInputElement).value;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(old);
    fireEvent.click(screen.getByRole('button', { name: 'Send test event' }));
    await r.waitFor(1);
    const got = r.received[0]!;
    new Webhook(fresh).verify(got.body, got.headers as Record<string, string>);
    expect(() => new Webhook(old).verify(got.body, got.headers as Record<string, string>)).toThrow();
  });

  it('change and delete: disabling says why; delete asks first, then the endpoint is gone', async () => {
    const r = await receiver();
    const { id } = await addEndpoint(`${r.url}/edit`);
    fireEvent.click(screen.getByLabelText(/^Enabled/));
    input('Description', 'paused for the migration');
    fireEvent.submit(screen.getByRole('button', { name: 'Save changes' }).closest('form')!);
    await screen.findByText('Saved.', {}, LONG);
    expect(await screen.findByText(/^Disabled on .+: disabled by an admin\.$/)).toBeTruthy();
    expect(((await (await admin(`/${id}`)).json()) as { endpoint: { enabled: boolean; description: string } }).endpoint).toMatchObject({ enabled: false, description: 'paused for the migration' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete endpoint' }));
    expect((await admin(`/${id}`)).status).toBe(200);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete endpoint' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete for good' }));
    await waitFor(() => expect(location.value).toBe('/studio/webhooks'), LONG);
    expect((await admin(`/${id}`)).status).toBe(404);
  });
});

describe('the notice of a disabled endpoint', () => {
  it('an endpoint disabled by a 410 is named with when and why, to admins only, until it is enabled again', async () => {
    const r = await receiver();
    r.answer(() => ({ status: 410 }));
    siteId.value = 'demo';
    const { id } = await addEndpoint(`${r.url}/gone`);
    cleanup();
    await admin(`/${id}/test`, { method: 'POST' });
    await r.waitFor(1);
    await waitFor(async () => expect(((await (await admin(`/${id}`)).json()) as { endpoint: { needsAttention: boolean } }).endpoint.needsAttention).toBe(true), LONG);
    render(<DisabledWebhooksNotice />);
    const notice = await screen.findByRole('region', { name: 'Disabled webhook endpoints' }, LONG);
    expect(notice.textContent).toMatch(new RegExp(`^Webhook endpoint ${r.url}/gone was disabled on .+: the endpoint answered 410 Gone\\. Open webhooks$`));
    expect(within(notice).getByRole('link', { name: 'Open webhooks' }).getAttribute('href')).toBe(`/studio/webhooks/${id}`);
    cleanup();
    // A viewer cannot act on it (nor read the list): no notice.
    await api.as('viewer');
    render(<DisabledWebhooksNotice />);
    await new Promise((done) => setTimeout(done, 300));
    expect(screen.queryByRole('region', { name: 'Disabled webhook endpoints' })).toBeNull();
    cleanup();
    // The receiver is back, the endpoint enabled again in the screen: the notice goes at once.
    r.answer(() => ({ status: 200 }));
    await api.as('admin');
    navigate(`/studio/webhooks/${id}`);
    render(
      <>
        <DisabledWebhooksNotice />
        <Routed />
      </>,
    );
    await screen.findByRole('region', { name: 'Disabled webhook endpoints' }, LONG);
    fireEvent.click(await screen.findByLabelText(/^Enabled/, {}, LONG));
    fireEvent.submit(screen.getByRole('button', { name: 'Save changes' }).closest('form')!);
    await screen.findByText('Saved.', {}, LONG);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Disabled webhook endpoints' })).toBeNull(), LONG);
    await admin(`/${id}`, { method: 'DELETE' });
  });
});
