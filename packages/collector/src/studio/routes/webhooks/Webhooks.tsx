// Webhooks (admins; the API lets no one else read them): the site's
// endpoints with their URL, event types, filters, state and why it is
// disabled, and the last delivery; a form to add one. One endpoint's page
// (`/studio/webhooks/<id>`): its secret once after it is made or rotated,
// the form to change it, rotate, delete, and its delivery log.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { EVENT_TYPES } from '../../../webhooks/endpoint.js';
import { ApiError } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { Link, navigate } from '../../router.js';
import { can } from '../../session.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listDeliveries, listEndpoints, rotateSecret, updateEndpoint, type Delivery, type WebhookEndpoint } from './api.js';
import { DeliveryLog } from './DeliveryLog.js';
import { deliveryState, endpointState, filterSummary, when } from './describe.js';
import { EndpointForm } from './EndpointForm.js';
import { webhooksChanged } from './notice.js';
import { SecretBox } from './SecretBox.js';
import { revealed } from './state.js';

const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));

export function WebhooksScreen({ site, id, pollMs }: { site: string; id?: string | undefined; pollMs?: number }) {
  if (!can('admin'))
    return (
      <>
        <h1>Webhooks</h1>
        <p>Webhooks are managed by admins: ask one to add an endpoint or to look at its delivery log.</p>
      </>
    );
  return id ? <EndpointPage key={id} site={site} id={id} {...(pollMs ? { pollMs } : {})} /> : <EndpointList site={site} />;
}

