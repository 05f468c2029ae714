// The owner is told: above every screen, an admin sees each endpoint of the
// chosen site that the dispatcher disabled (a 410 from the receiver, or
// failing for days), with a link to it, without opening the Webhooks
// screen. It is in the first bundle, so it holds only the list call and a
// link; it asks again when the site or the screen changes, and when the
// Webhooks screen says it changed something (`webhooksChanged`).
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin, call } from '../../api/client.js';
import { Link, location } from '../../router.js';
import { can, siteId } from '../../session.js';
import type { WebhookEndpoint } from './api.js';

/** Bumped by the Webhooks screen after a change, so the notice reads the list again. */
export const webhooksChanged = signal(0);

const disabled = signal<WebhookEndpoint[]>([]);

export function DisabledWebhooksNotice() {
  const site = siteId.value;
  const isAdmin = can('admin');
  const path = location.value.split('?')[0];
  const changed = webhooksChanged.value;
  useEffect(() => {
    if (!site || !isAdmin) return void (disabled.value = []);
    let live = true;
    call<{ endpoints: WebhookEndpoint[] }>('GET', admin('sites', site, 'webhooks')).then(
      ({ data }) => live && (disabled.value = data.endpoints.filter((e) => e.needsAttention && e.disabled)),
      // Not worth a banner of its own: the Webhooks screen says what went wrong when opened.
      () => live && (disabled.value = []),
    );
    return () => void (live = false);
  }, [site, isAdmin, path, changed]);
  if (!disabled.value.length) return null;
  return (
    <section class="notice" aria-label="Disabled webhook endpoints">
      {disabled.value.map((e) => (
        <p key={e.id}>
          Webhook endpoint <span class="code">{e.url}</span> was disabled on {new Date(e.disabled!.at).toLocaleString()}: {e.disabled!.reason}.{' '}
          <Link href={`/studio/webhooks/${encodeURIComponent(e.id)}`}>Open webhooks</Link>
        </p>
      ))}
    </section>
  );
}
