// Users (admin): add one with a role, change a role, disable or enable.
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ROLES } from '../../../auth/roles.js';
import { ApiError, admin, call } from '../../api/client.js';
import type { Role, User } from '../../api/types.js';
import { me } from '../../session.js';

const why = (err: unknown) => (err instanceof ApiError ? (err.path ? `${err.path}: ${err.message}` : err.message) : String(err));

export function UsersScreen() {
  const users = useSignal<User[] | null>(null);
  const message = useSignal('');
  const load = () =>
    call<{ users: User[] }>('GET', admin('users')).then(
      ({ data }) => (users.value = data.users),
      (err: unknown) => (message.value = why(err)),
    );
  useEffect(() => void load(), []);
  const patch = (u: User, body: Partial<Pick<User, 'role' | 'disabled'>>, done: string) =>
    call<User>('PATCH', admin('users', u.id), { body }).then(
      () => {
        message.value = done;
        void load();
      },
      (err: unknown) => (message.value = why(err)),
    );

  return (
    <>
      <div class="toolbar">
        <h1>Users</h1>
      </div>
      <p role="status" class="message">
        {message.value}
      </p>
      {users.value && (
        <div class="table-wrap">
          <table>
            <caption class="sr-only">Users</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {users.value.map((u) => (
                <tr key={u.id} data-user={u.email}>
                  <th scope="row">{u.email}</th>
                  <td>{u.name}</td>
                  <td>
                    <select aria-label={`Role of ${u.email}`} value={u.role} disabled={u.id === me.value?.id} onChange={(e) => patch(u, { role: e.currentTarget.value as Role }, `${u.email} is now ${e.currentTarget.value}.`)}>
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  </td>
                  <td>{u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString() : 'never'}</td>
                  <td>
                    <button type="button" disabled={u.id === me.value?.id} onClick={() => patch(u, { disabled: !u.disabled }, `${u.email} ${u.disabled ? 'enabled' : 'disabled'}.`)}>
                      {u.disabled ? `Enable ${u.email}` : `Disable ${u.email}`}
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
        aria-labelledby="new-user"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          try {
            await call<User>('POST', admin('users'), { body: { email: f.get('email'), name: f.get('name') || undefined, password: f.get('password'), role: f.get('role') } });
            message.value = `Added ${String(f.get('email'))}.`;
            form.reset();
            void load();
          } catch (err) {
            message.value = why(err);
          }
        }}
      >
        <h2 id="new-user">Add a user</h2>
        <div class="row">
          <div class="field">
            <label for="user-email">Email</label>
            <input id="user-email" name="email" type="email" required autocomplete="off" />
          </div>
          <div class="field">
            <label for="user-name">Name</label>
            <input id="user-name" name="name" autocomplete="off" />
          </div>
          <div class="field">
            <label for="user-password">Password</label>
            <input id="user-password" name="password" type="password" required minLength={12} autocomplete="new-password" />
          </div>
          <div class="field">
            <label for="user-role">Role</label>
            <select id="user-role" name="role">
              {ROLES.map((r) => (
                <option key={r} selected={r === 'editor'}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button class="primary" type="submit">
          Add user
        </button>
      </form>
    </>
  );
}
