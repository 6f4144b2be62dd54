import { randomBytes } from 'node:crypto';
import type { CloudMessage } from '@quorum/protocol';
import { buildApp } from '../../src/app';
import type { AppConfig, Deps } from '../../src/deps';
import type { AgentChannel } from '../../src/ports/agent-channel';
import { ManualClock } from '../../src/ports/clock';
import { silentLogger, type Logger } from '../../src/ports/logger';
import type { QueueName, QueueMessages, QueuePort } from '../../src/ports/queue';
import { fixedSigner } from '../support/test-signer';
import type { Signer } from '../../src/ports/signer';
import { RecordingHttpSender, RecordingMailer, RecordingQueue } from '../support/notify-fakes';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { aesSecretBox } from '../../src/adapters/local/aes-secret-box';

/** Channel secrets sealed as the local host seals them, with a key made for this run. */
export const testSecretBox = aesSecretBox([{ keyId: 'test', key: randomBytes(32) }]);

/**
 * Deps for API tests: a fresh database per file, a hand-moved clock, and ports that record what
 * they were asked to do. Tests call `app.request()` — no server, no network.
 */
export class RecordingAgentChannel implements AgentChannel {
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

export { RecordingQueue };

export { fixedSigner, TEST_SIGNING_KEY } from '../support/test-signer';

export const TEST_CONFIG: AppConfig = {
  publicUrl: 'http://localhost:8080',
  agentWebsocketUrl: 'ws://localhost:8080/agent',
  secureCookies: false,
  agentOfflineAfterMs: 90_000,
  metricRetentionMs: 31 * 24 * 3600_000,
};

export interface TestApp {
  app: ReturnType<typeof buildApp>;
  deps: Deps;
  db: TestDatabase;
  clock: ManualClock;
  channel: RecordingAgentChannel;
  queue: RecordingQueue;
  mailer: RecordingMailer;
  http: RecordingHttpSender;
  close(): Promise<void>;
}

export async function createTestApp(label: string, overrides: { config?: Partial<AppConfig>; log?: Logger; edgeProxy?: Deps['edgeProxy'] } = {}): Promise<TestApp> {
  const db = await createTestDatabase(label);
  const clock = new ManualClock();
  const channel = new RecordingAgentChannel();
  const queue = new RecordingQueue();
  const mailer = new RecordingMailer();
  const http = new RecordingHttpSender();
  const deps: Deps = {
    db: db.db,
    clock,
    queue,
    agentChannel: channel,
    signer: fixedSigner,
    log: overrides.log ?? silentLogger,
    config: { ...TEST_CONFIG, ...overrides.config },
    mailer,
    httpSender: http,
    secretBox: testSecretBox,
    ...(overrides.edgeProxy ? { edgeProxy: overrides.edgeProxy } : {}),
  };
  return { app: buildApp(deps), deps, db, clock, channel, queue, mailer, http, close: () => db.drop() };
}

/** A logger that keeps every line, to assert what was (and was not) logged. */
export function recordingLogger(): Logger & { lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
