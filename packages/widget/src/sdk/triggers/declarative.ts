// Declarative triggers for marketers, no code: any element with
// `data-sayso-survey="id"` opens that survey on click, and
// `data-sayso-track="event"` tracks an event on click, with properties from
// `data-sayso-prop-*` attributes (`data-sayso-prop-plan="pro"` → `{ plan: 'pro' }`).

/** What a clicked element asks for, if anything. */
export function declared(el: Element): { survey?: string; track?: string; properties: Record<string, string> } | null {
  const host = el.closest('[data-sayso-survey],[data-sayso-track]') as HTMLElement | null;
  if (!host) return null;
  const { saysoSurvey: survey, saysoTrack: track, ...data } = host.dataset;
  const properties: Record<string, string> = {};
  // `data-sayso-prop-seat-count` is `saysoPropSeatCount` in the dataset: the
  // name is what follows `saysoProp`, first letter lowered (`seatCount`).
  for (const k in data) if (/^saysoProp./s.test(k)) properties[k[9]!.toLowerCase() + k.slice(10)] = data[k]!;
  // Empty attributes ask for nothing, so they leave their key out.
  return { properties, ...(survey && { survey }), ...(track && { track }) };
}
