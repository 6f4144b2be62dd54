import { encodeMessage, type BatchInput, type CloudMessage } from '@quorum/protocol';
import { AgentConnection } from './agent-client';
import { helloMessage } from './messages';
import type { TestAgentIdentity } from './tenants';

/**
 * A minimal agent for host tests: keeps every batch until it is acked, reconnects (with a fresh
 * credential) whenever its connection drops, says hello, and re-sends whatever is still unacked
 * — what the real agent's spool does.
 */
export class StreamingAgent {
  readonly acked = new Set<string>();
  reconnects = 0;
  #unacked = new Map<string, string>(); // batch id → text, in the order they were made
  #conn: AgentConnection | undefined;
  #stopped = false;
  #running: Promise<void> | undefined;

  constructor(
    private readonly agent: TestAgentIdentity,
    public url: string,
  ) {}

  start(): void {
    this.#running = this.#run();
  }

  /** Queues a batch: sent at once if connected, otherwise after the next hello. */
  send(batch: BatchInput & { batchId: string }): void {
    const text = encodeMessage(batch);
    this.#unacked.set(batch.batchId, text);
    this.#conn?.send(text);
  }

  get unacked(): number {
    return this.#unacked.size;
  }

  async waitAllAcked(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#unacked.size > 0) {
      if (Date.now() > deadline) throw new Error(`${this.#unacked.size} batches still unacked after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#conn?.close();
    await this.#running;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let conn: AgentConnection;
      try {
        conn = await AgentConnection.connect(this.url, this.agent);
      } catch {
        await new Promise((r) => setTimeout(r, 50)); // the control plane is down: try again
        continue;
      }
      conn.ws.on('message', (data) => this.#onMessage(JSON.parse(String(data)) as CloudMessage));
      conn.send(helloMessage());
      try {
        await conn.next('welcome', () => true, 2_000);
        this.#conn = conn;
        for (const text of [...this.#unacked.values()]) conn.send(text);
      } catch {
        conn.ws.terminate();
      }
      await conn.closed;
      this.#conn = undefined;
      if (!this.#stopped) this.reconnects += 1;
    }
  }

  #onMessage(message: CloudMessage): void {
    if (message.type === 'ack') {
      this.#unacked.delete(message.batchId);
      this.acked.add(message.batchId);
    }
    // An `error` about a batch leaves it unacked: it goes again after the next hello.
  }
}
