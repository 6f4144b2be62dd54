import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { buildApp } from '../../app';
import { ensureDatabaseExists, migrateDatabase, openDatabase } from '../../db/client';
import type { AppConfig, Deps } from '../../deps';
import type { GatewayLimits } from '../../gateway/index';
import { runAlertSchedule } from '../../jobs/alerts.job';
import { runCommandsTick } from '../../jobs/commands.job';
import { consumeIngest } from '../../jobs/ingest.job';
import { deliverNotification } from '../../jobs/notify.job';
import { detectOffline, forgetOrphanedConnections } from '../../jobs/offline.job';
import { applyRetention } from '../../jobs/retention.job';
import { systemClock, type Clock } from '../../ports/clock';
import { jsonLogger, type Logger } from '../../ports/logger';
import { unconfiguredMailer } from '../../ports/mailer';
import type { QueuePort } from '../../ports/queue';
import { createGuardedHttpSender } from '../notify/guarded-http-sender';
import { createSmtpMailer } from '../notify/smtp-mailer';
import { attachAgentSocketServer, type AgentSocketServer } from './agent-socket-server';
import { agentWebsocketUrlFor, type LogLevel } from './config';
import { startEmbeddedMariadb } from './embedded-mariadb';
import { InProcessQueue } from './in-process-queue';
import { loadOrCreateSecretBox } from './aes-secret-box';
import { loadOrCreateKeyFileSigner } from './key-file-signer';
import { LocalAgentChannel } from './local-agent-channel';
import { portalFetch } from './portal-route';
import { startScheduler, type Scheduler } from './scheduler';
import { errorSummary } from '../../jobs/error-summary';

export interface LocalHostOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Unset: a private MariaDB under `dataDir`. */
  databaseUrl?: string | undefined;
  /** Unset: `http://localhost:<port>`. */
  publicUrl?: string | undefined;
  log?: Logger;
  logLevel?: LogLevel;
  clock?: Clock;
  agentOfflineAfterMs?: number;
  metricRetentionMs?: number;
  /** Finished operations, resolved alerts, sent notifications (default 180 days). */
  historyRetentionMs?: number;
  /** The audit log (default 400 days). */
  auditRetentionMs?: number;
  gatewayLimits?: Partial<GatewayLimits>;
  /** The built portal served at `/` (default: web/build); `false` serves the API alone. */
  portalDir?: string | false;
  /** Intervals of the scheduled jobs; `false` runs none (tests drive the jobs themselves). */
  schedule?: { offlineEveryMs?: number; retentionEveryMs?: number; commandsEveryMs?: number; alertsEveryMs?: number } | false;
  /** `smtp://user:pass@host:port` for email notifications; unset: email channels fail, saying so. */
  smtpUrl?: string | undefined;
  /** The From of notification emails. */
  mailFrom?: string | undefined;
  /** Lets Slack/webhook notifications go to private and loopback addresses. Tests only (SSRF). */
  allowPrivateTargets?: boolean;
}

export interface LocalHost {
  url: string;
  port: number;
  agentWebsocketUrl: string;
  deps: Deps;
  /** Graceful: refuses new work, closes agent sockets (1001), drains the queue, stops everything. */
  stop(): Promise<void>;
}

