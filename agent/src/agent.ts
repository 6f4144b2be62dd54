import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { importPrivateKey, type CommandUpdate, type NodeStatus } from '@quorum/protocol';
import { ACTION_DEFINITIONS } from './actions/index';
import type { ActionDeps, NodeTarget, Row } from './actions/types';
import { BatchChannel, type ChannelStats } from './channel/batch-channel';
import { Batcher } from './collectors/batcher';
import { ConfigCollector, type ConfigWatchedNode } from './collectors/config-collector';
import { NodePoller, type NodeSource } from './collectors/node-poller';
import { SampleCollector } from './collectors/sample-collector';
import { StateCollector } from './collectors/state-collector';
import type { AgentConfig, ClusterConfig, NodeConfig } from './config/schema';
import { CommandService } from './commands/command-service';
import { Targets } from './commands/targets';
import { AgentConnection, type ConnectionStats, type ConnectionTuning } from './connection/client';
import { PositionStore } from './guard/position-store';
import { buildHello } from './hello';
import { errorMessage, silentLogger, type Logger } from './log';
import { MonitorConnection } from './mysql/connection';
import { Spool, type SpoolStats } from './spool/spool';
import type { Identity } from './trust/identity-store';
import { KeyStore } from './trust/key-store';
import { ReplayStore } from './trust/replay-store';
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
  /** Commands running now. */
  commandsRunning: string[];
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
  let keys: KeyStore | undefined;
  const hello = () =>
    buildHello(config, {
      startedAt,
      ...(options.hostname ? { hostname: options.hostname } : {}),
      ...(keys ? { pinnedKeyIds: keys.usableKeyIds().slice(0, 16) } : {}),
    });

  let spool: Spool | undefined;
  let channel: BatchChannel | undefined;
  let connection: AgentConnection | undefined;
  let commands: CommandService | undefined;
  let positions: PositionStore | undefined;
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
    // Every Synced poll is a position the safety guard must never see regress.
    onPoll: (cluster, node, status) => {
      if (status.localStateComment === 'Synced') positions?.observe(cluster, node, { uuid: status.clusterStateUuid, seqno: status.lastCommitted });
    },
  });
  const actionPolls = commandPollers(config, options);
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
      keys = await KeyStore.open({ stateDir: config.stateDir, identity, log });
      positions = await PositionStore.open({ stateDir: config.stateDir, log });
      const replay = await ReplayStore.open({ stateDir: config.stateDir, log });
      const targets = new Targets(config);
      commands = new CommandService({
        orgId: identity.orgId,
        agentId: identity.agentId,
        policy: config.commands,
        keys,
        replay,
        targets,
        definitions: ACTION_DEFINITIONS,
        deps: { poll: actionPolls.poll, query: (node, account, sql) => queryOnce(config, node, account, sql), positions, log },
        emit: (update: CommandUpdate) => batcher.addCommands([update]),
        log,
      });
      await commands.recoverInterrupted();
      connection = new AgentConnection({
        websocketUrl: identity.websocketUrl,
        agentId: identity.agentId,
        privateKey: importPrivateKey(identity.privateKey),
        hello,
        handler: channel,
        commands,
        log,
        ...(options.connection ? { tuning: options.connection } : {}),
      });
      log.info('agent starting', {
        version: AGENT_VERSION,
        agentId: identity.agentId,
        nodes: watched.length,
        commandsReadOnly: config.commands.readOnly,
        commandsAllowed: config.commands.allow,
        pinnedKeyIds: keys.usableKeyIds(),
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
      // Running actions end first (recorded as failed agent_stopping) so their updates are spooled below.
      await commands?.stop();
      await states.stop();
      await configs.stop();
      await sampling;
      batcher.flush(); // what was collected goes to the spool, to be sent after the restart
      batcher.stop();
      await Promise.all([...appends]);
      await connection?.stop();
      channel?.stop();
      await Promise.all(watched.map((w) => w.source.close().catch(() => {})));
      await actionPolls.close();
      await positions?.flush();
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
      return { spool: spool.stats(), channel: channel.stats(), connection: connection.stats(), batchesCreated, commandsRunning: commands?.runningIds() ?? [] };
    },
  };
}

/**
 * Polls for the actions and the safety guard: one poller per node, apart from the state loop's,
 * so a guard's fresh poll never waits behind (or disturbs) the 1-second loop. Tests that replace
 * the node sources replace these too.
 */
function commandPollers(config: AgentConfig, options: AgentOptions): { poll: ActionDeps['poll']; close(): Promise<void> } {
  const sources = new Map<string, NodeSource>();
  const sourceOf = (node: NodeTarget): NodeSource => {
    const key = `${node.cluster}/${node.name}`;
    let source = sources.get(key);
    if (!source) {
      const cluster = config.clusters.find((c) => c.name === node.cluster)!;
      source = options.sourceFor?.(cluster, node.config) ?? new NodePoller(new MonitorConnection({ mysql: node.config.mysql, timeoutMs: config.polling.timeoutMs }));
      sources.set(key, source);
    }
    return source;
  };
  return {
    poll: (node): Promise<NodeStatus> => sourceOf(node).pollState(),
    async close() {
      if (options.sourceFor) return; // the test's sources, closed with the state loop's
      await Promise.all([...sources.values()].map((s) => s.close().catch(() => {})));
    },
  };
}

/** One statement on a connection of its own, as the node's monitoring or admin account. */
async function queryOnce(config: AgentConfig, node: NodeTarget, account: 'monitor' | 'admin', sql: string): Promise<Row[]> {
  const mysql = account === 'admin' && node.config.admin ? { ...node.config.mysql, ...node.config.admin } : node.config.mysql;
  const conn = new MonitorConnection({ mysql, timeoutMs: Math.max(config.polling.timeoutMs, 5_000) });
  try {
    const rows = await conn.query(sql);
    return Array.isArray(rows) ? (rows as Row[]) : [];
  } finally {
    await conn.close();
  }
}
