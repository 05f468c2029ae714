// `sayso-collector surveys export` / `import`: every survey with every field
// (draft, status, schedule, limit, timestamps, row version) and all its
// immutable versions, as one JSON document, for teams that keep surveys in
// git. An import is checked whole first (each survey by parseSurvey, each
// version's hash) and written in one transaction: all of it, or nothing.
import { SaysoError, isSaysoError, parseSurvey, type Survey } from '@sayso/core';
import { SURVEY_STATUSES, surveyHash, type SurveyRecord, type SurveyVersion } from '../storage/surveys.js';
import type { Storage } from '../storage/types.js';
import { KEY_RE } from '../config.js';
import { CONFIG_ACTOR } from './import.js';

/** The export document. */
export interface SurveysDocument {
  format: 'sayso-surveys';
  formatVersion: 1;
  sites: Array<{
    id: string;
    name: string;
    origins: string[];
    segments: string[];
    surveys: Array<Omit<SurveyRecord, 'site' | 'version' | 'hash' | 'published'> & { versions: SurveyVersion[] }>;
  }>;
}

/** Every survey of every site (or of `site`), with its versions. Identity secrets are never exported. */
export async function exportSurveys(storage: Storage, site?: string): Promise<SurveysDocument> {
  const sites = (await storage.sites.list()).filter((s) => site === undefined || s.id === site);
  if (site !== undefined && sites.length === 0) throw new SaysoError('E_ARGUMENT_INVALID', `no site "${site}"`, { path: '--site' });
  const out: SurveysDocument = { format: 'sayso-surveys', formatVersion: 1, sites: [] };
  for (const s of sites) {
    const surveys = [];
    for (const r of await storage.surveys.list(s.id)) {
      const { site: _site, version: _version, hash: _hash, published: _published, ...fields } = r;
      surveys.push({ ...fields, versions: await storage.surveys.versions(s.id, r.id) });
    }
    out.sites.push({ id: s.id, name: s.name, origins: s.origins, segments: s.segments, surveys });
  }
  return out;
}

const fail = (path: string, message: string): never => {
  throw new SaysoError('E_CONFIG_INVALID', message, { path });
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /T.*(Z|[+-]\d{2}:\d{2})$/.test(v);

function survey(v: unknown, path: string): Survey {
  try {
    return parseSurvey(v);
  } catch (err) {
    if (!isSaysoError(err)) throw err;
    const message = err.path && err.message.startsWith(`${err.path}: `) ? err.message.slice(err.path.length + 2) : err.message;
    return fail(err.path ? `${path}.${err.path}` : path, message);
  }
}

/** Checks a document as `exportSurveys` writes it; throws E_CONFIG_INVALID with the path of the first bad field. */
export function checkSurveysDocument(doc: unknown): SurveysDocument {
  if (!isObject(doc) || doc.format !== 'sayso-surveys') fail('format', 'must be "sayso-surveys" (a file written by `sayso-collector surveys export`)');
  const d = doc as Record<string, unknown>;
  if (d.formatVersion !== 1) fail('formatVersion', 'must be 1');
  if (!Array.isArray(d.sites)) fail('sites', 'must be an array');
  (d.sites as unknown[]).forEach((s, i) => {
    const at = `sites[${i}]`;
    if (!isObject(s)) return fail(at, 'must be an object');
    if (typeof s.id !== 'string' || !KEY_RE.test(s.id)) fail(`${at}.id`, 'must be a site key');
    if (typeof s.name !== 'string') fail(`${at}.name`, 'must be a string');
    if (!Array.isArray(s.origins) || s.origins.some((o) => typeof o !== 'string')) fail(`${at}.origins`, 'must be an array of origins');
    if (!Array.isArray(s.segments) || s.segments.some((o) => typeof o !== 'string')) fail(`${at}.segments`, 'must be an array of attribute names');
    if (!Array.isArray(s.surveys)) return fail(`${at}.surveys`, 'must be an array');
    const ids = new Set<string>();
    s.surveys.forEach((r: unknown, j) => {
      const sp = `${at}.surveys[${j}]`;
      if (!isObject(r)) return fail(sp, 'must be an object');
      r.draft = survey(r.draft, `${sp}.draft`);
      if (r.id !== (r.draft as Survey).id) fail(`${sp}.id`, 'must equal draft.id');
      if (ids.has(r.id as string)) fail(`${sp}.id`, `"${String(r.id)}" appears twice`);
      ids.add(r.id as string);
      if (!SURVEY_STATUSES.includes(r.status as never)) fail(`${sp}.status`, `must be one of ${SURVEY_STATUSES.join(', ')}`);
      for (const k of ['startsAt', 'endsAt'] as const) if (r[k] !== null && !isTime(r[k])) fail(`${sp}.${k}`, 'must be null or an ISO date-time with zone');
      for (const k of ['createdAt', 'updatedAt'] as const) if (!isTime(r[k])) fail(`${sp}.${k}`, 'must be an ISO date-time with zone');
      if (r.responseLimit !== null && !(Number.isInteger(r.responseLimit) && (r.responseLimit as number) > 0)) fail(`${sp}.responseLimit`, 'must be null or a positive integer');
      if (typeof r.updatedBy !== 'string') fail(`${sp}.updatedBy`, 'must be a string');
      if (!Number.isInteger(r.rowVersion) || (r.rowVersion as number) < 1) fail(`${sp}.rowVersion`, 'must be a positive integer');
      if (!Array.isArray(r.versions)) return fail(`${sp}.versions`, 'must be an array');
      r.versions.forEach((v: unknown, k) => {
        const vp = `${sp}.versions[${k}]`;
        if (!isObject(v)) return fail(vp, 'must be an object');
        if (v.version !== k + 1) fail(`${vp}.version`, `must be ${k + 1} (versions are numbered from 1, in order)`);
        v.survey = survey(v.survey, `${vp}.survey`);
        if (v.hash !== surveyHash(v.survey as Survey)) fail(`${vp}.hash`, "is not the hash of this version's survey");
        if (!isTime(v.publishedAt)) fail(`${vp}.publishedAt`, 'must be an ISO date-time with zone');
        if (typeof v.publishedBy !== 'string') fail(`${vp}.publishedBy`, 'must be a string');
        return undefined;
      });
      return undefined;
    });
    return undefined;
  });
  return doc as unknown as SurveysDocument;
}

/**
 * Writes a checked document in one transaction: absent sites are created (a
 * present site's settings are left alone), each survey inserted or replaced
 * with its versions. Returns how many surveys were written.
 */
export async function importSurveys(storage: Storage, input: unknown): Promise<number> {
  const doc = checkSurveysDocument(input);
  let written = 0;
  await storage.transaction(async (tx) => {
    for (const [i, s] of doc.sites.entries()) {
      await storage.sites.create({ id: s.id, name: s.name, origins: s.origins, segments: s.segments }, tx);
      for (const [j, r] of s.surveys.entries()) {
        const { versions, ...fields } = r;
        const differs = await storage.surveys.restore({ ...fields, site: s.id }, versions, tx);
        if (differs !== undefined) fail(`sites[${i}].surveys[${j}].versions[${differs}].hash`, 'differs from the version stored under this number: versions are immutable');
        await storage.activity.record({ site: s.id, actor: { ...CONFIG_ACTOR, label: 'sayso-collector surveys import' }, action: 'survey.import', subject: { type: 'survey', id: r.id }, diff: { status: r.status, versions: versions.length } }, tx);
        written++;
      }
    }
  });
  return written;
}
