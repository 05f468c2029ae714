// Sign-in: email and password, one POST /v1/admin/session. The collector's
// answer (wrong pair, too many attempts) is said in words, in an alert the
// screen reader announces, and focus stays in the form.
import { useSignal } from '@preact/signals';
import { ApiError } from '../../api/client.js';
import { signIn } from '../../session.js';

/** What a refused sign-in means to the person at the keyboard. */
export function signInError(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Sign-in failed.';
  if (err.status === 401) return 'That email and password do not match an account.';
  if (err.status === 429) return 'Too many attempts. Wait a minute, then try again.';
  if (err.status === 0) return err.message;
  return `Sign-in failed: ${err.message}`;
}

export function SignIn() {
  const error = useSignal('');
  const busy = useSignal(false);
  return (
    <main id="main" class="signin">
      <form
        class="card stack"
        aria-labelledby="signin-title"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const data = new FormData(form);
          busy.value = true;
          error.value = '';
          try {
            await signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
          } catch (err) {
            error.value = signInError(err);
            form.querySelector<HTMLInputElement>('input[name=password]')?.select();
          } finally {
            busy.value = false;
          }
        }}
      >
        <h1 id="signin-title">Sign in to sayso studio</h1>
        <label class="field">
          <span>Email</span>
          <input name="email" type="email" autocomplete="username" required autofocus />
        </label>
        <label class="field">
          <span>Password</span>
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <p class="error" role="alert">
          {error.value}
        </p>
        <button class="primary" type="submit" disabled={busy.value}>
          {busy.value ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
