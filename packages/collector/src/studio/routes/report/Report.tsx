// The report as a section of the studio (it replaced the old /report page):
// for the chosen site, survey and range, each survey's card (SurveyCard.tsx),
// with exports of the same answers. A link names its site and survey
// (`/studio/report?site=shop&survey=nps`: what /report redirects, what
// alerts link to): the report opens on them.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin, call } from '../../api/client.js';
import { location } from '../../router.js';
import { chooseSite, site as currentSite, sites } from '../../session.js';
import { listSurveys, versions } from '../survey-editor/api.js';
import { readFailure, unlessBusy } from './busy.js';
import type { ClosedLoopRow } from './ClosedLoop.js';
import { SurveyCard, type Mark, type Scored, type VersionCell } from './SurveyCard.js';

type Answer = { surveys: Scored[]; from: string; to: string };

export function ReportScreen({ site }: { site: string }) {
  const linked = new URLSearchParams(location.value.split('?')[1] ?? '');
  const wanted = linked.get('site');
  const from = useSignal('');
  const to = useSignal('');
  const by = useSignal<'day' | 'week' | 'month'>('week');
  const segment = useSignal('');
  const survey = useSignal(linked.get('survey') ?? '');
  const surveyIds = useSignal<string[]>([]);
  const answer = useSignal<Answer | null>(null);
  const loop = useSignal<ClosedLoopRow[]>([]);
  const marks = useSignal<Map<string, Mark[]>>(new Map());
  const error = useSignal('');
  const segments = ['channel', 'locale', ...(currentSite.value?.segments ?? [])];
  // A linked survey the list does not hold (archived, or not yet read) is still offered, so the select shows what is applied.
  const surveyOptions = survey.value && !surveyIds.value.includes(survey.value) ? [survey.value, ...surveyIds.value] : surveyIds.value;

  const params = () => {
    const p = new URLSearchParams({ site, interval: by.value });
    if (survey.value) p.set('survey', survey.value);
    if (from.value) p.set('from', from.value);
    if (to.value) p.set('to', to.value);
    if (segment.value) p.set('segment', segment.value);
    return p;
  };

  const load = async () => {
    error.value = '';
    const p = params();
    try {
      // The split by version is a breakdown of its own (it cannot be combined with a segment), so a second read.
      const split = new URLSearchParams(p);
      split.delete('segment');
      split.set('split', 'version');
      const [{ data }, byVersion] = await Promise.all([
        unlessBusy(() => call<Answer>('GET', `/v1/scores?${p}`)),
        unlessBusy(() => call<Answer>('GET', `/v1/scores?${split}`)).then(
          (r) => r.data,
          () => null,
        ),
      ]);
      for (const s of data.surveys) {
        const v = byVersion?.surveys.find((x) => x.surveyId === s.surveyId);
        // Only worth a table once some answer carries a version.
        if (v && v.segments.some((g) => g.value !== '')) s.versions = v.segments as VersionCell[];
      }
      // The closed loop of the same days; without it (a read that failed) the cards say there is none.
      loop.value = await call<{ surveys: ClosedLoopRow[] }>('GET', `${admin('sites', site, 'closed-loop')}?from=${data.from}&to=${data.to}`).then(
        (r) => r.data.surveys,
        () => [],
      );
      if (!from.value) from.value = data.from;
      if (!to.value) to.value = data.to;
      answer.value = data;
      const next = new Map<string, Mark[]>();
      await Promise.all(
        data.surveys.map((s) =>
          versions(site, s.surveyId).then(
            ({ data: v }) => next.set(s.surveyId, v.versions.map((x) => ({ at: Date.parse(x.publishedAt), version: x.version }))),
            () => {},
          ),
        ),
      );
      marks.value = next;
    } catch (err) {
      error.value = `Could not load scores: ${readFailure(err)}`;
    }
  };

  // A link names its site: show that one (when this account sees it); the screen comes back keyed by it.
  const switching = !!wanted && wanted !== site && sites.value.some((s) => s.id === wanted);
  useEffect(() => {
    if (switching) chooseSite(wanted);
  }, [wanted, site]);
  useEffect(() => {
    if (switching) return;
    answer.value = null;
    from.value = '';
    to.value = '';
    void load();
    void listSurveys(site).then(
      ({ data }) => (surveyIds.value = data.surveys.map((s) => s.id)),
      () => {},
    );
  }, [site]);

  const p = params();
  const exportHref = (format: string) => {
    const q = new URLSearchParams(p);
    q.delete('interval');
    q.delete('segment');
    q.set('format', format);
    return `/v1/responses/export?${q}`;
  };
  return (
    <>
      <div class="toolbar">
        <h1>Report</h1>
        <div class="actions">
          <a class="button" href={exportHref('csv')} download>
            Export CSV
          </a>
          <a class="button" href={exportHref('ndjson')} download>
            Export NDJSON
          </a>
        </div>
      </div>
      <form
        class="row filters"
        aria-label="Filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <div class="field">
          <label for="r-survey">Survey</label>
          <select id="r-survey" value={survey.value} onChange={(e) => (survey.value = e.currentTarget.value)}>
            <option value="">all surveys</option>
            {surveyOptions.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="r-from">From</label>
          <input id="r-from" type="date" value={from.value} onInput={(e) => (from.value = e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="r-to">To</label>
          <input id="r-to" type="date" value={to.value} onInput={(e) => (to.value = e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="r-by">By</label>
          <select id="r-by" value={by.value} onChange={(e) => (by.value = e.currentTarget.value as 'day')}>
            <option value="day">day</option>
            <option value="week">week</option>
            <option value="month">month</option>
          </select>
        </div>
        <div class="field">
          <label for="r-segment">Segment</label>
          <select id="r-segment" value={segment.value} onChange={(e) => (segment.value = e.currentTarget.value)}>
            <option value="">none</option>
            {segments.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <button class="primary" type="submit">
          Apply
        </button>
      </form>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <div class="stack" aria-live="polite" data-loaded={answer.value ? 'true' : undefined}>
        {!answer.value && !error.value && <p class="muted">Loading…</p>}
        {answer.value?.surveys.length === 0 && <p class="muted">No responses in this range yet.</p>}
        {answer.value?.surveys.map((s) => <SurveyCard key={s.surveyId} s={s} params={p} segment={segment.value} marks={marks.value.get(s.surveyId) ?? []} range={{ site, from: answer.value!.from, to: answer.value!.to, loop: loop.value }} />)}
      </div>
    </>
  );
}
