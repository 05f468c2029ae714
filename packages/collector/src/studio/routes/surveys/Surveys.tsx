// The surveys of the chosen site: status, version, responses, score with its
// interval, last change; and the templates to start a new one from.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { SurveyScores } from '../../../scores.js';
import { ApiError, call } from '../../api/client.js';
import type { SurveyRecord } from '../../api/types.js';
import { Link, navigate } from '../../router.js';
import { can } from '../../session.js';
import { duplicateSurvey, listSurveys } from '../survey-editor/api.js';
import { fmt, interval } from '../report/format.js';
import { TEMPLATES } from './templates.js';

const editorPath = (site: string, id: string) => `/studio/surveys/${encodeURIComponent(site)}/${encodeURIComponent(id)}`;

export function SurveysScreen({ site }: { site: string }) {
  const list = useSignal<SurveyRecord[] | null>(null);
  const scores = useSignal<Map<string, SurveyScores>>(new Map());
  const error = useSignal('');

  const load = async () => {
    try {
      list.value = (await listSurveys(site)).data.surveys;
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
      return;
    }
    // Scores are a nicety here: the list stands without them.
    call<{ surveys: SurveyScores[] }>('GET', `/v1/scores?site=${encodeURIComponent(site)}`).then(
      ({ data }) => (scores.value = new Map(data.surveys.map((s) => [s.surveyId, s]))),
      () => {},
    );
  };
  useEffect(() => void load(), [site]);

  return (
    <>
      <div class="toolbar">
        <h1>Surveys</h1>
      </div>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {list.value === null && !error.value && <p class="muted">Loading…</p>}
      {list.value && (
        <div class="table-wrap">
          <table class="surveys">
            <caption class="sr-only">Surveys of {site}</caption>
            <thead>
              <tr>
                <th scope="col">Survey</th>
                <th scope="col">Status</th>
                <th scope="col">Version</th>
                <th scope="col" class="num">Responses</th>
                <th scope="col" class="num">Score (95 % interval)</th>
                <th scope="col">Last change</th>
                {can('editor') && <th scope="col"><span class="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {list.value.length === 0 && (
                <tr>
                  <td colSpan={7}>No surveys yet: start from a template below.</td>
                </tr>
              )}
              {list.value.map((s) => {
                const sc = scores.value.get(s.id)?.total;
                return (
                  <tr key={s.id} data-survey={s.id}>
                    <th scope="row">
                      <Link href={editorPath(site, s.id)}>{s.id}</Link>
                      <div class="muted clip">{s.draft.question}</div>
                    </th>
                    <td>
                      <span class={`status ${s.status}`}>{s.status}</span>
                    </td>
                    <td>{s.version === null ? '–' : `v${s.version}`}</td>
                    <td class="num">{s.responses ?? sc?.n ?? 0}</td>
                    <td class="num">{sc ? `${fmt(sc.score)} (${interval(sc.ci)})` : '–'}</td>
                    <td>
                      <time dateTime={s.updatedAt}>{new Date(s.updatedAt).toLocaleString()}</time>
                      <div class="muted">{s.updatedBy}</div>
                    </td>
                    {can('editor') && (
                      <td>
                        <button
                          type="button"
                          aria-label={`Duplicate ${s.id}`}
                          onClick={() =>
                            duplicateSurvey(site, s.id).then(
                              ({ data }) => navigate(editorPath(site, data.id)),
                              (err: Error) => (error.value = err.message),
                            )
                          }
                        >
                          Duplicate
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {can('editor') && (
        <section aria-labelledby="templates-title">
          <h2 id="templates-title">Start a new survey</h2>
          <ul class="templates">
            {TEMPLATES.map((t) => (
              <li key={t.key} class="card">
                <h3>{t.title}</h3>
                <p class="muted">{t.description}</p>
                <Link class="button" href={`${editorPath(site, 'new')}?template=${t.key}`}>
                  Use “{t.title}”
                </Link>
              </li>
            ))}
            <li class="card">
              <h3>From scratch</h3>
              <p class="muted">An empty NPS, CSAT or CES survey.</p>
              <div class="row">
                {(['nps', 'csat', 'ces'] as const).map((k) => (
                  <Link key={k} class="button" href={`${editorPath(site, 'new')}?kind=${k}`}>
                    Blank {k.toUpperCase()}
                  </Link>
                ))}
              </div>
            </li>
          </ul>
        </section>
      )}
    </>
  );
}
