// A survey's lifecycle: draft → scheduled (startsAt) → live → paused → ended
// (endsAt, or its response limit), and archived. The stored status says what
// a person last did; time and the response count do the rest, read here at
// the moment of asking, so a start, an end or a reached limit takes effect
// without a restart and on every instance alike.
import type { SurveyRecord, SurveyStatus } from '../storage/surveys.js';

/** What `status` a survey has at `now`, given how many responses it has stored. */
export function effectiveStatus(s: Pick<SurveyRecord, 'status' | 'startsAt' | 'endsAt' | 'responseLimit'>, now: number, responses: number): SurveyStatus {
  if (s.status !== 'live' && s.status !== 'scheduled') return s.status;
  // The end is exclusive: at endsAt exactly the survey has ended; at startsAt exactly it is live.
  if (s.endsAt !== null && now >= Date.parse(s.endsAt)) return 'ended';
  if (s.responseLimit !== null && responses >= s.responseLimit) return 'ended';
  if (s.startsAt !== null && now < Date.parse(s.startsAt)) return 'scheduled';
  return 'live';
}

/** The status to store on publish or resume: `scheduled` while `startsAt` is ahead. */
export function startedStatus(startsAt: string | null, now: number): 'live' | 'scheduled' {
  return startsAt !== null && now < Date.parse(startsAt) ? 'scheduled' : 'live';
}
