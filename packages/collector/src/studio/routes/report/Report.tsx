// The report as a section of the studio: for the chosen site and range, each
// survey's score with its interval, band split, response rate, trend (with
// the moments a version went live), distribution, segments, answers by
// version, latest comments (as text), the closed loop (detractor answers
// closed, median time to close, a link to the open ones) and insights.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { ScoreCell, SurveyScores } from '../../../scores.js';
import { insightsSection } from './insights.js';
import { ApiError, admin, call } from '../../api/client.js';
import { site as currentSite } from '../../session.js';
import { versions } from '../survey-editor/api.js';
import { BAND_LABEL, bandSplit } from './bands.js';
import type { ClosedLoopRow } from './ClosedLoop.js';
import { lazyScreen } from '../../components/lazy.js';
import { distributionChart, trendChart } from './charts.js';
import { fmt, interval, pct } from './format.js';

const LABEL = { nps: 'NPS', csat: 'CSAT %', ces: 'CES %' } as const;
const ClosedLoop = lazyScreen(() => import('./ClosedLoop.js').then((m) => m.ClosedLoop), 'the closed loop');

interface Comment {
  score: number;
  comment: string;
  createdAt: string;
  channel: string;
}

/** A survey's scores per version: the breakdown of /v1/scores?split=version ('' for answers stored before versions). */
type VersionCell = ScoreCell & { value: string };
type Scored = SurveyScores & { versions?: VersionCell[] };

