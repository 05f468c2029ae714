// Custom-event triggers: `track(name, properties)` matches a trigger with the
// same name whose property filters all pass.
import type { Trigger } from '@sayso/core';
import { passesAll } from '../filters.js';

/** True when `trigger` is an event trigger for this event. */
export function eventMatches(trigger: Trigger, name: string, properties: Record<string, unknown>): boolean {
  return trigger.type == 'event' && trigger.name === name && passesAll(properties, trigger.where);
}