/**
 * The whole control plane in one process: HTTP API and agent WebSocket on one port, the ingest
 * queue in-process, the scheduled jobs on timers, and MySQL/MariaDB (a private one if no URL).
 */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log = options.log ?? jsonLogger({ level: options.logLevel ?? 'info', base: { service: 'quorum-cloud' } });
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const undo: Array<() => Promise<unknown>> = []; // what to stop, in reverse, on failure or stop()
  const stopAll = async () => {
    for (const step of undo.reverse()) await step().catch((error) => log.error('shutdown step failed', { error: errorSummary(error) }));
  };
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const embedded = await startEmbeddedMariadb({ dataDir, log });
      undo.push(() => embedded.stop());
      databaseUrl = embedded.url;
    } else {
      await ensureDatabaseExists(databaseUrl).catch((error) => log.warn('could not create the database (it may exist already)', { error: errorSummary(error) }));
    }
    const database = openDatabase(databaseUrl);
    undo.push(() => database.close());
    await migrateDatabase(database.db);

    let app: ReturnType<typeof buildApp> | undefined;
    const portal = portalFetch({ dir: options.portalDir, hsts: (options.publicUrl ?? '').startsWith('https:'), log });
    const server = createAdaptorServer({
      fetch: (req, env) => {
        if (!app) return new Response('starting', { status: 503 });
        // The API (and the agents' WebSocket upgrade) under /api; the portal everywhere else.
        return portal.handles(req) ? portal.fetch(req) : app.fetch(req, env);
      },
    }) as Server;
    const port = await listen(server, options.port ?? 8080, options.host ?? '127.0.0.1');
    const closing = serverCloser(server);
    undo.push(() => closing.finish());
    const publicUrl = options.publicUrl ?? `http://localhost:${port}`;
    const config: AppConfig = {
      publicUrl,
      agentWebsocketUrl: agentWebsocketUrlFor(publicUrl),
      secureCookies: publicUrl.startsWith('https:'),
      agentOfflineAfterMs: options.agentOfflineAfterMs ?? 90_000,
      metricRetentionMs: options.metricRetentionMs ?? 30 * 24 * 60 * 60 * 1000,
      historyRetentionMs: options.historyRetentionMs,
      auditRetentionMs: options.auditRetentionMs,
    };
    const queue = new InProcessQueue({ log });
    // Notifications get their own slots: a slow SMTP server or webhook never holds up the ingest.
    const notifyQueue = new InProcessQueue({ log, attempts: 1, concurrency: 4 });
    const queues: QueuePort = { send: (name, message) => (name === 'notify' ? notifyQueue : queue).send(name, message) };
    const channel = new LocalAgentChannel();
    const deps: Deps = {
      db: database.db,
      clock: options.clock ?? systemClock,
      queue: queues,
      agentChannel: channel,
      signer: loadOrCreateKeyFileSigner({ dataDir, log }),
      log,
      config,
      mailer: options.smtpUrl ? createSmtpMailer({ url: options.smtpUrl, from: options.mailFrom ?? DEFAULT_MAIL_FROM }) : unconfiguredMailer,
      httpSender: createGuardedHttpSender({ allowPrivateTargets: options.allowPrivateTargets === true }),
      secretBox: loadOrCreateSecretBox({ dataDir, log }),
    };
    queue.register('ingest', async (message) => {
      await consumeIngest(deps, message);
    });
    notifyQueue.register('notify', async (message) => {
      await deliverNotification(deps, message);
    });
    // Before any agent can connect: the previous process's connection rows are all stale.
    const forgotten = await forgetOrphanedConnections(deps);
    if (forgotten > 0) log.info('forgot connections of the previous run', { count: forgotten });
    // Stopped in the reverse order: stop listening, close agent sockets (their last batches are
    // stored and acked if they can be), drain the queue, stop the jobs, then the database.
    const scheduler = startJobs(deps, options.schedule);
    undo.push(() => scheduler.stop());
    undo.push(() => notifyQueue.drain());
    undo.push(() => queue.drain());
    const sockets: AgentSocketServer = attachAgentSocketServer(server, { deps, channel, ...(options.gatewayLimits ? { limits: options.gatewayLimits } : {}) });
    undo.push(() => sockets.close());
    undo.push(async () => closing.begin());
    app = buildApp(deps);

    log.info('quorum control plane listening', { url: publicUrl, port, agentWebsocketUrl: config.agentWebsocketUrl, embeddedDatabase: !options.databaseUrl });
    let stopping: Promise<void> | undefined;
    return {
      url: `http://${reachableHost(options.host ?? '127.0.0.1')}:${port}`,
      port,
      agentWebsocketUrl: config.agentWebsocketUrl,
      deps,
      stop: () => (stopping ??= stopAll().then(() => log.info('quorum control plane stopped'))),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export const DEFAULT_MAIL_FROM = 'Quorum <quorum@localhost>';

function startJobs(deps: Deps, schedule: LocalHostOptions['schedule']): Scheduler {
  if (schedule === false) return { stop: async () => {} };
  return startScheduler(
    [
      { name: 'offline', everyMs: schedule?.offlineEveryMs ?? 5_000, run: () => detectOffline(deps) },
      { name: 'retention', everyMs: schedule?.retentionEveryMs ?? 60 * 60 * 1000, run: () => applyRetention(deps) },
      // Expiry, overdue bootstrap plans, and orchestrations' steps (events move them faster).
      { name: 'commands', everyMs: schedule?.commandsEveryMs ?? 2_000, run: () => runCommandsTick(deps) },
      { name: 'alerts', everyMs: schedule?.alertsEveryMs ?? 1_000, run: () => runAlertSchedule(deps) },
    ],
    deps.log,
  );
}

/** The address this process itself can reach the server at (a wildcard bind means loopback). */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Closing a server in two steps: `begin` stops accepting connections and ends idle keep-alive
 * ones; `finish` waits for the rest, cutting off after a few seconds whatever still hangs on.
 */
function serverCloser(server: Server): { begin(): void; finish(): Promise<void> } {
  let closed: Promise<void> | undefined;
  const begin = () => {
    closed ??= new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
  };
  return {
    begin,
    async finish() {
      begin();
      const timer = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(timer);
    },
  };
}
