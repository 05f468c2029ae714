// Alerts: a site's rules (detractor answers as they arrive, score drops,
// digests), where they go (the Slack URL; email to those who opt in), a
// test send, and the reader's own "Email me alerts for this site". Viewers
// and editors read; publishers and admins change (the API says the same).
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import type { SurveyRecord } from '../../api/types.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { listSurveys } from '../survey-editor/api.js';
import { can, me } from '../../session.js';
import { createRule, deleteRule, loadAlerts, loadNotifications, replaceRule, sendTestAlert, setNotification, setSlack, type SiteAlerts, type TestResult } from './api.js';
import { describeRule, TYPE_NAMES } from './describe.js';
import { RuleForm } from './RuleForm.js';

const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));

export function AlertsScreen({ site }: { site: string }) {
  const alerts = useSignal<SiteAlerts | null>(null);
  const surveys = useSignal<SurveyRecord[]>([]);
  const message = useSignal('');
  const editing = useSignal<string | null>(null);
  const results = useSignal<TestResult[] | null>(null);
  const slackError = useSignal<string | null>(null);
  const optIn = useSignal<boolean | null>(null);
  const writer = can('publisher');
  const load = () =>
    loadAlerts(site).then(
      (a) => (alerts.value = a),
      (err: unknown) => (message.value = why(err)),
    );
  useEffect(() => {
    void load();
    void listSurveys(site).then(
      ({ data }) => (surveys.value = data.surveys),
      () => {},
    );
    if (me.value?.kind === 'user') void loadNotifications().then((n) => (optIn.value = n.sites.find((s) => s.site === site)?.email ?? false), () => {});
  }, [site]);

  const a = alerts.value;
  return (
    <>
      <div class="toolbar">
        <h1>Alerts</h1>
      </div>
      <p role="status" class="message">
        {message.value}
      </p>
      {me.value?.kind === 'user' && optIn.value !== null && (
        <div class="card field check">
          <label>
            <input
              type="checkbox"
              checked={optIn.value}
              aria-describedby="optin-hint"
              onChange={async (e) => {
                const on = e.currentTarget.checked;
                try {
                  const n = await setNotification(site, on);
                  optIn.value = n.sites.find((s) => s.site === site)?.email ?? false;
                  message.value = on ? `Alerts and digests of this site will be emailed to ${n.email}.` : 'You will no longer get them by email.';
                  void load();
                } catch (err) {
                  message.value = why(err);
                }
              }}
            />
            Email me alerts for this site
          </label>
          <span class="hint" id="optin-hint">
            {a && !a.email.configured ? 'The collector has no SMTP settings yet: nothing is emailed until an operator adds them.' : 'Detractor answers, score drops and digests, to your account address.'}
          </span>
        </div>
      )}
      {a && (
        <section aria-labelledby="rules-title" class="stack">
          <h2 id="rules-title">Rules</h2>
          {a.rules.length === 0 && <p>No rules yet: nothing is watched on this site.</p>}
          {a.rules.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="sr-only">Alert rules of this site</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Watches</th>
                    {writer && <th scope="col">Change</th>}
                  </tr>
                </thead>
                <tbody>
                  {a.rules.map((r) => (
                    <tr key={r.id}>
                      <th scope="row" class="code">
                        {r.id}
                      </th>
                      <td>{TYPE_NAMES[r.type]}</td>
                      <td>{describeRule(r)}</td>
                      {writer && (
                        <td>
                          <div class="row">
                            <button type="button" onClick={() => (editing.value = r.id)} aria-expanded={editing.value === r.id}>
                              Edit “{r.id}”
                            </button>
                            <ConfirmButton
                              question={`Delete the rule “${r.id}”? What it has not sent yet is dropped.`}
                              confirm={`Delete “${r.id}”`}
                              onConfirm={() =>
                                deleteRule(site, r.id, r.etag).then(
                                  () => {
                                    message.value = `Deleted “${r.id}”.`;
                                    if (editing.value === r.id) editing.value = null;
                                    void load();
                                  },
                                  (err: unknown) => {
                                    message.value = why(err);
                                    void load();
                                  },
                                )
                              }
                            >
                              Delete “{r.id}”
                            </ConfirmButton>
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {writer && (
            <div class="card">
              {(() => {
                const rule = a.rules.find((r) => r.id === editing.value);
                return rule ? (
                  <RuleForm
                    key={`${rule.id}-${rule.etag}`}
                    rule={rule}
                    surveys={surveys.value}
                    onCancel={() => (editing.value = null)}
                    onSubmit={async (body) => {
                      try {
                        await replaceRule(site, body, rule.etag);
                      } catch (err) {
                        // Changed by someone else meanwhile: show their copy, to start again from.
                        if (err instanceof ApiError && err.status === 409) {
                          message.value = `“${rule.id}” was changed meanwhile: the form now shows the current copy; make your change again.`;
                          void load();
                        }
                        throw err;
                      }
                      message.value = `Saved “${body.id}”.`;
                      editing.value = null;
                      await load();
                    }}
                  />
                ) : (
                  <RuleForm
                    key="new"
                    surveys={surveys.value}
                    onSubmit={async (body) => {
                      await createRule(site, body);
                      message.value = `Added “${body.id}”.`;
                      await load();
                    }}
                  />
                );
              })()}
            </div>
          )}
        </section>
      )}
      {a && (
        <section aria-labelledby="where-title" class="stack">
          <h2 id="where-title">Where alerts go</h2>
          <p>
            Email: {a.email.recipients === 0 ? 'nobody has opted in yet' : `${a.email.recipients} recipient${a.email.recipients === 1 ? '' : 's'}`}
            {a.email.configured ? '.' : ' (the collector has no SMTP settings).'}
          </p>
          {writer ? (
            <form
              class="stack"
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                const url = String(new FormData(e.currentTarget).get('webhookUrl') ?? '').trim();
                try {
                  await setSlack(site, url === '' ? null : url, a.slack.etag);
                  slackError.value = null;
                  message.value = url === '' ? 'Slack removed.' : 'Slack URL saved.';
                  await load();
                } catch (err) {
                  slackError.value = err instanceof ApiError ? err.message : String(err);
                  if (err instanceof ApiError && err.status === 409) void load();
                  document.getElementById('slack-url')?.focus();
                }
              }}
            >
              <div class="field">
                <label for="slack-url">Slack incoming-webhook URL</label>
                <span class="hint" id="slack-hint">
                  From Slack: Apps, Incoming Webhooks. Leave it empty for no Slack.
                </span>
                <input
                  id="slack-url"
                  name="webhookUrl"
                  type="url"
                  autocomplete="off"
                  spellcheck={false}
                  key={a.slack.etag}
                  defaultValue={a.slack.webhookUrl ?? ''}
                  aria-invalid={slackError.value ? true : undefined}
                  aria-describedby={slackError.value ? 'slack-hint slack-error' : 'slack-hint'}
                />
                {slackError.value && (
                  <p class="field-error" id="slack-error">
                    {slackError.value}
                  </p>
                )}
              </div>
              <div class="row">
                <button type="submit">Save Slack URL</button>
                <button
                  type="button"
                  onClick={async () => {
                    results.value = null;
                    try {
                      results.value = await sendTestAlert(site);
                    } catch (err) {
                      message.value = why(err);
                    }
                  }}
                >
                  Send test alert
                </button>
              </div>
            </form>
          ) : (
            <p>Slack: {a.slack.webhookUrl ? 'set' : 'not set'}.</p>
          )}
          {results.value && (
            <div role="status" aria-live="polite">
              {results.value.length === 0 ? (
                <p>No destination yet: set a Slack URL, or opt in to email.</p>
              ) : (
                <ul>
                  {results.value.map((r) => (
                    <li key={r.destination}>
                      {r.destination === 'slack' ? 'Slack' : 'Email'}: {r.ok ? 'sent' : `failed: ${r.error}`}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </section>
      )}
    </>
  );
}