function EndpointList({ site }: { site: string }) {
  const endpoints = useSignal<WebhookEndpoint[] | null>(null);
  const eventTypes = useSignal<readonly string[]>(EVENT_TYPES);
  const last = useSignal<Record<string, Delivery | null>>({});
  const message = useSignal('');
  useEffect(() => {
    revealed.value = null;
    listEndpoints(site).then(
      async (data) => {
        endpoints.value = data.endpoints;
        eventTypes.value = data.eventTypes;
        const newest = await Promise.all(data.endpoints.map((e) => listDeliveries(site, e.id, 1).then((d) => [e.id, d[0] ?? null] as const, () => [e.id, null] as const)));
        last.value = Object.fromEntries(newest);
      },
      (err: unknown) => (message.value = why(err)),
    );
  }, [site]);

  return (
    <>
      <div class="toolbar">
        <h1>Webhooks</h1>
      </div>
      <p class="muted">
        Each endpoint gets the events it subscribes to, signed as the Standard Webhooks specification says, retried for about a day. An endpoint that answers 410, or fails for 5 days, is disabled.
      </p>
      <p role="alert" class="message error">
        {message.value}
      </p>
      {endpoints.value?.length === 0 && <p>No webhook endpoints for this site yet.</p>}
      {endpoints.value && endpoints.value.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Webhook endpoints of {site}</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Filters</th>
                <th scope="col">State</th>
                <th scope="col">Last delivery</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.value.map((e) => {
                const d = last.value[e.id];
                return (
                  <tr key={e.id} data-endpoint={e.id}>
                    <th scope="row" class="wrap">
                      <Link href={`/studio/webhooks/${encodeURIComponent(e.id)}`}>{e.url}</Link>
                      {e.description && <span class="muted block">{e.description}</span>}
                    </th>
                    <td class="code">{e.eventTypes.join(', ')}</td>
                    <td>{filterSummary(e.filters)}</td>
                    <td class={e.disabled ? 'error' : undefined}>{endpointState(e)}</td>
                    <td>{d === undefined ? '…' : d === null ? 'none yet' : `${d.eventType}, ${when(d.createdAt)}: ${deliveryState(d, !!e.disabled)}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <section class="card stack" aria-labelledby="add-endpoint">
        <h2 id="add-endpoint">Add an endpoint</h2>
        <EndpointForm
          id="new"
          eventTypes={eventTypes.value}
          submit="Add endpoint"
          onSubmit={async (body) => {
            const made = await createEndpoint(site, body);
            revealed.value = { endpoint: made.endpoint.id, secret: made.secret, after: 'created' };
            webhooksChanged.value++;
            navigate(`/studio/webhooks/${encodeURIComponent(made.endpoint.id)}`);
          }}
        />
      </section>
    </>
  );
}

const KEEP = [
  [0, 'stop now'],
  [3600, 'for an hour'],
  [86400, 'for a day'],
  [604800, 'for a week'],
] as const;

function EndpointPage({ site, id, pollMs }: { site: string; id: string; pollMs?: number }) {
  const endpoint = useSignal<WebhookEndpoint | null | undefined>(undefined);
  const message = useSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const keep = useSignal(86400);
  const load = () =>
    getEndpoint(site, id).then(
      (e) => (endpoint.value = e),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 404) endpoint.value = null;
        else message.value = { kind: 'error', text: why(err) };
      },
    );
  useEffect(() => {
    if (revealed.value && revealed.value.endpoint !== id) revealed.value = null;
    void load();
  }, [site, id]);
  // The endpoint as the last poll saw it: the dispatcher may disable it while the page is open. The form keeps what it was loaded with.
  const now = useSignal<WebhookEndpoint | null>(null);
  const e = endpoint.value;
  const back = <Link href="/studio/webhooks">All webhook endpoints</Link>;
  if (e === null)
    return (
      <>
        <h1>No such endpoint</h1>
        <p>It was deleted, or belongs to another site. {back}</p>
      </>
    );
  if (!e) return <p class="muted loading">Loading…</p>;
  const shown = revealed.value?.endpoint === id ? revealed.value : null;
  const state = now.value && now.value.updatedAt > e.updatedAt ? now.value : e;

  return (
    <>
      <p>{back}</p>
      <div class="toolbar">
        <h1 class="wrap">{e.url}</h1>
      </div>
      <p class={state.disabled ? 'error' : undefined}>{endpointState(state)}</p>
      <p class={`message ${message.value?.kind ?? ''}`} role={message.value?.kind === 'error' ? 'alert' : 'status'}>
        {message.value?.text ?? ''}
      </p>
      {shown && <SecretBox secret={shown.secret} after={shown.after} />}
      <section class="card stack" aria-labelledby="edit-endpoint">
        <h2 id="edit-endpoint">Endpoint</h2>
        <EndpointForm
          key={e.updatedAt}
          id="edit"
          eventTypes={EVENT_TYPES}
          endpoint={e}
          submit="Save changes"
          onSubmit={async (body) => {
            endpoint.value = await updateEndpoint(site, id, body);
            message.value = { kind: 'ok', text: 'Saved.' };
            webhooksChanged.value++;
          }}
        />
      </section>
      <section class="card stack" aria-labelledby="secret-title">
        <h2 id="secret-title">Rotate the signing secret</h2>
        <p>
          Active secrets:{' '}
          {e.secrets.map((s, i) => (
            <span key={s.start}>
              {i > 0 && ', '}
              <span class="code">{s.start}</span> {s.expiresAt ? `(until ${when(s.expiresAt)})` : ''}
            </span>
          ))}
        </p>
        <div class="row">
          <div class="field">
            <label for="keep-old">The old secret keeps signing</label>
            <select id="keep-old" value={String(keep.value)} onChange={(ev) => (keep.value = Number(ev.currentTarget.value))}>
              {KEEP.map(([s, label]) => (
                <option key={s} value={String(s)}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <ConfirmButton
            question="Make a new secret? Your receiver must learn it before the old one stops."
            confirm="Rotate the secret"
            onConfirm={async () => {
              try {
                const r = await rotateSecret(site, id, keep.value);
                revealed.value = { endpoint: id, secret: r.secret, after: 'rotated' };
                endpoint.value = r.endpoint;
                message.value = { kind: 'ok', text: 'Made a new secret.' };
              } catch (err) {
                message.value = { kind: 'error', text: why(err) };
              }
            }}
          >
            Rotate secret
          </ConfirmButton>
        </div>
      </section>
      <DeliveryLog
        site={site}
        endpoint={id}
        endpointDisabled={!!state.disabled}
        onRead={() => void getEndpoint(site, id).then((x) => (now.value = x), () => {})}
        {...(pollMs ? { pollMs } : {})}
      />
      <section class="card stack" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete</h2>
        <p>Deleting the endpoint deletes its delivery log too; nothing more is sent to it.</p>
        <ConfirmButton
          question={`Delete the endpoint ${e.url} and its delivery log?`}
          confirm="Delete for good"
          onConfirm={async () => {
            try {
              await deleteEndpoint(site, id);
              webhooksChanged.value++;
              navigate('/studio/webhooks');
            } catch (err) {
              message.value = { kind: 'error', text: why(err) };
            }
          }}
        >
          Delete endpoint
        </ConfirmButton>
      </section>
    </>
  );
}
