// parseEvent: the gate for a display or dismissal, the small records that
// let a collector compute response rates.
import type { SurveyEvent } from './response.js';
import { anonymousId, channel, dateTime, id, userId, userSignature, uuid, version } from './validate-fields.js';
import { bool, obj, req, run, words } from './validate.js';

const event = obj<SurveyEvent>({
  id: req(uuid),
  type: req(words('display dismiss')),
  surveyId: req(id),
  anonymousId: req(anonymousId),
  userId,
  userSignature,
  createdAt: req(dateTime),
  channel,
  version,
  test: bool,
});

/**
 * Checks one display or dismissal event and returns a fresh, typed copy.
 *
 * @throws SaysoError with code `E_EVENT_INVALID` and `path` of the first bad field.
 * @example
 * parseEvent({ id: uuidv7(), type: 'display', surveyId: 'nps', anonymousId: 'a1', createdAt: new Date().toISOString() });
 */
export function parseEvent(input: unknown): SurveyEvent {
  return run('E_EVENT_INVALID', event, input);
}
