import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importPrivateKey } from '@quorum/protocol';
import { BatchChannel, type ChannelStats } from './channel/batch-channel';
import { Batcher } from './collectors/batcher';
import { ConfigCollector, type ConfigWatchedNode } from './collectors/config-collector';
import { NodePoller, type NodeSource } from './collectors/node-poller';
import { SampleCollector } from './collectors/sample-collector';
import { StateCollector } from './collectors/state-collector';
import type { AgentConfig, ClusterConfig, NodeConfig } from './config/schema';
import { AgentConnection, type ConnectionStats, type ConnectionTuning } from './connection/client';
import { buildHello } from './hello';
import { errorMessage, silentLogger, type Logger } from './log';
import { MonitorConnection } from './mysql/connection';
import { Spool, type SpoolStats } from './spool/spool';
import type { Identity } from './trust/identity-store';
import { AGENT_VERSION } from './version';

export interface AgentOptions {
  config: AgentConfig;
  identity: Identity;
  log?: Logger;
  /** Connection timing (tests shorten heartbeats, lifetimes and backoff). */
  connection?: Partial<ConnectionTuning>;
  /** Batches awaiting an ack, at most. */
  window?: number;
  /** Replaces each node's MySQL poller (tests feed synthetic states). */
  sourceFor?: (cluster: ClusterConfig, node: NodeConfig) => NodeSource;
  hostname?: string;
}

export interface AgentStats {
  spool: SpoolStats;
  channel: ChannelStats;
  connection: ConnectionStats;
  batchesCreated: number;
}

export interface Agent {
  start(): Promise<void>;
  /** Stops polling, spools what is pending, closes the connection (code 1000) and the MySQL connections. */
  stop(): Promise<void>;
  stats(): AgentStats;
}

/**
 * The run-time supervisor: node pollers → state and sample collectors → batcher → spool → channel
 * → connection. Every piece is created here and nowhere else, so `run` and the tests start exactly
 * the same agent.
 */
export function createAgent(options: AgentOptions): Agent {
  const { config, identity } = options;
  const log = options.log ?? silentLogger;
  const startedAt = Date.now();
  const watched: ConfigWatchedNode[] = config.clusters.flatMap((cluster) =>
    cluster.nodes.map((node) => ({
      cluster: cluster.name,
      node: node.name,
      source:
        options.sourceFor?.(cluster, node) ??
        new NodePoller(new MonitorConnection({ mysql: node.mysql, timeoutMs: config.polling.timeoutMs })),
      configFiles: node.configFiles,
    })),
  );
  const hello = () => buildHello(config, { startedAt, ...(options.hostname ? { hostname: options.hostname } : {}) });

  let spool: Spool | undefined;
  let channel: BatchChannel | undefined;
  let connection: AgentConnection | undefined;
  let batchesCreated = 0;
  const appends = new Set<Promise<void>>();
  const batcher = new Batcher({
    log,
    maxDelayMs: config.polling.sampleIntervalMs,
    sink: (batch) => {
      batchesCreated += 1;
      const done = spool!
        .append(batch.batchId, batch.text)
        .then(() => channel?.notify())
        .catch((e: unknown) => log.error('could not spool a batch; it is lost', { batchId: batch.batchId, error: errorMessage(e) }))
        .finally(() => appends.delete(done));
      appends.add(done);
    },
  });
  const states = new StateCollector({
    nodes: watched,
    intervalMs: config.polling.stateIntervalMs,
    log,
    sink: (reports, urgent) => batcher.addStates(reports, urgent),
  });
  const samples = new SampleCollector(watched);
  const configs = new ConfigCollector({
    nodes: watched,
    intervalMs: config.polling.configIntervalMs,
    log,
    sink: (reports) => batcher.addConfigs(reports),
  });
  let sampleTimer: NodeJS.Timeout | undefined;
  let sampling: Promise<void> | undefined;
  let running = false;

  const sampleRound = async () => {
    const collected = await samples.collect();
    if (!running) return;
    batcher.addStates(states.latest(), false);
    batcher.addSamples(collected);
    batcher.flush();
  };

  return {
    async start() {
      if (running) return;
      running = true;
      await mkdir(config.stateDir, { recursive: true, mode: 0o700 });
      spool = await Spool.open({ dir: join(config.stateDir, 'spool'), maxBatches: config.spool.maxBatches, maxBytes: config.spool.maxBytes, log });
      channel = new BatchChannel({ outbox: spool, log, ...(options.window ? { window: options.window } : {}) });
      connection = new AgentConnection({
        websocketUrl: identity.websocketUrl,
        agentId: identity.agentId,
        privateKey: importPrivateKey(identity.privateKey),
        hello,
        handler: channel,
        log,
        ...(options.connection ? { tuning: options.connection } : {}),
      });
      log.info('agent starting', {
        version: AGENT_VERSION,
        agentId: identity.agentId,
        nodes: watched.length,
        stateIntervalMs: config.polling.stateIntervalMs,
        sampleIntervalMs: config.polling.sampleIntervalMs,
      });
      connection.start();
      states.start();
      configs.start();
      sampleTimer = setInterval(() => {
        if (sampling) return; // a slow round is never overlapped by the next
        sampling = sampleRound()
          .catch((e: unknown) => log.error('sample round failed', { error: errorMessage(e) }))
          .finally(() => (sampling = undefined));
      }, config.polling.sampleIntervalMs);
    },

    async stop() {
      if (!running) return;
      running = false;
      clearInterval(sampleTimer);
      await states.stop();
      await configs.stop();
      await sampling;
      batcher.flush(); // what was collected goes to the spool, to be sent after the restart
      batcher.stop();
      await Promise.all([...appends]);
      await connection?.stop();
      channel?.stop();
      await Promise.all(watched.map((w) => w.source.close().catch(() => {})));
      // The run's accounting, so an operator (and the end-to-end test) can see nothing was lost:
      // every batch made is acked, still spooled, refused as invalid, or dropped when the spool was full.
      log.info('agent stopped', {
        spooled: spool?.stats().count ?? 0,
        batchesCreated,
        acked: channel?.stats().acked ?? 0,
        rejected: channel?.stats().rejected ?? 0,
        dropped: spool?.stats().dropped ?? 0,
      });
    },

    stats() {
      if (!spool || !channel || !connection) throw new Error('agent not started');
      return { spool: spool.stats(), channel: channel.stats(), connection: connection.stats(), batchesCreated };
    },
  };
}
