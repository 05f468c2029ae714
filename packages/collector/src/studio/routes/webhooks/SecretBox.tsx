// A signing secret, shown once (after the endpoint is made, or its secret
// rotated): a read-only box, a copy button, and how a receiver checks it.
import { useSignal } from '@preact/signals';

export function SecretBox({ secret, after }: { secret: string; after: 'created' | 'rotated' }) {
  const copied = useSignal('');
  return (
    <section class="card stack" aria-labelledby="secret-shown">
      <h2 id="secret-shown">{after === 'created' ? 'The endpoint’s signing secret' : 'The new signing secret'}</h2>
      <p id="secret-hint">
        Copy it now: it is shown this once. Every delivery is signed as the Standard Webhooks specification says (headers <code>webhook-id</code>, <code>webhook-timestamp</code>,{' '}
        <code>webhook-signature</code>); verify it with this <code>whsec_…</code> secret and the raw body, for example with the <code>standardwebhooks</code> package:{' '}
        <code>new Webhook(secret).verify(body, headers)</code>. Ignore a <code>webhook-id</code> you have seen already: retries and replays send the same one.
      </p>
      <div class="row">
        <div class="field">
          <label for="secret-value">Signing secret</label>
          <input id="secret-value" type="text" readOnly value={secret} class="code" aria-describedby="secret-hint" onFocus={(e) => e.currentTarget.select()} />
        </div>
        <button
          type="button"
          onClick={() =>
            // No clipboard outside a secure context: a rejection, not a throw.
            Promise.resolve()
              .then(() => navigator.clipboard.writeText(secret))
              .then(
              () => (copied.value = 'Copied.'),
              () => (copied.value = 'Copying was refused: select the secret and copy it.'),
            )
          }
        >
          Copy secret
        </button>
        <span role="status">{copied.value}</span>
      </div>
    </section>
  );
}
