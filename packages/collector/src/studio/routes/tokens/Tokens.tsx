// API tokens: the signed-in user's own, for scripts and CI. Make one with a
// role at most one's own (the API refuses more; the choice offers no more),
// see it once with a copy button, revoke one. A token or the config secret
// has no account to make tokens for; the screen says so.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ROLES, atLeast } from '../../../auth/roles.js';
import { ApiError, admin, call } from '../../api/client.js';
import type { ApiToken, Role } from '../../api/types.js';
import { me } from '../../session.js';

const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

export function TokensScreen() {
  const tokens = useSignal<ApiToken[] | null>(null);
  const message = useSignal('');
  const made = useSignal<(ApiToken & { token: string }) | null>(null);
  const copied = useSignal('');
  const load = () =>
    call<{ tokens: ApiToken[] }>('GET', admin('tokens')).then(
      ({ data }) => (tokens.value = data.tokens),
      (err: unknown) => (message.value = why(err)),
    );
  useEffect(() => void load(), []);

  const role = me.value?.role ?? 'viewer';
  if (me.value?.kind !== 'user') {
    return (
      <>
        <h1>API tokens</h1>
        <p>API tokens belong to a studio account: sign in with your email and password to make one.</p>
      </>
    );
  }
  const revoke = (t: ApiToken) =>
    call<null>('DELETE', admin('tokens', t.id)).then(
      () => {
        message.value = `Revoked “${t.name}”.`;
        if (made.value?.id === t.id) made.value = null;
        void load();
      },
      (err: unknown) => (message.value = why(err)),
    );

  return (
    <>
      <div class="toolbar">
        <h1>API tokens</h1>
      </div>
      <p role="status" class="message">
        {message.value}
      </p>
      {made.value && (
        <section class="card stack" aria-labelledby="made-title">
          <h2 id="made-title">Your new token “{made.value.name}”</h2>
          <p id="made-hint">Copy it now: it is shown once, and the collector keeps only its hash. Send it as <code>Authorization: Bearer …</code>.</p>
          <div class="row">
            <div class="field">
              <label for="made-token">Token ({made.value.role})</label>
              <input id="made-token" type="text" readOnly value={made.value.token} aria-describedby="made-hint" class="code" onFocus={(e) => e.currentTarget.select()} />
            </div>
            <button
              type="button"
              onClick={() =>
                navigator.clipboard.writeText(made.value!.token).then(
                  () => (copied.value = 'Copied.'),
                  () => (copied.value = 'Copying was refused: select the token and copy it.'),
                )
              }
            >
              Copy token
            </button>
            <span role="status">{copied.value}</span>
          </div>
        </section>
      )}
      {tokens.value && tokens.value.length === 0 && <p>You have no API tokens.</p>}
      {tokens.value && tokens.value.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Made</th>
                <th scope="col">Last used</th>
                <th scope="col">Revoke</th>
              </tr>
            </thead>
            <tbody>
              {tokens.value.map((t) => (
                <tr key={t.id} data-token={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{t.role}</td>
                  <td>{when(t.createdAt)}</td>
                  <td>{when(t.lastUsedAt)}</td>
                  <td>
                    <button type="button" onClick={() => void revoke(t)}>
                      Revoke “{t.name}”
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        class="card stack"
        aria-labelledby="new-token"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          try {
            const { data } = await call<ApiToken & { token: string }>('POST', admin('tokens'), { body: { name: f.get('name'), role: f.get('role') } });
            made.value = data;
            copied.value = '';
            message.value = `Made “${data.name}”.`;
            form.reset();
            void load();
          } catch (err) {
            message.value = why(err);
          }
        }}
      >
        <h2 id="new-token">Make a token</h2>
        <div class="row">
          <div class="field">
            <label for="token-name">Name</label>
            <input id="token-name" name="name" required maxLength={100} autocomplete="off" placeholder="ci deploy" />
          </div>
          <div class="field">
            <label for="token-role">Role</label>
            <span class="hint" id="token-role-hint">
              At most yours ({role})
            </span>
            <select id="token-role" name="role" aria-describedby="token-role-hint">
              {ROLES.filter((r: Role) => atLeast(role, r)).map((r) => (
                <option key={r} selected={r === 'viewer'}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button class="primary" type="submit">
          Make token
        </button>
      </form>
    </>
  );
}
