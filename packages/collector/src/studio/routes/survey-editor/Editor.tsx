// The survey editor: every field of the survey schema beside a live preview
// drawn by the widget itself, errors beside their fields as the user types,
// save with If-Match (a stale save says who won and offers a reload), the
// lifecycle buttons the user's role allows, versions and their diff.
import { useSignal } from '@preact/signals';
import { useMemo, useEffect } from 'preact/hooks';
import type { Survey } from '@sayso/core';
import { atLeast } from '../../../auth/roles.js';
import { ApiError } from '../../api/client.js';
import type { SurveyRecord } from '../../api/types.js';
import { navigate, query } from '../../router.js';
import { me } from '../../session.js';
import { blank, fromTemplate } from '../surveys/templates.js';
import { ACTION_LABEL, actionsFor } from './lifecycle.js';
import { act, askToPublish, createSurvey, getSurvey, listSurveys, rollback, saveSurvey, type Action } from './api.js';
import { EditorContext } from './fields/Field.js';
import { Audience } from './fields/Audience.js';
import { Look } from './fields/Look.js';
import { Question } from './fields/Question.js';
import { Schedule } from './fields/Schedule.js';
import { Texts } from './fields/Texts.js';
import { Triggers } from './fields/Triggers.js';
import { fieldId } from './paths.js';
import { Preview } from './Preview.js';
import { createEditor, type Editor as EditorState } from './state.js';
import { Versions } from './Versions.js';

/** What a failed save or action tells the user. */
export function saveError(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  if (err.status === 409) return 'Someone else changed this survey; reload to see their change. Your edits stay in the form until you do.';
  if (err.status === 428) return 'The collector wants to know which version you edited; reload the survey.';
  if (err.path !== undefined) return `${err.path}: ${err.message}`;
  return err.message;
}

