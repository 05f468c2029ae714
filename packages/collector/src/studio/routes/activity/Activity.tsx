// The activity log: who changed what, when, and the change, newest first,
// a page at a time.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError, admin, call } from '../../api/client.js';
import type { ActivityEntry } from '../../api/types.js';

export function ActivityScreen({ site }: { site: string | null }) {
  const entries = useSignal<ActivityEntry[]>([]);
  const next = useSignal<number | null>(null);
  const error = useSignal('');
  const loaded = useSignal(false);

  const load = async (before?: number) => {
    const q = new URLSearchParams({ limit: '50' });
    if (site) q.set('site', site);
    if (before !== undefined) q.set('before', String(before));
    try {
      const { data } = await call<{ entries: ActivityEntry[]; next: number | null }>('GET', `${admin('activity')}?${q}`);
      entries.value = before === undefined ? data.entries : [...entries.value, ...data.entries];
      next.value = data.next;
      loaded.value = true;
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
    }
  };
  useEffect(() => void load(), [site]);

  return (
    <>
      <div class="toolbar">
        <h1>Activity</h1>
      </div>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {loaded.value && entries.value.length === 0 && <p class="muted">Nothing has changed yet.</p>}
      <ol class="activity">
        {entries.value.map((e) => (
          <li key={e.seq} class="card">
            <div>
              <strong>{e.actor.label}</strong> <code>{e.action}</code> {e.subject.type} <code>{e.subject.id}</code>
              {e.site && <span class="muted"> · {e.site}</span>}
              <time class="muted" dateTime={e.at}>
                {' '}
                · {new Date(e.at).toLocaleString()}
              </time>
            </div>
            {e.diff !== null && e.diff !== undefined && (
              <details>
                <summary>The change</summary>
                <pre class="code">{JSON.stringify(e.diff, null, 2)}</pre>
              </details>
            )}
          </li>
        ))}
      </ol>
      {next.value !== null && (
        <button type="button" onClick={() => void load(next.value!)}>
          Older entries
        </button>
      )}
    </>
  );
}
