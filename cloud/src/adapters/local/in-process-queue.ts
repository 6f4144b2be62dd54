import { randomUUID } from 'node:crypto';
import type { Logger } from '../../ports/logger';
import type { QueueHandler, QueueMessages, QueueName, QueuePort } from '../../ports/queue';
import { errorSummary } from '../../jobs/error-summary';

export interface InProcessQueueOptions {
  log: Logger;
  /** Attempts per message before `send` rejects (the first try included). */
  attempts?: number;
  /** Delay before the first retry; doubles with each further one. */
  backoffMs?: number;
  /** Handlers running at once; further messages wait their turn (backpressure on the senders). */
  concurrency?: number;
}

/**
 * The local host's queue. There is no broker to make a message durable, so `send` resolves only
 * once the handler has finished — the queue contract ("resolved ⇒ durable") then holds in the
 * strongest way: an agent's batch is acked only after it is stored. A failing handler is retried
 * with exponential backoff; after the last attempt `send` rejects and the sender (the gateway)
 * tells the agent to send again.
 */
export class InProcessQueue implements QueuePort {
  readonly #handlers = new Map<QueueName, QueueHandler<QueueName>>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #waiting: Array<() => void> = [];
  readonly #opts: Required<InProcessQueueOptions>;
  #running = 0;
  #stopped = false;

  constructor(options: InProcessQueueOptions) {
    this.#opts = { attempts: 4, backoffMs: 50, concurrency: 8, ...options };
  }

  register<Q extends QueueName>(queue: Q, handler: QueueHandler<Q>): void {
    this.#handlers.set(queue, handler as QueueHandler<QueueName>);
  }

  send<Q extends QueueName>(queue: Q, message: QueueMessages[Q]): Promise<void> {
    if (this.#stopped) return Promise.reject(new Error('the queue is shutting down'));
    const handler = this.#handlers.get(queue);
    if (!handler) return Promise.reject(new Error(`no consumer registered for queue "${queue}"`));
    const done = this.#deliver(queue, handler, message);
    this.#inFlight.add(done);
    void done.catch(() => {}).finally(() => this.#inFlight.delete(done));
    return done;
  }

  /** Refuses new messages and waits for those in flight (shutdown). */
  async drain(): Promise<void> {
    this.#stopped = true;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async #deliver(queue: QueueName, handler: QueueHandler<QueueName>, message: QueueMessages[QueueName]): Promise<void> {
    await this.#slot();
    try {
      const messageId = randomUUID();
      for (let attempt = 1; ; attempt++) {
        try {
          await handler(message, { messageId });
          return;
        } catch (error) {
          if (attempt >= this.#opts.attempts) throw error;
          this.#opts.log.warn('queue handler failed, retrying', { queue, messageId, attempt, error: errorSummary(error) });
          await new Promise((r) => setTimeout(r, this.#opts.backoffMs * 2 ** (attempt - 1)));
        }
      }
    } finally {
      this.#release();
    }
  }

  #slot(): Promise<void> {
    if (this.#running < this.#opts.concurrency) {
      this.#running += 1;
      return Promise.resolve();
    }
    return new Promise((r) => this.#waiting.push(r)); // the slot passes directly to the waiter
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running -= 1;
  }
}
