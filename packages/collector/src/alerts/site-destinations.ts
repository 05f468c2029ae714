// Where a site's alerts go, read fresh at every tick: the Slack URL stored
// for the site (set in the studio, or imported from the config file) and
// email to the users who opted in for the site (disabled users never) plus
// the config file's list. One SMTP transport serves every site.
import type { Transporter } from 'nodemailer';
import type { ResolvedConfig } from '../config.js';
import type { Storage } from '../storage/types.js';
import { emailDestination, smtpTransport } from './email.js';
import type { Destination } from './message.js';
import { slackDestination } from './slack.js';

export interface SiteDestinations {
  /** The site's destinations now. */
  of(site: string): Promise<Destination[]>;
  /** Closes the SMTP transport. */
  close(): void;
}

/** The email recipients of a site: opted-in users, then the config's list, each address once (compared in lower case). */
export async function recipientsOf(storage: Storage, config: ResolvedConfig, site: string): Promise<string[]> {
  const out = new Map<string, string>();
  for (const a of [...(await storage.alerts.recipients(site)), ...(config.sites.get(site)?.alerts.email?.to ?? [])]) {
    if (!out.has(a.toLowerCase())) out.set(a.toLowerCase(), a);
  }
  return [...out.values()];
}

/** Destinations read from the database and the config. */
export function siteDestinations(storage: Storage, config: ResolvedConfig): SiteDestinations {
  let transport: Transporter | undefined;
  return {
    async of(site) {
      const out: Destination[] = [];
      const { slackUrl } = await storage.alerts.destinations(site);
      if (slackUrl) out.push(slackDestination({ webhookUrl: slackUrl, allowPrivate: config.allowPrivateDestinations }));
      if (config.smtp) {
        const to = await recipientsOf(storage, config, site);
        if (to.length > 0) out.push(emailDestination({ smtp: config.smtp, to, transport: (transport ??= smtpTransport(config.smtp)) }));
      }
      return out;
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
