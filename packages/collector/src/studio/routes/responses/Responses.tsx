// The Responses section (the inbox): the site's answers newest first, each
// with its score and band, comment, survey and version, channel, locale,
// page, time, status, assignee, tags and notes; the filters of the API kept
// in the URL; "Load more" through the keyset cursor; a list the keyboard
// walks, whose Enter opens the answer.
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { ApiError } from '../../api/client.js';
import { KeyboardList } from '../../components/KeyboardList.js';
import { location, navigate } from '../../router.js';
import { chooseSite, site as currentSite, sites } from '../../session.js';
import { listSurveys } from '../survey-editor/api.js';
import { listAssignees, listResponses, type Assignee, type InboxItem } from './api.js';
import { Filters } from './Filters.js';
import { filtersOf, lastList, listPath } from './filters.js';
import { answerPath, pagePath, personName, STATUS_LABEL, when } from './labels.js';

const PAGE = 25;
const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));

/** One answer's line in the list: text only (it is the content of the answer's link). */
export function AnswerSummary({ r, people }: { r: InboxItem; people: readonly Assignee[] }) {
  return (
    <>
      <span class="line">
        <span class={`score ${r.band}`}>{r.score}</span> <span class="band">{r.band}</span>
        <span class={`status ${r.status}`}>{STATUS_LABEL[r.status]}</span>
        {r.test && <span class="tag">test</span>}
        {r.tags.map((t) => (
          <span key={t} class="tag">
            {t}
          </span>
        ))}
      </span>
      <span class={r.comment ? 'comment' : 'comment muted'}>{r.comment || '(no comment)'}</span>
      <span class="meta muted">
        {r.surveyId}
        {r.version !== null && ` v${r.version}`} · {when(r.createdAt)} · {r.channel}
        {r.locale && ` · ${r.locale}`}
        {r.page.url && ` · ${pagePath(r.page.url)}`} · {r.assignee ? `assigned to ${personName(r.assignee, people)}` : 'unassigned'}
        {r.noteCount > 0 && ` · ${r.noteCount} ${r.noteCount === 1 ? 'note' : 'notes'}`}
      </span>
    </>
  );
}

export function ResponsesScreen({ site }: { site: string }) {
  const search = location.value.split('?')[1] ?? '';
  const wanted = new URLSearchParams(search).get('site');
  const filters = filtersOf(search);
  const key = filters.toString();
  const items = useSignal<InboxItem[] | null>(null);
  const next = useSignal<string | null>(null);
  const error = useSignal('');
  const busy = useSignal(false);
  const focusIndex = useSignal<number | undefined>(undefined);
  const surveys = useSignal<string[]>([]);
  const people = useSignal<Assignee[]>([]);

  // A shared link names its site: show that one (when this account sees it).
  useEffect(() => {
    if (wanted && wanted !== site && sites.value.some((s) => s.id === wanted)) chooseSite(wanted);
  }, [wanted, site]);
  useEffect(() => {
    void listSurveys(site).then(
      ({ data }) => (surveys.value = data.surveys.map((s) => s.id)),
      () => {},
    );
    void listAssignees().then(
      ({ data }) => (people.value = data.users),
      () => {},
    );
  }, [site]);

  const load = async (before?: string) => {
    const q = new URLSearchParams(filters);
    q.set('limit', String(PAGE));
    if (before) q.set('before', before);
    busy.value = true;
    error.value = '';
    try {
      const { data } = await listResponses(site, q);
      const had = before ? (items.value ?? []) : [];
      items.value = [...had, ...data.responses];
      next.value = data.next;
      // After "Load more", the keyboard carries on from the first new answer.
      focusIndex.value = before && data.responses.length ? had.length : undefined;
    } catch (err) {
      error.value = `Could not load the answers: ${why(err)}`;
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => {
    if (wanted && wanted !== site && sites.value.some((s) => s.id === wanted)) return;
    lastList.value = listPath(site, filters);
    items.value = null;
    void load();
  }, [site, key]);

  const form = useMemo(
    () => <Filters key={key} filters={filters} surveys={surveys.value} segments={currentSite.value?.segments ?? []} people={people.value} onApply={(f) => navigate(listPath(site, f))} />,
    [key, site, surveys.value, people.value],
  );
  const list = items.value;
  return (
    <>
      <div class="toolbar">
        <h1>Responses</h1>
        {filters.size > 0 && (
          <a
            href={listPath(site, new URLSearchParams())}
            onClick={(e) => {
              e.preventDefault();
              navigate(listPath(site, new URLSearchParams()));
            }}
          >
            Clear the filters
          </a>
        )}
      </div>
      {form}
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      <div class="stack inbox" aria-busy={busy.value} data-loaded={list ? 'true' : undefined}>
        {!list && !error.value && <p class="muted">Loading…</p>}
        {list?.length === 0 && <p>{filters.size ? 'No answers match these filters.' : 'No answers yet.'}</p>}
        {list && list.length > 0 && (
          <KeyboardList
            items={list}
            label={`Answers, newest first${next.value ? ` (${list.length} loaded)` : ` (${list.length})`}`}
            keyOf={(r) => r.id}
            hrefOf={(r) => answerPath(site, r.id)}
            render={(r) => <AnswerSummary r={r} people={people.value} />}
            more={next.value !== null}
            {...(focusIndex.value !== undefined ? { focusIndex: focusIndex.value } : {})}
          />
        )}
        {next.value && (
          <button type="button" disabled={busy.value} onClick={() => void load(next.value!)}>
            Load more
          </button>
        )}
      </div>
    </>
  );
}
