import { createAgent, type Agent } from '../../src/agent';
import type { ConnectionTuning } from '../../src/connection/client';
import { createLogger, type Logger } from '../../src/log';
import type { Identity } from '../../src/trust/identity-store';
import { FakeSource, makeConfig } from './fixtures';

export interface Harness {
  agent: Agent;
  sources: FakeSource[];
  logs: { level: string; msg: string; [k: string]: unknown }[];
  log: Logger;
  /** Changes every node's state (a new conf id), which makes one urgent batch. */
  change(): void;
}

/**
 * An agent started in-process on synthetic nodes (FakeSource), polling every `stateIntervalMs`,
 * with the given connection tuning; its log lines are captured for assertions.
 */
export async function startAgent(options: {
  identity: Identity;
  stateDir: string;
  nodes?: number;
  tuning?: Partial<ConnectionTuning>;
  stateIntervalMs?: number;
  sources?: FakeSource[];
  window?: number;
}): Promise<Harness> {
  const nodes = options.sources?.length ?? options.nodes ?? 1;
  const config = makeConfig(options.stateDir, nodes);
  config.polling.stateIntervalMs = options.stateIntervalMs ?? 20; // below the file's 200 ms floor, for speed
  const sources = options.sources ?? Array.from({ length: nodes }, () => new FakeSource());
  const logs: Harness['logs'] = [];
  const log = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Harness['logs'][number]) });
  let conf = 10;
  const agent = createAgent({
    config,
    identity: options.identity,
    log,
    connection: { backoffInitialMs: 20, backoffMaxMs: 200, ...options.tuning },
    sourceFor: (_cluster, node) => sources[Number(node.name.replace('node', '')) - 1]!,
    hostname: 'test-host',
    ...(options.window ? { window: options.window } : {}),
  });
  await agent.start();
  return {
    agent,
    sources,
    logs,
    log,
    change() {
      conf += 1;
      for (const s of sources) s.status = { ...s.status, clusterConfId: String(conf) };
    },
  };
}
