// Publish requests, the publisher's side of "Ask to publish": the open
// requests of the site, each with its diff against the live version, and
// Approve (publishes the draft as asked) or Reject with a reason. Lower roles
// see the list and why they cannot decide (the API refuses them anyway).
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError, admin, call } from '../../api/client.js';
import type { PublishRequest, SurveyRecord } from '../../api/types.js';
import { DiffTable } from '../../components/DiffTable.js';
import { Link } from '../../router.js';
import { can, me } from '../../session.js';

const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));

export function PublishRequestsScreen({ site }: { site: string }) {
  const requests = useSignal<PublishRequest[] | null>(null);
  const message = useSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const busy = useSignal(false);

  const load = () =>
    call<{ requests: PublishRequest[] }>('GET', `${admin('publish-requests')}?site=${encodeURIComponent(site)}`).then(
      ({ data }) => (requests.value = data.requests),
      (err: unknown) => (message.value = { kind: 'error', text: why(err) }),
    );
  useEffect(() => void load(), [site]);

  const decide = async (r: PublishRequest, verdict: 'approve' | 'reject', reason?: string) => {
    busy.value = true;
    try {
      const body = verdict === 'reject' && reason ? { reason } : undefined;
      const { data } = await call<{ survey?: SurveyRecord }>('POST', admin('publish-requests', r.id, verdict), body ? { body } : {});
      message.value = { kind: 'ok', text: verdict === 'approve' ? `Published ${r.surveyId} as v${data.survey?.version ?? '?'}.` : `Rejected the request for ${r.surveyId}.` };
    } catch (err) {
      message.value = { kind: 'error', text: why(err) };
    } finally {
      busy.value = false;
      await load();
    }
  };

  const publisher = can('publisher');
  return (
    <>
      <div class="toolbar">
        <h1>Publish requests</h1>
      </div>
      <p class={`message ${message.value?.kind ?? ''}`} role={message.value?.kind === 'error' ? 'alert' : 'status'}>
        {message.value?.text ?? ''}
      </p>
      {!publisher && (
        <p class="muted" id="decide-note">
          Approving or rejecting needs the publisher role; you have {me.value?.role ?? 'none'}.
        </p>
      )}
      {requests.value?.length === 0 && <p>No open requests.</p>}
      {requests.value?.map((r) => (
        <Request key={r.id} request={r} publisher={publisher} busy={busy.value} decide={decide} />
      ))}
    </>
  );
}

function Request({ request: r, publisher, busy, decide }: { request: PublishRequest; publisher: boolean; busy: boolean; decide: (r: PublishRequest, verdict: 'approve' | 'reject', reason?: string) => Promise<void> }) {
  const reason = useSignal('');
  const title = `request-${r.id}`;
  return (
    <section class="card stack" aria-labelledby={title} data-request={r.surveyId}>
      <h2 id={title}>
        <Link href={`/studio/surveys/${encodeURIComponent(r.site)}/${encodeURIComponent(r.surveyId)}`}>{r.surveyId}</Link>
      </h2>
      <p class="muted">
        Asked by {r.requestedBy} on {new Date(r.requestedAt).toLocaleString()}
      </p>
      {r.note && <p class="note">{r.note}</p>}
      {r.stale && (
        <p class="error" id={`${title}-stale`}>
          The draft was edited after this was asked: it cannot be approved as it stands. Review the survey and ask again.
        </p>
      )}
      <DiffTable changes={r.changes} caption={`Changes to ${r.surveyId} against the live version`} />
      {publisher && (
        <div class="row">
          <div class="field">
            <label for={`${title}-reason`}>Reason for rejecting (optional)</label>
            <input id={`${title}-reason`} type="text" maxLength={2000} value={reason.value} onInput={(e) => (reason.value = e.currentTarget.value)} />
          </div>
          <button type="button" class="primary" disabled={busy || r.stale} aria-describedby={r.stale ? `${title}-stale` : undefined} onClick={() => void decide(r, 'approve')}>
            Approve and publish {r.surveyId}
          </button>
          <button type="button" disabled={busy} onClick={() => void decide(r, 'reject', reason.value.trim())}>
            Reject {r.surveyId}
          </button>
        </div>
      )}
    </section>
  );
}
