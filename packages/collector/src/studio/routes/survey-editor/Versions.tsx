// The published versions of a survey, the diff between any two (or a
// version and the draft), from the API's own diff, and (for a publisher)
// "Restore as draft": the draft becomes that version again.
import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Change, Version } from '../../api/types.js';
import { DiffTable } from '../../components/DiffTable.js';
import { diff, versions } from './api.js';

/**
 * `restore` is given to those who may roll back (publishers); `restoreBlocked`
 * says why it cannot run now (unsaved edits it would overwrite).
 */
export function Versions({ site, id, latest, restore, restoreBlocked }: { site: string; id: string; latest: number; restore?: ((version: number) => void) | undefined; restoreBlocked?: string | undefined }) {
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
            {restore && <th scope="col">Draft</th>}
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
              {restore && (
                <td>
                  {/* aria-disabled keeps it focusable, so the reason (its description) is read. */}
                  <button type="button" aria-disabled={restoreBlocked ? 'true' : undefined} aria-describedby={restoreBlocked ? 'restore-blocked' : undefined} onClick={() => !restoreBlocked && restore(v.version)}>
                    Restore v{v.version} as draft
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {restore && restoreBlocked && (
        <p class="hint" id="restore-blocked">
          {restoreBlocked}
        </p>
      )}
      <div class="row">
        <VersionPicker id="diff-from" label="Compare" options={options} chosen={from} />
        <VersionPicker id="diff-to" label="with" options={options} chosen={to} />
        <button type="button" onClick={compare}>
          Show changes
        </button>
      </div>
      {error.value && <p class="error">{error.value}</p>}
      {changes.value && (
        <DiffTable
          changes={changes.value}
          caption={`Changes from ${from.value === 'draft' ? 'the draft' : `v${from.value}`} to ${to.value === 'draft' ? 'the draft' : `v${to.value}`}`}
        />
      )}
    </section>
  );
}

/** One side of the comparison: a version (`v2`) or the draft. */
function VersionPicker({ id, label, options, chosen }: { id: string; label: string; options: string[]; chosen: Signal<string> }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={chosen.value} onChange={(e) => (chosen.value = e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o === 'draft' ? 'draft' : `v${o}`}
          </option>
        ))}
      </select>
    </div>
  );
}
