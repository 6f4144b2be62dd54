import { createConnectCredential, importPrivateKey, type CloudMessage } from '@quorum/protocol';
import WebSocket from 'ws';
import type { TestAgentIdentity } from './tenants';

const lastTs = new Map<string, number>();

/** A fresh connect credential; `ts` strictly increases per agent, as the replay guard requires. */
export function credentialFor(agent: Pick<TestAgentIdentity, 'agentId' | 'privateKey'>, now = Date.now()): string {
  const ts = Math.max(now, (lastTs.get(agent.agentId) ?? 0) + 1);
  lastTs.set(agent.agentId, ts);
  return createConnectCredential({ agentId: agent.agentId, privateKey: importPrivateKey(agent.privateKey), now: ts });
}

export interface Refusal {
  status: number;
  reason: string | undefined;
  closeCode: number | undefined;
}

export class UpgradeRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(`upgrade refused with HTTP ${refusal.status} (${refusal.reason})`);
  }
}

/**
 * A bare agent connection for tests: sends what it is told, records what it receives, and lets
 * the test wait for a particular reply or for the close.
 */
export class AgentConnection {
  readonly received: CloudMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #consumed = new Set<number>();
  #waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as CloudMessage);
      for (const w of this.#waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a connection with the given Authorization header; rejects with {@link UpgradeRefused}. */
  static open(url: string, authorization: string | undefined): Promise<AgentConnection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: authorization ? { authorization } : {} });
      ws.once('open', () => resolve(new AgentConnection(ws)));
      ws.once('unexpected-response', (_req, res) => {
        const header = (name: string) => {
          const v = res.headers[name];
          return typeof v === 'string' ? v : undefined;
        };
        const closeCode = header('x-quorum-close-code');
        reject(new UpgradeRefused({ status: res.statusCode ?? 0, reason: header('x-quorum-reject-reason'), closeCode: closeCode ? Number(closeCode) : undefined }));
        res.resume();
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });
  }

  static connect(url: string, agent: Pick<TestAgentIdentity, 'agentId' | 'privateKey'>): Promise<AgentConnection> {
    return AgentConnection.open(url, credentialFor(agent));
  }

  send(message: object | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first not-yet-taken received message matching `match`, waiting up to `timeoutMs`. */
  async next<T extends CloudMessage['type']>(
    type: T,
    match: (m: Extract<CloudMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<Extract<CloudMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(
        (m, i) => !this.#consumed.has(i) && m.type === type && match(m as Extract<CloudMessage, { type: T }>),
      );
      if (index >= 0) {
        this.#consumed.add(index);
        return this.received[index] as Extract<CloudMessage, { type: T }>;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no "${type}" message within ${timeoutMs} ms; received: ${JSON.stringify(this.received).slice(0, 800)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.close(1000, 'test done');
    await this.closed;
  }
}

export function agentUrl(hostUrl: string): string {
  return `${hostUrl.replace(/^http/, 'ws')}/api/v1/agents/connect`;
}
