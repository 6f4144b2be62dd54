import { createAgent } from '../agent';
import { DEFAULT_CONFIG_PATH, loadConfigFile } from '../config/load';
import { createLogger, errorMessage } from '../log';
import { loadIdentity } from '../trust/identity-store';
import { printConfigProblems } from './config-output';
import { EXIT, type CommandIO } from './io';

/** How long a stop may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * `quorum-agent run`: validates the configuration (exit 2 naming every bad field), loads the
 * identity, runs the agent until SIGTERM or SIGINT, then stops it cleanly (spool kept) and exits 0.
 */
export async function runCommand(options: { config?: string | undefined }, io: CommandIO): Promise<number> {
  const path = options.config ?? DEFAULT_CONFIG_PATH;
  const loaded = await loadConfigFile(path);
  if (!loaded.ok) {
    printConfigProblems(io, path, loaded);
    return EXIT.usage;
  }
  const log = createLogger({ level: loaded.config.log.level });
  for (const w of loaded.warnings) log.warn('configuration warning', { warning: w });
  const identity = await loadIdentity(loaded.config.stateDir);
  if (!identity.ok) {
    io.err(`quorum-agent: ${identity.error}`);
    return EXIT.failure;
  }
  for (const w of identity.warnings) log.warn('identity warning', { warning: w });

  // Signals are caught before anything starts, so a stop during start-up is clean too.
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  // Nothing the agent does may end it by accident; an unexpected error is logged and it goes on.
  process.on('unhandledRejection', (reason) => log.error('unexpected error (unhandled rejection)', { error: errorMessage(reason) }));

  const agent = createAgent({ config: loaded.config, identity: identity.identity, log });
  try {
    await agent.start();
  } catch (e) {
    log.error('agent could not start', { error: errorMessage(e) });
    await agent.stop().catch(() => {});
    return EXIT.failure;
  }
  const received = await signal;
  log.info('stopping', { signal: received });
  const forced = setTimeout(() => {
    log.error('stop took too long; exiting anyway', { timeoutMs: STOP_TIMEOUT_MS });
    process.exit(EXIT.ok);
  }, STOP_TIMEOUT_MS);
  forced.unref();
  await agent.stop();
  clearTimeout(forced);
  return EXIT.ok;
}
