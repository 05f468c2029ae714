// The delivery log of one endpoint, newest first: each delivery's event
// type, time and state, and every attempt (time, status, latency, the start
// of the answer, shown as text: it is whatever the receiver sent). "Send
// test event", "Replay" of one, and "Replay every failed delivery since" a
// date. While the screen is open it reads the log again every few seconds,
// so a test event is seen arriving.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { listDeliveries, replayFailed, replayOne, sendTest, type Delivery } from './api.js';
import { attemptOutcome, deliveryState, when } from './describe.js';

const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));
/** A week ago, as the date box wants it (UTC, as the API reads it). */
const weekAgo = () => new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

export interface DeliveryLogProps {
  site: string;
  endpoint: string;
  /** Pending deliveries of a disabled endpoint wait, whatever their due time. */
  endpointDisabled?: boolean;
  /** Called after each read of the log (the page reads the endpoint's state again with it). */
  onRead?: () => void;
  pollMs?: number;
}

export function DeliveryLog({ site, endpoint, endpointDisabled = false, onRead, pollMs = 2000 }: DeliveryLogProps) {
  const deliveries = useSignal<Delivery[] | null>(null);
  const message = useSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const since = useSignal(weekAgo());
  const load = () =>
    listDeliveries(site, endpoint).then(
      (d) => {
        deliveries.value = d;
        onRead?.();
      },
      (err: unknown) => (message.value = { kind: 'error', text: why(err) }),
    );
  useEffect(() => {
    void load();
    const timer = setInterval(() => document.visibilityState !== 'hidden' && void load(), pollMs);
    return () => clearInterval(timer);
  }, [site, endpoint, pollMs]);
  const act = async (fn: () => Promise<string>) => {
    try {
      message.value = { kind: 'ok', text: await fn() };
    } catch (err) {
      message.value = { kind: 'error', text: why(err) };
    }
    await load();
  };

  return (
    <section class="stack" aria-labelledby="log-title">
      <div class="toolbar">
        <h2 id="log-title">Delivery log</h2>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void act(() => sendTest(site, endpoint).then(() => 'Sent a test event (webhook.test): it appears below as it is delivered.'))}>
            Send test event
          </button>
          <button type="button" onClick={() => void load()}>
            Refresh
          </button>
        </div>
      </div>
      <div class="row">
        <div class="field">
          <label for="replay-since">Failed since (UTC day)</label>
          <input id="replay-since" type="date" value={since.value} onInput={(e) => (since.value = e.currentTarget.value)} />
        </div>
        <ConfirmButton
          question={`Send again every failed delivery created since ${since.value || '(no date)'}?`}
          confirm="Replay them"
          onConfirm={() => act(() => replayFailed(site, endpoint, since.value).then((n) => `Queued ${n} failed ${n === 1 ? 'delivery' : 'deliveries'} again.`))}
        >
          Replay every failed delivery since this day
        </ConfirmButton>
      </div>
      <p class={`message ${message.value?.kind ?? ''}`} role={message.value?.kind === 'error' ? 'alert' : 'status'}>
        {message.value?.text ?? ''}
      </p>
      {deliveries.value?.length === 0 && <p>No deliveries yet. Send a test event to see one.</p>}
      {deliveries.value && deliveries.value.length > 0 && (
        <ol class="deliveries">
          {deliveries.value.map((d) => (
            <li key={d.id} class="card stack" data-delivery={d.id}>
              <p id={`delivery-${d.id}`}>
                <strong class="code">{d.eventType}</strong> created {when(d.createdAt)}
                <span class={`status ${d.status}`}>{deliveryState(d, endpointDisabled)}</span>
                <span class="muted code"> {d.webhookId}</span>
              </p>
              {d.attempts.length > 0 && (
                <div class="table-wrap">
                  <table>
                    <caption class="sr-only">Attempts of {d.eventType} created {when(d.createdAt)}</caption>
                    <thead>
                      <tr>
                        <th scope="col" class="num">
                          #
                        </th>
                        <th scope="col">Time</th>
                        <th scope="col">Status</th>
                        <th scope="col" class="num">
                          Latency
                        </th>
                        <th scope="col">Response</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.attempts.map((a) => (
                        <tr key={a.n}>
                          <td class="num">{a.n}</td>
                          <td>{when(a.at)}</td>
                          <td>{attemptOutcome(a)}</td>
                          <td class="num">{a.latencyMs} ms</td>
                          <td>
                            <code class="code">{a.responseStart ?? ''}</code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <div class="actions">
                <button type="button" aria-describedby={`delivery-${d.id}`} onClick={() => void act(() => replayOne(site, endpoint, d.id).then(() => `Queued ${d.eventType} again (same webhook-id ${d.webhookId}).`))}>
                  Replay
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
