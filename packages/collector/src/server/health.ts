// /healthz without waiting behind reads: it answers from a recent successful
// probe of the database and refreshes it in the background, so a crowd of
// slow reads on PGlite's one connection cannot make a load balancer think
// the instance is dead. Only when no probe has succeeded lately does it wait
// for one (and answer 503 when that fails or takes too long).
import type { Storage } from '../storage/types.js';

/** What /healthz answers. */
export type Health = { ok: true; schema: number } | { ok: false };

/** The health check of one storage. */
export interface HealthProbe {
  check(): Promise<Health>;
}

/**
 * Probes `storage.schemaVersion()`: a success younger than `freshMs` is
 * answered as is; one younger than `staleMs` is answered at once while a new
 * probe runs; older, the answer waits for a probe (at most `timeoutMs`).
 */
export function healthProbe(storage: Pick<Storage, 'schemaVersion'>, { freshMs = 1000, staleMs = 10_000, timeoutMs = 5000, now = Date.now } = {}): HealthProbe {
  let last: { at: number; schema: number } | undefined;
  let inFlight: Promise<Health> | undefined;
  const probe = (): Promise<Health> => {
    inFlight ??= storage.schemaVersion().then(
      (schema): Health => {
        last = { at: now(), schema };
        inFlight = undefined;
        return { ok: true, schema };
      },
      (): Health => {
        // A failure forgets the last success: the next check waits for a fresh probe.
        last = undefined;
        inFlight = undefined;
        return { ok: false };
      },
    );
    return inFlight;
  };
  return {
    async check() {
      const age = last ? now() - last.at : Infinity;
      if (last && age < freshMs) return { ok: true, schema: last.schema };
      const fresh = probe();
      if (last && age < staleMs) return { ok: true, schema: last.schema };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<Health>((resolve) => (timer = setTimeout(() => resolve({ ok: false }), timeoutMs)));
      try {
        return await Promise.race([fresh, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