/** The summary of every error, each a link to its field. */
export function ErrorSummary({ editor }: { editor: EditorState }) {
  const errors = editor.errors.value;
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="region" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">
        {errors.length === 1 ? '1 thing to fix' : `${errors.length} things to fix`} before this survey can be saved
      </h2>
      <ul>
        {errors.map((e) => (
          <li key={e.path}>
            <a
              href={`#${fieldId(e.path)}`}
              onClick={(ev) => {
                const target = document.getElementById(fieldId(e.path));
                if (!target) return;
                ev.preventDefault();
                target.focus();
              }}
            >
              {e.path || 'survey'}
            </a>
            : {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The form and its preview, for an editor (tests render this alone). */
export function EditorForm({ editor }: { editor: EditorState }) {
  return (
    <EditorContext.Provider value={editor}>
      <div class="editor">
        <form class="stack form" aria-label="Survey" onSubmit={(e) => e.preventDefault()}>
          <ErrorSummary editor={editor} />
          <Question />
          <Triggers />
          <Audience />
          <Schedule />
          <Look />
          <Texts />
        </form>
        <Preview editor={editor} />
      </div>
    </EditorContext.Provider>
  );
}

export function EditorScreen({ site, id }: { site: string; id: string }) {
  const isNew = id === 'new';
  const editor = useMemo(() => createEditor(blank('nps', [])), [site]);
  const loading = useSignal(true);
  const message = useSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const conflict = useSignal<SurveyRecord | null>(null);
  const busy = useSignal(false);

  const load = async () => {
    loading.value = true;
    try {
      if (isNew) {
        // The ids in use, so a template's id is free; should the list fail, the API still refuses a taken id on create.
        const taken = await listSurveys(site).then(
          ({ data }) => data.surveys.map((s) => s.id),
          () => [],
        );
        const t = query('template');
        editor.reset(null, (t && fromTemplate(t, taken)) || blank((query('kind') as Survey['kind']) || 'nps', taken), null);
      } else {
        const { data, etag } = await getSurvey(site, id);
        editor.reset(data, data.draft, etag);
      }
      conflict.value = null;
    } catch (err) {
      message.value = { kind: 'error', text: err instanceof ApiError ? err.message : String(err) };
    } finally {
      loading.value = false;
    }
  };
  useEffect(() => {
    // A draft just created moves the location from …/new to its id: the form already holds it (and the focus stays where it was).
    if (editor.record.value?.id === id) return;
    void load();
  }, [site, id]);

  const run = async (what: string, step: () => Promise<void>) => {
    busy.value = true;
    message.value = null;
    try {
      await step();
      message.value = { kind: 'ok', text: what };
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) conflict.value = ((err.body as { current?: SurveyRecord } | null)?.current ?? null) as SurveyRecord | null;
      message.value = { kind: 'error', text: saveError(err) };
    } finally {
      busy.value = false;
    }
  };

  const save = () =>
    run('Saved.', async () => {
      const survey = editor.draft.value;
      if (!editor.record.value) {
        const { data, etag } = await createSurvey(site, survey, editor.schedule.value);
        editor.reset(data, data.draft, etag);
        navigate(`/studio/surveys/${encodeURIComponent(site)}/${encodeURIComponent(data.id)}`, true);
        return;
      }
      const { data, etag } = await saveSurvey(site, editor.record.value.id, survey, editor.schedule.value, editor.etag.value);
      editor.reset(data, data.draft, etag ?? editor.etag.value);
    });

  const action = (a: Action) =>
    run(`${ACTION_LABEL[a]}: done.`, async () => {
      const rec = editor.record.value!;
      const { data, etag } = await act(site, rec.id, a, editor.etag.value);
      // Keep unsaved edits in the form; only the record (status, version) changes.
      const edits = editor.dirty.value ? editor.draft.value : data.draft;
      const schedule = editor.schedule.value;
      editor.reset(data, edits, etag ?? editor.etag.value);
      editor.schedule.value = schedule;
    });

  const restore = (version: number) =>
    run(`v${version} is the draft again; publish it to serve it.`, async () => {
      const { data, etag } = await rollback(site, editor.record.value!.id, version, editor.etag.value);
      editor.reset(data, data.draft, etag ?? editor.etag.value);
    });

  const rec = editor.record.value;
  const role = me.value?.role ?? 'viewer';
  const actions = rec ? actionsFor(rec.status, role) : [];
  const hasErrors = editor.errors.value.length > 0;

  if (loading.value) return <p class="muted">Loading…</p>;
  return (
    <>
      <div class="toolbar">
        <h1>
          {isNew && !rec ? 'New survey' : editor.draft.value.id}
          {rec && (
            <span class={`status ${rec.status}`}>
              {rec.status}
              {rec.version !== null ? ` · v${rec.version}` : ''}
            </span>
          )}
        </h1>
        <div class="actions">
          {/* aria-disabled, not disabled: a button that just saved keeps the keyboard's focus. */}
          <button type="button" class="primary" aria-disabled={busy.value || hasErrors || (!!rec && !editor.dirty.value) ? 'true' : undefined} onClick={() => !(busy.value || hasErrors || (!!rec && !editor.dirty.value)) && save()}>
            {rec ? (editor.dirty.value ? 'Save' : 'Saved') : 'Create draft'}
          </button>
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              disabled={busy.value || (a === 'publish' && (hasErrors || editor.dirty.value))}
              title={a === 'publish' && editor.dirty.value ? 'Save first' : undefined}
              onClick={() => action(a)}
            >
              {ACTION_LABEL[a]}
            </button>
          ))}
          {rec && role === 'editor' && (
            <button type="button" disabled={busy.value || editor.dirty.value} onClick={() => run('Asked a publisher to publish.', async () => void (await askToPublish(site, rec.id)))}>
              Ask to publish
            </button>
          )}
        </div>
      </div>
      <p class={`message ${message.value?.kind ?? ''}`} role={message.value?.kind === 'error' ? 'alert' : 'status'}>
        {message.value?.text ?? ''}
        {conflict.value && (
          <button
            type="button"
            onClick={() => {
              conflict.value = null;
              message.value = null;
              void load();
            }}
          >
            Reload
          </button>
        )}
      </p>
      <EditorForm editor={editor} />
      {rec && rec.version !== null && (
        <Versions
          site={site}
          id={rec.id}
          latest={rec.version}
          restore={atLeast(role, 'publisher') ? restore : undefined}
          restoreBlocked={editor.dirty.value ? 'Save or undo your edits first: restoring a version replaces the draft.' : busy.value ? 'Wait for the change under way.' : undefined}
        />
      )}
    </>
  );
}
