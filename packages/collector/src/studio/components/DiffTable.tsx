// A diff as the API reports it (`{ path, from, to }`, paths as parseSurvey
// names fields), as a table: the versions list and publish requests show it.
import type { Change } from '../api/types.js';

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

export function DiffTable({ changes, caption }: { changes: Change[]; caption: string }) {
  return (
    <table class="diff">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Was</th>
          <th scope="col">Is</th>
        </tr>
      </thead>
      <tbody>
        {changes.length === 0 && (
          <tr>
            <td colSpan={3}>No changes.</td>
          </tr>
        )}
        {changes.map((c) => (
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
  );
}
