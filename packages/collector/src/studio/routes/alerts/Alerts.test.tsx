// @vitest-environment jsdom
// The Alerts screen against a real collector (its Slack a real HTTP receiver
// on loopback, its SMTP a real server, both allowed by the test's config):
// a publisher adds rules of each type, a refusal shows beside its field,
// edits and deletes with If-Match, sets Slack and sends a test alert; a
// viewer reads without the forms and opts in to email for herself.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpReceiver, smtpReceiver, type HttpReceiver, type SmtpReceiver } from '../../../alerts/test-receivers.js';
import { realApi, type RealApi } from '../../test/real-api.js';
import { AlertsScreen } from './Alerts.js';

let api: RealApi;
let slack: HttpReceiver;
let smtp: SmtpReceiver;
beforeAll(async () => {
  slack = await httpReceiver();
  smtp = await smtpReceiver();
  api = await realApi({ config: { allowPrivateDestinations: true, smtp: { host: '127.0.0.1', port: smtp.port, from: 'sayso <alerts@example.com>' } } });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await slack?.close();
  await smtp?.close();
});
afterEach(cleanup);

const rules = () => api.collector.storage.alerts.listRules('demo');
const input = (label: string | RegExp, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const submit = (name: string) => fireEvent.submit(screen.getByRole('button', { name }).closest('form')!);

describe('Alerts', () => {
  it('a publisher adds a detractor rule and a drop rule; a bad field is named beside it and takes focus', async () => {
    await api.as('publisher');
    render(<AlertsScreen site="demo" />);
    await screen.findByText('No rules yet: nothing is watched on this site.');
    const form = screen.getByRole('form', { name: 'New rule' });
    await within(form).findByRole('option', { name: 'nps-main' });
    input('Name', 'unhappy');
    fireEvent.change(within(form).getByLabelText('Survey'), { target: { value: 'nps-main' } });
    fireEvent.click(within(form).getByLabelText('Only answers with a comment'));
    submit('Add rule');
    await screen.findByText('Added “unhappy”.');
    expect(await rules()).toMatchObject([{ type: 'detractor', id: 'unhappy', survey: 'nps-main', withComment: true, updatedBy: 'publisher@shop.test' }]);
    const row = (await screen.findByRole('rowheader', { name: 'unhappy' })).closest('tr')!;
    expect(row.textContent).toContain('Each detractor answer of nps-main with a comment, as it arrives.');

    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'drop' } });
    input('Name', 'nps-drop');
    fireEvent.change(within(form).getByLabelText('Survey'), { target: { value: 'nps-main' } });
    input('Confidence level', '1');
    submit('Add rule');
    const level = screen.getByLabelText('Confidence level');
    await waitFor(() => expect(level.getAttribute('aria-invalid')).toBe('true'));
    const said = document.getElementById(level.getAttribute('aria-describedby')!.split(' ').pop()!)!;
    expect(said.textContent).toBe('must be a number between 0 and 1 (0.95)');
    expect(document.activeElement).toBe(level);
    expect((await rules()).map((r) => r.id)).toEqual(['unhappy']);
    input('Confidence level', '0.99');
    input('Minimum answers', '20');
    submit('Add rule');
    await screen.findByText('Added “nps-drop”.');
    expect((await rules())[1]).toMatchObject({ type: 'drop', level: 0.99, minAnswers: 20, recentDays: 7, cooldownDays: 7 });
  });

  it('edits a rule with If-Match (a change made meanwhile is refused and shown), and deletes one after asking', async () => {
    await api.as('admin');
    render(<AlertsScreen site="demo" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit “nps-drop”' }));
    const form = await screen.findByRole('form', { name: 'Change “nps-drop”' });
    expect((within(form).getByLabelText('Minimum answers') as HTMLInputElement).value).toBe('20');
    // Someone else changes it first.
    const current = (await api.collector.storage.alerts.getRule('demo', 'nps-drop'))!;
    await api.collector.storage.alerts.updateRule('demo', { type: 'drop', id: 'nps-drop', survey: 'nps-main', recentDays: 7, baselineDays: 28, level: 0.99, minPoints: 9, minAnswers: 20, cooldownDays: 7 }, current.rowVersion, 'bo');
    fireEvent.input(within(form).getByLabelText('Minimum answers'), { target: { value: '25' } });
    fireEvent.submit(form);
    await screen.findByText('“nps-drop” was changed meanwhile: the form now shows the current copy; make your change again.');
    // The form comes back with their copy.
    const changing = () => screen.getByRole('form', { name: 'Change “nps-drop”' });
    await waitFor(() => expect((within(changing()).getByLabelText('Minimum drop, points') as HTMLInputElement).value).toBe('9'));
    const fresh = changing();
    fireEvent.input(within(fresh).getByLabelText('Minimum answers'), { target: { value: '25' } });
    fireEvent.submit(fresh);
    await screen.findByText('Saved “nps-drop”.');
    expect(await api.collector.storage.alerts.getRule('demo', 'nps-drop')).toMatchObject({ minPoints: 9, minAnswers: 25, level: 0.99 });

    fireEvent.click(screen.getByRole('button', { name: 'Delete “unhappy”' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete “unhappy”' }));
    await screen.findByText('Deleted “unhappy”.');
    expect((await rules()).map((r) => r.id)).toEqual(['nps-drop']);
  });

  it('sets the Slack URL (a bad one said beside the field) and sends a test alert: what each destination said', async () => {
    await api.as('publisher');
    render(<AlertsScreen site="demo" />);
    const url = await screen.findByLabelText('Slack incoming-webhook URL');
    fireEvent.input(url, { target: { value: 'hooks.slack.com/no-scheme' } });
    submit('Save Slack URL');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/is not a URL/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Slack incoming-webhook URL'), { target: { value: slack.url } });
    submit('Save Slack URL');
    await screen.findByText('Slack URL saved.');
    fireEvent.click(screen.getByRole('button', { name: 'Send test alert' }));
    await screen.findByText('Slack: sent');
    expect(slack.requests).toHaveLength(1);
    slack.status = 500;
    fireEvent.click(screen.getByRole('button', { name: 'Send test alert' }));
    await screen.findByText('Slack: failed: Slack answered 500: invalid_payload');
    slack.status = 200;
  });

  it('a viewer reads the rules without forms, and opts in to email for herself', async () => {
    await api.as('viewer');
    render(<AlertsScreen site="demo" />);
    await screen.findByRole('rowheader', { name: 'nps-drop' });
    expect(screen.queryByRole('form', { name: 'New rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.getByText('Slack: set.')).toBeTruthy();
    const box = (await screen.findByLabelText('Email me alerts for this site')) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await screen.findByText('Alerts and digests of this site will be emailed to viewer@shop.test.');
    const viewer = (await api.collector.storage.users.list()).find((u) => u.email === 'viewer@shop.test')!;
    expect(await api.collector.storage.alerts.optIns(viewer.id)).toEqual(['demo']);
    expect(await api.collector.storage.alerts.recipients('demo')).toEqual(['viewer@shop.test']);
    await screen.findByText('Email: 1 recipient.');
  });
});
