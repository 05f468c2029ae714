// The alerts routes of the admin API as the Alerts screen calls them (see
// admin/alerts.ts). The rule shapes are the server's own types, imported as
// types only, so the two cannot drift apart unnoticed.
import { admin, call } from '../../api/client.js';
import type { AlertRule } from '../../../alerts/config.js';

export type { AlertRule };

/** A rule as the API shows it. */
export type RuleView = AlertRule & { createdAt: string; updatedAt: string; updatedBy: string; etag: string };

export interface SiteAlerts {
  rules: RuleView[];
  slack: { webhookUrl: string | null; etag: string };
  email: { configured: boolean; recipients: number };
}

export interface TestResult {
  destination: string;
  ok: boolean;
  error?: string;
}

export interface Notifications {
  email: string;
  smtp: boolean;
  sites: Array<{ site: string; name: string; email: boolean }>;
}

const base = (site: string, ...parts: string[]) => admin('sites', site, 'alerts', ...parts);

export const loadAlerts = (site: string) => call<SiteAlerts>('GET', base(site)).then((a) => a.data);

/** The body of a rule as the form holds it: numbers left out take the API's defaults. */
export type RuleBody = Record<string, unknown> & { type: AlertRule['type']; id: string };

export const createRule = (site: string, body: RuleBody) => call<RuleView>('POST', base(site, 'rules'), { body }).then((a) => a.data);

export const replaceRule = (site: string, body: RuleBody, etag: string) => call<RuleView>('PUT', base(site, 'rules', body.id), { body, ifMatch: etag }).then((a) => a.data);

export const deleteRule = (site: string, id: string, etag: string) => call<null>('DELETE', base(site, 'rules', id), { ifMatch: etag });

export const setSlack = (site: string, webhookUrl: string | null, etag: string) => call<SiteAlerts['slack']>('PUT', base(site, 'slack'), { body: { webhookUrl }, ifMatch: etag }).then((a) => a.data);

export const sendTestAlert = (site: string) => call<{ results: TestResult[] }>('POST', base(site, 'test')).then((a) => a.data.results);

export const loadNotifications = () => call<Notifications>('GET', admin('me', 'notifications')).then((a) => a.data);

export const setNotification = (site: string, email: boolean) => call<Notifications>('PUT', admin('me', 'notifications'), { body: { site, email } }).then((a) => a.data);