function Bands({ s }: { s: SurveyScores }) {
  const split = bandSplit(s.kind, s.scale, s.total.counts);
  return (
    <table class="bands">
      <caption>Band split</caption>
      <thead>
        <tr>
          <th scope="col">Band</th>
          <th scope="col" class="num">Answers</th>
          <th scope="col" class="num">Share</th>
          <th scope="col" class="num">95 % interval</th>
        </tr>
      </thead>
      <tbody>
        {split.map((b) => (
          <tr key={b.band} data-band={b.band}>
            <th scope="row">{BAND_LABEL[b.band]}</th>
            <td class="num">{b.count}</td>
            <td class="num">{pct(b.share)}</td>
            <td class="num">{b.ci ? `${pct(b.ci[0])} – ${pct(b.ci[1])}` : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cells({ caption, first, rows, kind }: { caption: string; first: string; rows: Array<{ key: string; cell: ScoreCell }>; kind: SurveyScores['kind'] }) {
  return (
    <table class={caption.startsWith('By version') ? 'by-version' : 'segments'}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col" class="num">n</th>
          <th scope="col" class="num">{LABEL[kind]}</th>
          <th scope="col" class="num">interval</th>
          <th scope="col" class="num">response rate</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, cell }) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td class="num">{cell.n}</td>
            <td class="num">{fmt(cell.score)}</td>
            <td class="num">{interval(cell.ci)}</td>
            <td class="num">{cell.responseRate?.rate != null ? `${fmt(cell.responseRate.rate)} %` : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Range = { site: string; from: string; to: string; loop: ClosedLoopRow[] };

function SurveyCard({ s, params, segment, marks, range }: { s: Scored; params: URLSearchParams; segment: string; marks: Array<{ at: number; version: number }>; range: Range }) {
  const trend = useRef<HTMLDivElement>(null);
  const dist = useRef<HTMLDivElement>(null);
  const insights = useRef<HTMLDivElement>(null);
  const comments = useSignal<Comment[] | null>(null);
  const commentError = useSignal('');
  const t = s.total;

  useEffect(() => {
    const width = Math.max(260, trend.current!.clientWidth);
    void trendChart(trend.current!, s, width, marks);
    void distributionChart(dist.current!, s, width);
    insights.current!.replaceChildren(insightsSection(s.surveyId, params));
    const q = new URLSearchParams(params);
    q.set('survey', s.surveyId);
    q.set('limit', '20');
    // A busy collector (503, its read gate full while every card loads at once) asks to come back in a second.
    const read = (tries: number): Promise<void> =>
      call<{ comments: Comment[] }>('GET', `/v1/comments?${q}`).then(
        ({ data }) => void (comments.value = data.comments),
        (err: unknown) =>
          err instanceof ApiError && err.status === 503 && tries > 0 ? new Promise<void>((r) => setTimeout(() => r(read(tries - 1)), 1000)) : void (commentError.value = err instanceof Error ? err.message : String(err)),
      );
    void read(5);
  }, [s, marks]);

  const byVersion = s.versions ?? [];
  return (
    <section class="card survey" data-survey={s.surveyId} aria-labelledby={`r-${s.surveyId}`}>
      <div class="head">
        <h2 id={`r-${s.surveyId}`}>
          {LABEL[s.kind]} · {s.surveyId}
        </h2>
        <span class="big">{fmt(t.score)}</span>
        <span class="muted">
          {t.ci ? `95 % interval ${interval(t.ci)}` : 'no interval yet'} · n = {t.n}
          {t.responseRate?.rate != null && ` · response rate ${fmt(t.responseRate.rate)} % (${t.displays} displays, ${t.dismissals} dismissals)`}
        </span>
      </div>
      <div>
        <h3>Trend (interval as band{marks.length ? ', dashed: a new version' : ''})</h3>
        <div ref={trend} />
      </div>
      <div>
        <h3>Distribution</h3>
        <div ref={dist} />
      </div>
      <div>
        <Bands s={s} />
      </div>
      {byVersion.length > 0 && (
        <div>
          <Cells caption="By version" first="version" kind={s.kind} rows={byVersion.map((v) => ({ key: v.value ? `v${v.value}` : '(no version)', cell: v }))} />
        </div>
      )}
      {s.segments.length > 0 && (
        <div>
          <Cells caption={`By ${segment}`} first="segment" kind={s.kind} rows={s.segments.map((g) => ({ key: g.value || '(none)', cell: g }))} />
        </div>
      )}
      <div>
        <h3>Latest comments</h3>
        <ul class="comments" tabIndex={0} aria-label={`Latest comments: ${s.surveyId}`}>
          {comments.value === null && <li class={commentError.value ? 'error' : 'muted'}>{commentError.value ? `Could not load comments: ${commentError.value}` : 'Loading…'}</li>}
          {comments.value?.length === 0 && <li class="muted">No comments in this range.</li>}
          {comments.value?.map((c, i) => (
            <li key={i}>
              <strong>{c.score} </strong>
              {c.comment}
              <div class="muted">
                {c.createdAt.slice(0, 16).replace('T', ' ')} · {c.channel}
              </div>
            </li>
          ))}
        </ul>
      </div>
      <ClosedLoop site={range.site} surveyId={s.surveyId} kind={s.kind} from={range.from} to={range.to} row={range.loop.find((l) => l.surveyId === s.surveyId)} />
      <div class="wide" ref={insights} />
    </section>
  );
}

export function ReportScreen({ site }: { site: string }) {
  const from = useSignal('');
  const to = useSignal('');
  const by = useSignal<'day' | 'week' | 'month'>('week');
  const segment = useSignal('');
  const answer = useSignal<{ surveys: Scored[]; from: string; to: string } | null>(null);
  const loop = useSignal<ClosedLoopRow[]>([]);
  const marks = useSignal<Map<string, Array<{ at: number; version: number }>>>(new Map());
  const error = useSignal('');
  const segments = ['channel', 'locale', ...(currentSite.value?.segments ?? [])];

  const params = () => {
    const p = new URLSearchParams({ site, interval: by.value });
    if (from.value) p.set('from', from.value);
    if (to.value) p.set('to', to.value);
    if (segment.value) p.set('segment', segment.value);
    return p;
  };

  const load = async () => {
    error.value = '';
    const p = params();
    try {
      type Answer = { surveys: Scored[]; from: string; to: string };
      // The split by version is a breakdown of its own (it cannot be combined with a segment), so a second read.
      const split = new URLSearchParams(p);
      split.delete('segment');
      split.set('split', 'version');
      const [{ data }, byVersion] = await Promise.all([
        call<Answer>('GET', `/v1/scores?${p}`),
        call<Answer>('GET', `/v1/scores?${split}`).then(
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
      const next = new Map<string, Array<{ at: number; version: number }>>();
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
      error.value = err instanceof ApiError ? `Could not load scores: ${err.message}` : String(err);
    }
  };
  useEffect(() => {
    answer.value = null;
    from.value = '';
    to.value = '';
    void load();
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
