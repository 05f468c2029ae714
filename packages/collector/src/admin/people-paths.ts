// The OpenAPI path objects and schemas of the people side (credentials,
// users, tokens, activity), for admin/openapi.ts to compose: add
// `...peoplePaths` to its list of path objects and `peopleComponents.schemas`
// to its schemas.
import { activityPaths } from './activity.js';
import { assigneePaths } from './assignees.js';
import { peopleComponents } from './openapi-parts.js';
import { sessionPaths } from './session.js';
import { tokenPaths } from './tokens.js';
import { userPaths } from './users.js';

/** Path objects, one per resource file. */
export const peoplePaths: Array<Record<string, Record<string, unknown>>> = [sessionPaths, userPaths, assigneePaths, tokenPaths, activityPaths];

export { peopleComponents };
