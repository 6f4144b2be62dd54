import { ConfigError, parseLocalConfig } from './config';
import { startLocalHost } from './host';

// `npm start`: the local control plane. Wiring only — everything else lives in host.ts.
let config;
try {
  config = parseLocalConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

const host = await startLocalHost({
  port: config.port,
  host: config.host,
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  publicUrl: config.publicUrl,
  logLevel: config.logLevel,
  agentOfflineAfterMs: config.agentOfflineAfterMs,
  metricRetentionMs: config.metricRetentionMs,
  historyRetentionMs: config.historyRetentionMs,
  auditRetentionMs: config.auditRetentionMs,
  smtpUrl: config.smtpUrl,
  mailFrom: config.mailFrom,
}).catch((error: unknown) => {
  process.stderr.write(`quorum: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

process.stdout.write(`Quorum is running at ${host.url} — the portal is at ${host.url}/ (agents connect to ${host.agentWebsocketUrl})\n`);

let signals = 0;
const shutdown = (signal: string) => {
  signals += 1;
  if (signals > 1) {
    process.stderr.write(`quorum: ${signal} again, exiting at once\n`);
    process.exit(1);
  }
  process.stderr.write(`quorum: ${signal}, shutting down…\n`);
  host.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`quorum: shutdown failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
