// Declarative triggers for marketers, no code: any element with
// `data-sayso-survey="id"` opens that survey on click, and
// `data-sayso-track="event"` tracks an event on click, with properties from
// `data-sayso-prop-*` attributes (`data-sayso-prop-plan="pro"` → `{ plan: 'pro' }`).

/** What a clicked element asks for, if anything. */
export function declared(el: Element): { survey?: string; track?: string; properties: Record<string, string> } | null {
  const host = el.closest('[data-sayso-survey],[data-sayso-track]') as HTMLElement | null;
  if (!host) return null;
  const data = host.dataset;
  const properties: Record<string, string> = {};
  for (const k in data) {
    if (k.startsWith('saysoProp') && k.length > 9) properties[k[9]!.toLowerCase() + k.slice(10)] = data[k]!;
  }
  const out: { survey?: string; track?: string; properties: Record<string, string> } = { properties };
  if (data.saysoSurvey) out.survey = data.saysoSurvey;
  if (data.saysoTrack) out.track = data.saysoTrack;
  return out;
}
