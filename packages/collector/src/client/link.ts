// The link-survey page's script (built to dist/client/link.js, served at
// /_sayso/link.js). It loads the widget's UI chunk from /sdk/, mounts the
// survey inline, and sends answers to this collector with channel 'link'.
// A score from the link is recorded before anything is drawn; the widget then
// opens at the follow-up for it (MountOptions.initialScore).
import type { SurveyResponse } from '@sayso/core';
import type { Answer, UiModule } from '../../../widget/src/ui/types.js';

interface LinkConfig {
  site: string;
  survey: { id: string; kind: SurveyResponse['kind']; scale?: { min: number; max: number } };
  score: number | null;
  locale: string;
  attributes: Record<string, string>;
  nonce: string;
  assetBase: string;
  followUpUrl: string;
}

const cfg = JSON.parse(document.getElementById('sayso-link')!.textContent!) as LinkConfig;
const status = document.getElementById('sayso-status')!;
const defaults = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;
const scale: [number, number] = cfg.survey.scale ? [cfg.survey.scale.min, cfg.survey.scale.max] : [...defaults[cfg.survey.kind]];

/** A random (v4) UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function anonymousId(): string {
  try {
    let id = localStorage.getItem('sayso-link-anon');
    if (!id) localStorage.setItem('sayso-link-anon', (id = uuid()));
    return id;
  } catch {
    return uuid(); // storage blocked: a per-visit id
  }
}

/**
 * The one-click response's id, kept for this link in this tab: reloading the
 * page re-sends the same response, which the collector stores once, instead
 * of counting the same click twice. Another tab or device is another click.
 */
function clickId(): string {
  const key = `sayso-link:${location.pathname}${location.search}`;
  try {
    let id = sessionStorage.getItem(key);
    if (!id) sessionStorage.setItem(key, (id = uuid()));
    return id;
  } catch {
    return uuid(); // storage blocked: each load counts
  }
}

function record(answer: Answer, id = uuid()): SurveyResponse {
  return {
    id,
    surveyId: cfg.survey.id,
    kind: cfg.survey.kind,
    score: answer.score,
    scale,
    ...(answer.comment ? { comment: answer.comment } : {}),
    ...(answer.answers ? { answers: answer.answers } : {}),
    createdAt: new Date().toISOString(),
    anonymousId: anonymousId(),
    attributes: cfg.attributes,
    page: { url: location.origin + location.pathname },
    locale: cfg.locale,
    channel: 'link',
  };
}

async function send(url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) {
    // The collector says why (a follow-up sent twice, or after its window).
    const said = (await res.json().catch(() => null)) as { error?: { reason?: unknown } } | null;
    throw new Error(typeof said?.error?.reason === 'string' ? said.error.reason : `HTTP ${res.status}`);
  }
}

const postResponse = (r: SurveyResponse) => send('/v1/responses', { site: cfg.site, responses: [r] }, { 'Idempotency-Key': r.id, 'X-Sayso-Site': cfg.site });

function loadUi(): Promise<UiModule> {
  const w = window as unknown as { __saysoui?: UiModule };
  if (w.__saysoui) return Promise.resolve(w.__saysoui);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = `${cfg.assetBase}sayso-ui.js`;
    s.nonce = cfg.nonce;
    s.onload = () => (w.__saysoui ? resolve(w.__saysoui) : reject(new Error('UI chunk did not load')));
    s.onerror = () => reject(new Error('UI chunk did not load'));
    document.head.appendChild(s);
  });
}

async function main(): Promise<void> {
  let recorded: string | undefined;
  if (cfg.score !== null) {
    const r = record({ score: cfg.score }, clickId());
    await postResponse(r);
    recorded = r.id;
    document.body.dataset.recorded = r.id;
    status.textContent = 'Thank you, your answer is recorded. Anything to add?';
  }
  const ui = await loadUi();
  await ui.mountSurvey({
    survey: cfg.survey as never,
    locale: cfg.locale,
    styleNonce: cfg.nonce,
    scriptNonce: cfg.nonce,
    assetBase: cfg.assetBase,
    // The one-click score is already recorded: open at its follow-up rather
    // than asking for the score again (no follow-up: the card submits it
    // once, which completes that same response, and thanks).
    ...(cfg.score !== null ? { initialScore: cfg.score } : {}),
    async onSubmit(answer) {
      if (recorded) {
        try {
          await send(cfg.followUpUrl, { id: recorded, ...answer });
        } catch (err) {
          status.textContent = `Your score is recorded; this follow-up was not: ${err instanceof Error ? err.message : String(err)}.`;
          throw err;
        }
      } else {
        const r = record(answer);
        await postResponse(r);
        document.body.dataset.recorded = r.id;
      }
      status.textContent = '';
      document.body.dataset.submitted = 'true';
      return { durability: 'memory', online: true };
    },
    onDismiss() {
      status.textContent = recorded ? 'Thank you, your answer is recorded.' : '';
    },
  });
}

main().catch((err: unknown) => {
  status.textContent = 'Sorry, the survey could not be loaded. Please try again later.';
  document.body.dataset.error = String(err);
});
