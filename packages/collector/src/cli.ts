// `sayso-collector`: start a collector from a config file and the
// environment. `--dev` (what `pnpm start` uses) runs the demo site on
// localhost with embedded storage in .sayso-data/ and prints where to click.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SaysoError, isSaysoError } from '@sayso/core';
import { ensureFirstAdmin } from './auth/first-run.js';
import { USERS_HELP, usersCommand, type UsersIo } from './cli-users.js';
import { createCollector } from './collector.js';
import { loadConfig } from './config.js';
import { DEMO_SECRET, demoConfig, seedDemoData } from './demo.js';
import type { LogLevel } from './server/log.js';
import { exportSurveys, importSurveys } from './sites/transfer.js';
import { pgliteStorage } from './storage/pglite.js';
import { postgresStorage } from './storage/postgres.js';

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
  --admin-email <e>      the first admin's email, made when there are no users (env SAYSO_ADMIN_EMAIL;
                         default admin@localhost; with --dev the demo account demo@sayso.dev)
  --help

  sayso-collector users <add|list|set-role|set-password|disable|enable> …   (users --help)
Surveys in git:
  sayso-collector surveys export [--site <id>] [--out <file>]   every survey, all fields and versions, as JSON
  sayso-collector surveys import <file>                          all or nothing; a bad survey is named by its path
  (both take --data-dir / --database-url as above)

Environment: SAYSO_SECRET, SAYSO_IDENTITY_SECRET, SAYSO_PUBLIC_URL, SAYSO_ALLOWED_HOSTS
(comma-separated) and SAYSO_* limits override the file. Secrets need 32 characters or more.`;

// PGlite is one process's database: a second process opening the same
// folder (`users add` while the collector runs) would corrupt it. The
// collector leaves its pid in the folder while it runs; `users` checks it.
const PID_FILE = 'collector.pid';

function running(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** A password prompt without echo, on a terminal. */
function askPassword(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(question);
  muted._writeToOutput = () => {};
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

async function users(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(USERS_HELP);
    return;
  }
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  const dataDir = resolve(values['data-dir'] ?? process.env.SAYSO_DATA_DIR ?? '.sayso-data');
  if (!databaseUrl) {
    const pid = running(dataDir);
    if (pid !== undefined) {
      throw new SaysoError('E_ARGUMENT_INVALID', `a collector (pid ${pid}) is running on ${dataDir}: stop it first (PGlite is one process's database), or use the admin API (/v1/admin/users)`, { path: '--data-dir' });
    }
  }
  const storage = databaseUrl ? postgresStorage({ url: databaseUrl }) : await pgliteStorage({ dataDir });
  try {
    await storage.migrate();
    const io: UsersIo = { out: (line) => console.log(line), ...(process.stdin.isTTY && process.stdout.isTTY ? { askPassword } : {}) };
    await usersCommand(positionals[0], values, storage, io);
  } finally {
    await storage.close();
  }
}

/** `surveys export` / `surveys import`: on the same storage the collector would open. */
async function surveysCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { site: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
  });
  const [verb, file, ...rest] = positionals;
  if ((verb !== 'export' && verb !== 'import') || rest.length > 0 || (verb === 'import') !== (file !== undefined)) {
    throw new Error('usage: sayso-collector surveys export [--site <id>] [--out <file>] | surveys import <file>');
  }
  const env = process.env;
  const databaseUrl = values['database-url'] ?? env.DATABASE_URL;
  const storage = databaseUrl ? postgresStorage({ url: databaseUrl }) : await pgliteStorage({ dataDir: resolve(values['data-dir'] ?? env.SAYSO_DATA_DIR ?? '.sayso-data') });
  try {
    await storage.migrate();
    if (verb === 'export') {
      const text = `${JSON.stringify(await exportSurveys(storage, values.site), null, 2)}\n`;
      if (values.out) await writeFile(values.out, text);
      else process.stdout.write(text);
    } else {
      let doc: unknown;
      try {
        doc = JSON.parse(await readFile(file!, 'utf8'));
      } catch (err) {
        throw new Error(`${file}: ${(err as Error).message}`, { cause: err });
      }
      console.log(`imported ${await importSurveys(storage, doc)} surveys from ${file}`);
    }
  } finally {
    await storage.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'users') return users(argv.slice(1));
  if (argv[0] === 'surveys') return surveysCommand(argv.slice(1));
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
      'admin-email': { type: 'string' },
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

  const account = await ensureFirstAdmin(collector.storage, { dev, email: values['admin-email'] ?? env.SAYSO_ADMIN_EMAIL ?? 'admin@localhost' });
  const server = await collector.listen({ port, host });
  if (!databaseUrl) writeFileSync(join(dataDir, PID_FILE), String(process.pid));
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
  if (account?.created && !dev) {
    console.log(`\nNo users yet, so an admin was made. Its password is shown this once (only a hash is kept):`);
  }
  console.log(`\nStudio: ${base}/studio`);
  if (account) console.log(`\nStudio sign-in: ${account.email}${account.password ? `  password: ${account.password}` : ''}`);
  // The report is a section of the studio (the old /report redirects there).
  console.log(`\nReport: ${base}/studio/report`);
  // The config secret is an admin's API token, for scripts (Authorization: Bearer); only the demo's is printed.
  if (dev && collector.config.secret === DEMO_SECRET) console.log(`\nAPI token (the config secret): ${DEMO_SECRET}  (Authorization: Bearer ${DEMO_SECRET})`);
  console.log('');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests…`);
    await collector.close();
    if (!databaseUrl) rmSync(join(dataDir, PID_FILE), { force: true });
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
