// The editor's calls, one per thing a user does to a survey.
import type { Survey } from '@sayso/core';
import { admin, call } from '../../api/client.js';
import type { Change, SurveyRecord, Version } from '../../api/types.js';
import type { Schedule } from './schedule.js';

const surveys = (site: string, ...rest: Array<string | number>) => admin('sites', site, 'surveys', ...rest);

export const getSurvey = (site: string, id: string) => call<SurveyRecord>('GET', surveys(site, id));
export const listSurveys = (site: string) => call<{ surveys: SurveyRecord[] }>('GET', surveys(site));
// The schedule goes whole every time (null clears a field), as the API takes it beside the survey.
export const createSurvey = (site: string, survey: Survey, schedule: Schedule) => call<SurveyRecord>('POST', surveys(site), { body: { survey, ...schedule } });
export const saveSurvey = (site: string, id: string, survey: Survey, schedule: Schedule, etag: string | null) =>
  call<SurveyRecord>('PUT', surveys(site, id), { body: { survey, ...schedule }, ifMatch: etag });
export const duplicateSurvey = (site: string, id: string) => call<SurveyRecord>('POST', surveys(site, id, 'duplicate'));

export type Action = 'publish' | 'pause' | 'resume' | 'end' | 'archive';
export const act = (site: string, id: string, action: Action, etag: string | null) => call<SurveyRecord>('POST', surveys(site, id, action), { ifMatch: etag });
export const askToPublish = (site: string, id: string) => call<unknown>('POST', surveys(site, id, 'publish-requests'));
export const versions = (site: string, id: string) => call<{ versions: Version[] }>('GET', surveys(site, id, 'versions'));
export const diff = (site: string, id: string, from: string, to: string) =>
  call<{ changes: Change[] }>('GET', `${surveys(site, id, 'diff')}?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
export const rollback = (site: string, id: string, version: number, etag: string | null) =>
  call<SurveyRecord>('POST', surveys(site, id, 'rollback'), { body: { version }, ifMatch: etag });
