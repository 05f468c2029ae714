// One survey's card in the report: the score with its interval and
// response rate, the trend (with the moments a version went live), the
// distribution, the band split, the answers by version and by segment, the
// latest comments (as text), the closed loop and the insights.
import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ScoreCell, SurveyScores } from '../../../scores.js';
import { call } from '../../api/client.js';
import { lazyScreen } from '../../components/lazy.js';
import { BAND_LABEL, bandSplit } from './bands.js';
import { readFailure, unlessBusy } from './busy.js';
import { distributionChart, trendChart } from './charts.js';
import type { ClosedLoopRow } from './ClosedLoop.js';
import { fmt, interval, pct } from './format.js';
import { insightsSection } from './insights.js';

export const LABEL = { nps: 'NPS', csat: 'CSAT %', ces: 'CES %' } as const;
const ClosedLoop = lazyScreen(() => import('./ClosedLoop.js').then((m) => m.ClosedLoop), 'the closed loop');

interface Comment {
  score: number;
  comment: string;
  createdAt: string;
  channel: string;
}

/** A survey's scores per version: the breakdown of /v1/scores?split=version ('' for answers stored before versions). */
export type VersionCell = ScoreCell & { value: string };
export type Scored = SurveyScores & { versions?: VersionCell[] };
/** When a version went live (ms) and its number: a dashed line on the trend. */
export type Mark = { at: number; version: number };

/** A table in a box that scrolls sideways when the column is narrower (400 % zoom); a Tab stop, so the keyboard scrolls it too. */
function Scrolls({ name, children }: { name: string; children: ComponentChildren }) {
  return (
    <div class="scroll-x" tabIndex={0} role="region" aria-label={name}>
      {children}
    </div>
  );
}

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

/** The range the cards show, and the closed-loop figures of its days. */
export type Range = { site: string; from: string; to: string; loop: ClosedLoopRow[] };

/**
 * Says so in `box` when its chart cannot be drawn (uPlot's chunk did not
 * load, or the browser gives no canvas: some hardened ones refuse it); the
 * figures beside it are still there to read.
 */
function drawn(box: HTMLElement, drawing: Promise<void>): void {
  drawing.catch(() => {
    const note = document.createElement('p');
    note.className = 'muted';
    note.textContent = 'This chart could not be drawn in this browser.';
    box.replaceChildren(note);
  });
}

export function SurveyCard({ s, params, segment, marks, range }: { s: Scored; params: URLSearchParams; segment: string; marks: Mark[]; range: Range }) {
  const trend = useRef<HTMLDivElement>(null);
  const dist = useRef<HTMLDivElement>(null);
  const insights = useRef<HTMLDivElement>(null);
  const comments = useSignal<Comment[] | null>(null);
  const commentError = useSignal('');
  const t = s.total;

  // The charts again when the version marks arrive (they are read after the scores); the reads below only for new scores.
  useEffect(() => {
    // The column's width (a narrow screen, or 400 % zoom, gets a narrow chart rather than a page that scrolls sideways).
    const width = Math.max(160, trend.current!.clientWidth);
    drawn(trend.current!, trendChart(trend.current!, s, width, marks));
    drawn(dist.current!, distributionChart(dist.current!, s, width));
  }, [s, marks]);

  useEffect(() => {
    insights.current!.replaceChildren(insightsSection(s.surveyId, params));
    const q = new URLSearchParams(params);
    q.set('survey', s.surveyId);
    q.set('limit', '20');
    unlessBusy(() => call<{ comments: Comment[] }>('GET', `/v1/comments?${q}`)).then(
      ({ data }) => void (comments.value = data.comments),
      (err: unknown) => void (commentError.value = readFailure(err)),
    );
  }, [s]);

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
        <Scrolls name={`Band split: ${s.surveyId}`}>
          <Bands s={s} />
        </Scrolls>
      </div>
      {byVersion.length > 0 && (
        <div>
          <Scrolls name={`By version: ${s.surveyId}`}>
            <Cells caption="By version" first="version" kind={s.kind} rows={byVersion.map((v) => ({ key: v.value ? `v${v.value}` : '(no version)', cell: v }))} />
          </Scrolls>
        </div>
      )}
      {s.segments.length > 0 && (
        <div>
          <Scrolls name={`By ${segment}: ${s.surveyId}`}>
            <Cells caption={`By ${segment}`} first="segment" kind={s.kind} rows={s.segments.map((g) => ({ key: g.value || '(none)', cell: g }))} />
          </Scrolls>
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

