// `sayso-collector`: start a collector from a config file and the
// environment. `--dev` (what `pnpm start` uses) runs the demo site on
// localhost with embedded storage in .sayso-data/ and prints where to click.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isSaysoError } from '@sayso/core';
import { createCollector } from './collector.js';
import { loadConfig } from './config.js';
import { DEMO_SECRET, demoConfig, seedDemoData } from './demo.js';
import type { LogLevel } from './server/log.js';

const HELP = `Usage: sayso-collector [options]

  --config <file>        sayso.config.json (env SAYSO_CONFIG; default ./sayso.config.json if present)
  --port <n>             port to listen on (env PORT; default 8787)
  --host <addr>          address to bind (env HOST; default 127.0.0.1)
  --data-dir <dir>       PGlite data folder (env SAYSO_DATA_DIR; default .sayso-data)
  --database-url <url>   use PostgreSQL instead of PGlite (env DATABASE_URL)
  --log-level <level>    debug | info | warn | error | silent (env LOG_LEVEL; default info)
  --trust-proxy          take client IPs from X-Forwarded-For (env TRUST_PROXY=1; only behind your own proxy)
  --dev                  without a config file, run the demo site on localhost (short secrets allowed)
  --demo-data            fill the store with synthetic responses over 90 days first
  --help

Environment: SAYSO_SECRET, SAYSO_IDENTITY_SECRET, SAYSO_PUBLIC_URL, SAYSO_ALLOWED_HOSTS
(comma-separated) and SAYSO_* limits override the file. Secrets need 32 characters or more.`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    // `pnpm start -- --demo-data` may pass the separator through.
    args: argv.filter((a) => a !== '--'),
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'log-level': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      dev: { type: 'boolean', default: false },
      'demo-data': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const env = process.env;
  const port = Number(values.port ?? env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port / PORT: "${values.port ?? env.PORT}" is not a port number`);
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const logLevel = (values['log-level'] ?? env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) throw new Error(`--log-level / LOG_LEVEL: "${logLevel}" is not one of debug, info, warn, error, silent`);
  const configFile = values.config ?? env.SAYSO_CONFIG ?? (existsSync('sayso.config.json') ? 'sayso.config.json' : undefined);
  const dev = values.dev && !configFile;
  if (!configFile && !dev) throw new Error('no configuration: pass --config <file>, set SAYSO_CONFIG, or use --dev for the demo');

  const config = dev ? { ...demoConfig(port), ...(await loadConfig({ env })) } : await loadConfig({ file: configFile!, env });
  const databaseUrl = values['database-url'] ?? env.DATABASE_URL;
  const dataDir = resolve(values['data-dir'] ?? env.SAYSO_DATA_DIR ?? '.sayso-data');
  const trustProxy = values['trust-proxy'] || env.TRUST_PROXY === '1';
  const collector = await createCollector({ config, logLevel, trustProxy, dev, ...(databaseUrl ? { databaseUrl } : { dataDir }) });

  if (values['demo-data']) {
    const site = [...collector.sites.keys()][0]!;
    const { responses } = await collector.storage.counts(site);
    if (responses >= 2000) console.log(`demo data: site "${site}" already holds ${responses} responses; not adding more`);
    else console.log(`demo data: stored ${await seedDemoData(collector.storage, site)} synthetic responses over 90 days in site "${site}"`);
  }

  const server = await collector.listen({ port, host });
  const base = `http://localhost:${server.port}`;
  console.log(`\nsayso collector on ${server.url} (${collector.storage.driver}${databaseUrl ? '' : `, data in ${dataDir}`})`);
  const examples = join(process.cwd(), 'examples');
  if (existsSync(examples)) {
    const names = readdirSync(examples, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(examples, d.name, 'index.html')))
      .map((d) => d.name);
    if (names.length) console.log(`\nExamples:\n${names.map((n) => `  ${base}/examples/${n}/`).join('\n')}`);
  }
  for (const site of collector.sites.values()) {
    const survey = site.surveys[0];
    if (survey) console.log(`\nLink survey: ${base}/s/${site.id}/${survey.id}  (one click: ?score=9)`);
  }
  console.log(`\nReport: ${base}/report${dev && collector.config.secret === DEMO_SECRET ? `  (secret: ${DEMO_SECRET})` : ''}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests…`);
    await collector.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // Config errors name the bad key; print them plainly, without a stack.
  if (isSaysoError(err)) console.error(`sayso-collector: ${err.code}: ${err.message}`);
  else console.error(`sayso-collector: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
