// @vitest-environment jsdom
// API tokens against a real collector: the role choice stops at one's own,
// a new token is shown once with a copy button and works as a Bearer with
// its role, the list never shows it again, revoking stops it.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SELF } from '../../../test-fixtures.js';
import { me } from '../../session.js';
import { realApi, type RealApi } from '../../test/real-api.js';
import { TokensScreen } from './Tokens.js';

let api: RealApi;
const copiedTexts: string[] = [];
beforeAll(async () => {
  api = await realApi();
  // jsdom has no clipboard; this one keeps what the button wrote.
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void copiedTexts.push(t) } });
}, 60_000);
afterAll(() => api?.close());
afterEach(cleanup);

const meAs = async (token: string) => (await api.collector.fetch(new Request(`${SELF}/v1/admin/me`, { headers: { authorization: `Bearer ${token}` } }))).json() as Promise<{ role?: string }>;
const status = async (token: string) => (await api.collector.fetch(new Request(`${SELF}/v1/admin/me`, { headers: { authorization: `Bearer ${token}` } }))).status;

describe('API tokens', () => {
  it.each([
    ['viewer', ['viewer']],
    ['editor', ['viewer', 'editor']],
    ['publisher', ['viewer', 'editor', 'publisher']],
    ['admin', ['viewer', 'editor', 'publisher', 'admin']],
  ] as const)('a %s may choose %j', async (role, offered) => {
    await api.as(role);
    render(<TokensScreen />);
    const select = await screen.findByLabelText(/^Role/);
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual(offered);
  });

  it('make a token: shown once, copied by the button, works with its role; the list does not show it; revoke stops it', async () => {
    await api.as('publisher');
    render(<TokensScreen />);
    fireEvent.input(await screen.findByLabelText('Name'), { target: { value: 'ci deploy' } });
    fireEvent.change(screen.getByLabelText(/^Role/), { target: { value: 'editor' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Make token' }).closest('form')!);
    const box = (await screen.findByLabelText('Token (editor)')) as HTMLInputElement;
    expect(box.value).toMatch(/^sayso_[A-Za-z0-9_-]{43}$/);
    expect(box.readOnly).toBe(true);
    expect(await meAs(box.value)).toMatchObject({ role: 'editor', email: 'publisher@shop.test' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy token' }));
    await screen.findByText('Copied.');
    expect(copiedTexts.at(-1)).toBe(box.value);
    // The list: name and role, never the secret.
    const row = (await screen.findByRole('rowheader', { name: 'ci deploy' })).closest('tr')!;
    expect(within(row).getByText('editor')).toBeTruthy();
    expect(document.querySelector('table')!.textContent).not.toContain(box.value.slice(6));
    const token = box.value;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke “ci deploy”' }));
    await screen.findByText('Revoked “ci deploy”.');
    // Gone from the screen (the shown-once box too) and refused by the API.
    expect(screen.queryByLabelText('Token (editor)')).toBeNull();
    await screen.findByText('You have no API tokens.');
    expect(await status(token)).toBe(401);
  });

  it('a name the API refuses says why (the path of the field)', async () => {
    await api.as('editor');
    render(<TokensScreen />);
    fireEvent.input(await screen.findByLabelText('Name'), { target: { value: '   ' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Make token' }).closest('form')!);
    await screen.findByText(/^name: /);
    expect(screen.queryByLabelText(/^Token \(/)).toBeNull();
  });

  it('signed in with a token, not an account: no form, and why', async () => {
    await api.as('editor');
    me.value = { ...me.value!, kind: 'token' };
    render(<TokensScreen />);
    expect(screen.getByText(/API tokens belong to a studio account/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Make token' })).toBeNull();
  });
});
