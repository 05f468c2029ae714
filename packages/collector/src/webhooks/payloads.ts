// The body of a delivery: the Standard Webhooks envelope `{ type,
// timestamp, data }`, minified, at most MAX_BODY_BYTES. A response whose
// texts would make it larger is trimmed: the longest text (comment, an
// answer, a string attribute) is cut to half, with "…", until it fits, and
// `data.truncated` lists the paths that were cut (`["comment",
// "answers.why"]`), so a receiver knows to fetch the whole answer.

/** Largest body sent, in bytes of UTF-8. */
export const MAX_BODY_BYTES = 20_000;

const TIME_KEYS = ['createdAt', 'receivedAt', 'followedUpAt'];

/** Times as PostgreSQL's JSON writes them (`…+00:00`) become ISO strings in UTC (`…Z`). */
function normaliseTimes(response: Record<string, unknown>) {
  for (const key of TIME_KEYS) {
    const v = response[key];
    if (typeof v === 'string') response[key] = new Date(v).toISOString();
  }
}

type Texts = Array<{ path: string; get: () => string; set: (v: string) => void }>;

function textsOf(response: Record<string, unknown>): Texts {
  const out: Texts = [];
  if (typeof response.comment === 'string') out.push({ path: 'comment', get: () => response.comment as string, set: (v) => (response.comment = v) });
  for (const field of ['answers', 'attributes'] as const) {
    const obj = response[field];
    if (typeof obj !== 'object' || obj === null) continue;
    const record = obj as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (typeof record[key] === 'string') out.push({ path: `${field}.${key}`, get: () => record[key] as string, set: (v) => (record[key] = v) });
    }
  }
  return out;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts `text` to about half its characters, never inside a surrogate pair, and marks the cut. */
function halve(text: string): string {
  let end = Math.floor(text.length / 2);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + '…';
}

/** The body of one delivery; the same input gives the same bytes on every attempt. */
export function deliveryBody(type: string, eventAt: string, data: unknown): string {
  const copy = structuredClone(data) as Record<string, unknown>;
  const response = typeof copy.response === 'object' && copy.response !== null ? (copy.response as Record<string, unknown>) : undefined;
  if (response) normaliseTimes(response);
  const render = () => JSON.stringify({ type, timestamp: new Date(eventAt).toISOString(), data: copy });
  let body = render();
  if (bytes(body) <= MAX_BODY_BYTES || !response) return body;
  const truncated = new Set<string>();
  copy.truncated = [];
  const texts = textsOf(response);
  while (bytes(body) > MAX_BODY_BYTES) {
    const longest = texts.reduce<Texts[number] | undefined>((a, t) => (a === undefined || bytes(t.get()) > bytes(a.get()) ? t : a), undefined);
    // Nothing long left to cut: send the trimmed texts empty rather than nothing at all.
    if (!longest || longest.get().length <= 1) {
      for (const t of texts) t.set('');
      copy.truncated = texts.map((t) => t.path);
      return render();
    }
    longest.set(halve(longest.get()));
    truncated.add(longest.path);
    copy.truncated = [...truncated];
    body = render();
  }
  return body;
}
