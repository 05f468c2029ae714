// Which lifecycle buttons a survey offers, by its status and the user's role
// (the API checks the role again; this only hides what would be refused).
import { atLeast, type Role } from '../../../auth/roles.js';
import type { SurveyStatus } from '../../api/types.js';
import type { Action } from './api.js';

const NEEDS: Record<Action, Role> = { publish: 'publisher', pause: 'publisher', resume: 'publisher', end: 'publisher', archive: 'editor' };

const FROM: Record<Action, readonly SurveyStatus[]> = {
  publish: ['draft', 'scheduled', 'live', 'paused'],
  pause: ['live', 'scheduled'],
  resume: ['paused'],
  end: ['live', 'paused', 'scheduled'],
  archive: ['draft', 'ended', 'paused'],
};

/** The actions `role` may take on a survey in `status`, in button order. */
export function actionsFor(status: SurveyStatus, role: Role): Action[] {
  return (Object.keys(NEEDS) as Action[]).filter((a) => atLeast(role, NEEDS[a]) && FROM[a].includes(status));
}

/** The label of each button. */
export const ACTION_LABEL: Record<Action, string> = { publish: 'Publish', pause: 'Pause', resume: 'Resume', end: 'End', archive: 'Archive' };
