// One answer of the inbox at its own URL (/studio/responses/:site/:id, which
// a colleague can open from "Copy link"): everything the visitor gave and
// where, its notes, and the team's state of it. Editors change the status,
// the assignee and the tags (If-Match: a 409 reloads the answer and says
// someone else changed it) and add notes; lower roles see the same controls
// disabled, with the reason.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { Link } from '../../router.js';
import { can, me } from '../../session.js';
import { addNote, changeResponse, getResponse, listAssignees, type Assignee, type Changes, type InboxItem, type InboxNote, type InboxStatus } from './api.js';
import { lastList } from './filters.js';
import { answerPath, personName, STATUS_LABEL, when } from './labels.js';

type Detail = InboxItem & { notes: InboxNote[] };
const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));
const KIND = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

/** Term and description pairs, each value as text. */
function Facts({ rows, label }: { rows: Array<[string, unknown]>; label: string }) {
  return (
    <dl class="facts" aria-label={label}>
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '–' : typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AnswerScreen({ site, id }: { site: string; id: string }) {
  const answer = useSignal<Detail | null>(null);
  const etag = useSignal<string | null>(null);
  const people = useSignal<Assignee[]>([]);
  const error = useSignal('');
  const message = useSignal('');
  const conflict = useSignal('');
  const copied = useSignal('');
  const status = useSignal<InboxStatus>('new');
  const assignee = useSignal('');
  const tag = useSignal('');
  const note = useSignal('');
  const busy = useSignal(false);
  const editor = can('editor');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    try {
      const { data, etag: e } = await getResponse(site, id);
      answer.value = data;
      etag.value = e;
      status.value = data.status;
      assignee.value = data.assignee ?? '';
    } catch (err) {
      error.value = err instanceof ApiError && err.status === 404 ? 'There is no such answer on this site.' : `Could not load the answer: ${why(err)}`;
    }
  };
  useEffect(() => {
    void load();
    void listAssignees().then(
      ({ data }) => (people.value = data.users),
      () => {},
    );
  }, [site, id]);

  // Opened from the list by Enter, the link that had focus is gone: the keyboard starts again at the answer's heading.
  const loaded = answer.value !== null;
  useEffect(() => {
    if (loaded && (document.activeElement === document.body || document.activeElement === null)) heading.current?.focus();
  }, [loaded]);

  /** Sends `changes`; on a 409, reloads the answer and says so. */
  const change = async (changes: Changes, done: string) => {
    if (busy.value) return false;
    busy.value = true;
    conflict.value = '';
    message.value = '';
    try {
      const { data, etag: e } = await changeResponse(site, id, changes, etag.value);
      answer.value = { ...answer.value!, ...data };
      etag.value = e ?? data.etag;
      status.value = data.status;
      assignee.value = data.assignee ?? '';
      message.value = done;
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        await load();
        conflict.value = 'Someone else changed this answer since you opened it. It is reloaded with their change: check it, then make yours again if it still applies.';
      } else message.value = why(err);
      return false;
    } finally {
      busy.value = false;
    }
  };

  if (error.value) {
    return (
      <>
        <h1>Answer</h1>
        <p class="error" role="alert">
          {error.value}
        </p>
        <Link href={lastList.value}>Back to the responses</Link>
      </>
    );
  }
  const r = answer.value;
  if (!r) return <p class="muted loading">Loading…</p>;
  const readOnly = !editor;
  const reason = readOnly ? `Changing an answer needs the editor role; you have ${me.value?.role ?? 'none'}.` : undefined;
  // Disabled for lower roles only: a control disabled while a change is in flight would drop the keyboard's focus.
  const off = readOnly;
  const described = readOnly ? { 'aria-describedby': 'answer-readonly' } : {};
  const link = window.location.origin + answerPath(site, id);

  return (
    <>
      <div class="toolbar">
        <h1 ref={heading} tabIndex={-1}>
          {KIND[r.kind]} {r.score} · {r.band} · {r.surveyId}
        </h1>
        <div class="actions">
          <Link href={lastList.value}>Back to the responses</Link>
          <button
            type="button"
            onClick={() =>
              navigator.clipboard.writeText(link).then(
                () => (copied.value = 'Link copied.'),
                () => (copied.value = `Copying was refused; the link is ${link}`),
              )
            }
          >
            Copy link
          </button>
          <span role="status">{copied.value}</span>
        </div>
      </div>
      <p role="alert" class="message error">
        {conflict.value}
      </p>
      <p role="status" class="message">
        {message.value}
      </p>
      <div class="answer">
        <section class="card stack" aria-labelledby="a-given">
          <h2 id="a-given">What they said</h2>
          <p class="said">{r.comment || <span class="muted">(no comment)</span>}</p>
          {r.answers && Object.keys(r.answers).length > 0 && <Facts label="Answers" rows={Object.entries(r.answers)} />}
          <h3>Where and when</h3>
          <Facts
            label="Where and when"
            rows={[
              ['Score', `${r.score} of ${r.scale[0]}–${r.scale[1]} (${r.band})`],
              ['Survey', r.version === null ? r.surveyId : `${r.surveyId} v${r.version}`],
              ['Given', when(r.createdAt)],
              ['Received', when(r.receivedAt)],
              ['Channel', r.channel],
              ['Locale', r.locale],
              ['Page', r.page.url],
              ['Referrer', r.page.referrer],
              ...(r.test ? ([['Test', 'yes: given through a preview link']] as Array<[string, string]>) : []),
            ]}
          />
          <h3>Attributes</h3>
          {Object.keys(r.attributes).length ? <Facts label="Attributes" rows={Object.entries(r.attributes)} /> : <p class="muted">None.</p>}
        </section>
        <div class="stack">
          <form
            class="card stack"
            aria-labelledby="a-follow"
            onSubmit={(e) => {
              e.preventDefault();
              const changes: Changes = {};
              if (status.value !== r.status) changes.status = status.value;
              if ((assignee.value || null) !== r.assignee) changes.assignee = assignee.value || null;
              if (Object.keys(changes).length === 0) return void (message.value = 'Nothing to save.');
              void change(changes, changes.status === 'closed' ? 'Saved: the answer is closed.' : 'Saved.');
            }}
          >
            <h2 id="a-follow">Follow-up</h2>
            {reason && (
              <p class="hint" id="answer-readonly">
                {reason}
              </p>
            )}
            <div class="field">
              <label for="a-status">Status</label>
              <select id="a-status" value={status.value} disabled={off} {...described} onChange={(e) => (status.value = e.currentTarget.value as InboxStatus)}>
                {Object.entries(STATUS_LABEL).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="a-assignee">Assignee</label>
              <select id="a-assignee" value={assignee.value} disabled={off} {...described} onChange={(e) => (assignee.value = e.currentTarget.value)}>
                <option value="">Nobody</option>
                {people.value.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name ? `${p.name} (${p.email})` : p.email}
                  </option>
                ))}
                {r.assignee && !people.value.some((p) => p.id === r.assignee) && <option value={r.assignee}>{personName(r.assignee, [])}</option>}
              </select>
            </div>
            {r.closedAt && <p class="muted">Closed {when(r.closedAt)}.</p>}
            <button class="primary" type="submit" disabled={off} {...described}>
              Save status and assignee
            </button>
          </form>
          <section class="card stack" aria-labelledby="a-tags">
            <h2 id="a-tags">Tags</h2>
            {r.tags.length === 0 && <p class="muted">No tags.</p>}
            <ul class="tags">
              {r.test && (
                <li>
                  <span class="tag">test</span>
                </li>
              )}
              {r.tags.map((t) => (
                <li key={t}>
                  <span class="tag">{t}</span>
                  <button
                    type="button"
                    class="remove"
                    disabled={off}
                    {...described}
                    aria-label={`Remove tag ${t}`}
                    // The button goes with its tag: the keyboard carries on in the new-tag box.
                    onClick={() => void change({ tags: r.tags.filter((x) => x !== t) }, `Removed the tag “${t}”.`).then(() => document.getElementById('a-tag')?.focus())}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <form
              class="row"
              onSubmit={async (e) => {
                e.preventDefault();
                const t = tag.value.trim();
                if (!t) return;
                if (r.tags.includes(t)) return void (message.value = `It has the tag “${t}” already.`);
                if (await change({ tags: [...r.tags, t] }, `Added the tag “${t}”.`)) tag.value = '';
              }}
            >
              <div class="field">
                <label for="a-tag">New tag</label>
                <input id="a-tag" value={tag.value} maxLength={64} disabled={off} {...described} autocomplete="off" onInput={(e) => (tag.value = e.currentTarget.value)} />
              </div>
              <button type="submit" disabled={off} {...described}>
                Add tag
              </button>
            </form>
          </section>
          <section class="card stack" aria-labelledby="a-notes">
            <h2 id="a-notes">Notes</h2>
            {r.notes.length === 0 && <p class="muted">No notes yet.</p>}
            <ol class="notes">
              {r.notes.map((n) => (
                <li key={n.id}>
                  <p class="said">{n.text}</p>
                  <p class="muted">
                    {n.author.label} · <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
                  </p>
                </li>
              ))}
            </ol>
            <form
              class="stack"
              onSubmit={async (e) => {
                e.preventDefault();
                if (!note.value.trim() || busy.value) return;
                busy.value = true;
                try {
                  const { data } = await addNote(site, id, note.value);
                  answer.value = { ...answer.value!, notes: [...answer.value!.notes, data], noteCount: answer.value!.noteCount + 1 };
                  note.value = '';
                  message.value = 'Note added.';
                } catch (err) {
                  message.value = why(err);
                } finally {
                  busy.value = false;
                }
              }}
            >
              <div class="field">
                <label for="a-note">New note (only the team sees it)</label>
                <textarea id="a-note" rows={3} maxLength={5000} value={note.value} disabled={off} {...described} onInput={(e) => (note.value = e.currentTarget.value)} />
              </div>
              <button type="submit" disabled={off} {...described}>
                Add note
              </button>
            </form>
          </section>
        </div>
      </div>
    </>
  );
}
