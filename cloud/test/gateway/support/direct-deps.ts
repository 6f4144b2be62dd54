import type { CloudMessage } from '@quorum/protocol';
import type { Database } from '../../../src/db/client';
import type { AppConfig, Deps } from '../../../src/deps';
import type { AgentChannel } from '../../../src/ports/agent-channel';
import { ManualClock } from '../../../src/ports/clock';
import { silentLogger } from '../../../src/ports/logger';
import { fixedSigner } from '../../support/test-signer';
import { RecordingQueue } from '../../support/notify-fakes';

/** An AgentChannel that records what the core sent and closed, for tests without sockets. */
export class RecordingChannel implements AgentChannel {
  readonly sent: Array<{ connectionId: string; message: CloudMessage }> = [];
  readonly closed: Array<{ connectionId: string; code: number; reason: string }> = [];
  async send(connectionId: string, message: CloudMessage): Promise<boolean> {
    this.sent.push({ connectionId, message });
    return true;
  }
  async close(connectionId: string, code: number, reason: string): Promise<void> {
    this.closed.push({ connectionId, code, reason });
  }
}

export const TEST_CONFIG: AppConfig = {
  publicUrl: 'http://localhost:8080',
  agentWebsocketUrl: 'ws://localhost:8080/api/v1/agents/connect',
  secureCookies: false,
  agentOfflineAfterMs: 90_000,
  metricRetentionMs: 30 * 24 * 60 * 60 * 1000,
};

/** The ports the gateway and the jobs use, with a hand-driven clock and no host. */
export function directDeps(db: Database, clock = new ManualClock()) {
  const agentChannel = new RecordingChannel();
  const queue = new RecordingQueue();
  const deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'agentChannel' | 'signer' | 'queue'> = {
    db,
    clock,
    config: TEST_CONFIG,
    log: silentLogger,
    agentChannel,
    signer: fixedSigner,
    queue,
  };
  return { deps, clock, agentChannel, queue };
}
