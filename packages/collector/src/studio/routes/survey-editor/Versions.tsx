// The published versions of a survey and the diff between any two (or a
// version and the draft), from the API's own diff.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Change, Version } from '../../api/types.js';
import { diff, versions } from './api.js';

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

export function Versions({ site, id, latest }: { site: string; id: string; latest: number }) {
  const list = useSignal<Version[]>([]);
  const from = useSignal('1');
  const to = useSignal('draft');
  const changes = useSignal<Change[] | null>(null);
  const error = useSignal('');

  useEffect(() => {
    versions(site, id).then(
      ({ data }) => {
        list.value = data.versions;
        from.value = String(Math.max(1, latest - 1));
        to.value = latest > 1 ? String(latest) : 'draft';
      },
      (err: Error) => (error.value = err.message),
    );
  }, [site, id, latest]);

  const compare = () =>
    diff(site, id, from.value, to.value).then(
      ({ data }) => {
        changes.value = data.changes;
        error.value = '';
      },
      (err: Error) => (error.value = err.message),
    );

  const options = [...list.value.map((v) => String(v.version)), 'draft'];
  return (
    <section class="card versions" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <table>
        <caption class="sr-only">Published versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">By</th>
            <th scope="col">Content hash</th>
          </tr>
        </thead>
        <tbody>
          {list.value.map((v) => (
            <tr key={v.version}>
              <td>v{v.version}</td>
              <td>{new Date(v.publishedAt).toLocaleString()}</td>
              <td>{v.publishedBy}</td>
              <td>
                <code>{v.hash.slice(0, 12)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <div class="field">
          <label for="diff-from">Compare</label>
          <select id="diff-from" value={from.value} onChange={(e) => (from.value = e.currentTarget.value)}>
            {options.map((o) => (
              <option key={o} value={o}>
                {o === 'draft' ? 'draft' : `v${o}`}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="diff-to">with</label>
          <select id="diff-to" value={to.value} onChange={(e) => (to.value = e.currentTarget.value)}>
            {options.map((o) => (
              <option key={o} value={o}>
                {o === 'draft' ? 'draft' : `v${o}`}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={compare}>
          Show changes
        </button>
      </div>
      {error.value && <p class="error">{error.value}</p>}
      {changes.value && (
        <table class="diff">
          <caption>
            Changes from {from.value === 'draft' ? 'the draft' : `v${from.value}`} to {to.value === 'draft' ? 'the draft' : `v${to.value}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Was</th>
              <th scope="col">Is</th>
            </tr>
          </thead>
          <tbody>
            {changes.value.length === 0 && (
              <tr>
                <td colSpan={3}>No changes.</td>
              </tr>
            )}
            {changes.value.map((c) => (
              <tr key={c.path}>
                <td>
                  <code>{c.path}</code>
                </td>
                <td class="was">{show(c.from)}</td>
                <td class="is">{show(c.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
