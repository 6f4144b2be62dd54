import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IngestMessage } from '../../src/jobs/ingest-message';
import type { QueueHandler, QueuePort } from '../../src/ports/queue';
import { ingestMessage, largestIngestMessage } from './queue-messages';

/**
 * What every QueuePort adapter, together with its consumer, must do — run against the in-process
 * queue and against SQS (a real SQS-compatible server on loopback with the real SDK client).
 */
export interface QueueHarness {
  readonly queue: QueuePort;
  /** Deliveries a failing message gets before it is dead-lettered. */
  readonly maxAttempts: number;
  /** Installs the consumer of the `ingest` queue (what a host wires at start). */
  consume(handler: QueueHandler<'ingest'>): void;
  /** Lets the consumer side run until `done()` holds; fails after a bounded number of rounds. */
  settle(done: () => boolean | Promise<boolean>): Promise<void>;
  /** Messages given up on: in a dead-letter queue, or (in-process) refused back to their sender. */
  deadLetters(): Promise<IngestMessage[]>;
  close(): Promise<void>;
}

export type HarnessFactory = (opts: { maxAttempts: number }) => Promise<QueueHarness>;

interface Delivery {
  message: IngestMessage;
  messageId: string;
}

export function queueContract(adapter: string, makeHarness: HarnessFactory): void {
  const withHarness = (maxAttempts: number, body: (h: QueueHarness) => Promise<void>) => async () => {
    const harness = await makeHarness({ maxAttempts });
    try {
      await body(harness);
    } finally {
      await harness.close();
    }
  };

  test(`${adapter}: once send resolves, the message is handled at least once, as it was sent`, withHarness(3, async (h) => {
    const handled: Delivery[] = [];
    h.consume(async (message, meta) => {
      handled.push({ message, messageId: meta.messageId });
    });
    const sent = [1, 2, 3, 4, 5].map((n) => ingestMessage(n));
    for (const m of sent) await h.queue.send('ingest', m);
    await h.settle(() => sent.every((m) => handled.some((d) => d.message.batch.batchId === m.batch.batchId)));
    for (const m of sent) assert.deepEqual(handled.find((d) => d.message.batch.batchId === m.batch.batchId)?.message, m);
    assert.equal(new Set(handled.map((d) => d.messageId)).size, new Set(handled.map((d) => d.message.batch.batchId)).size, 'one message id per message');
  }));

  test(`${adapter}: bodies round-trip exactly — the largest agent batch, in emoji, CJK and U+FFFF`, withHarness(3, async (h) => {
    const handled: IngestMessage[] = [];
    h.consume(async (message) => {
      handled.push(message);
    });
    const sent = [largestIngestMessage('😀'), largestIngestMessage('数据库集群'), largestIngestMessage('a\uffffb\ufffe\u0001"\\')];
    for (const m of sent) await h.queue.send('ingest', m);
    await h.settle(() => handled.length >= sent.length);
    for (const m of sent) assert.deepEqual(handled.find((x) => x.batch.batchId === m.batch.batchId), m);
  }));

  test(`${adapter}: a failing handler is retried with the same message id until it succeeds`, withHarness(4, async (h) => {
    const ids: string[] = [];
    let succeeded = false;
    h.consume(async (_message, meta) => {
      ids.push(meta.messageId);
      if (ids.length < 3) throw new Error(`transient failure ${ids.length}`);
      succeeded = true;
    });
    await h.queue.send('ingest', ingestMessage(1));
    await h.settle(() => succeeded);
    assert.equal(ids.length, 3);
    assert.equal(new Set(ids).size, 1, 'every attempt sees the same message id');
    assert.deepEqual(await h.deadLetters(), []);
  }));

  test(`${adapter}: a message that always fails is tried maxAttempts times, then dead-lettered; the others are not held back`, withHarness(3, async (h) => {
    const poison = ingestMessage(666);
    const good = [ingestMessage(1), ingestMessage(2), ingestMessage(3)];
    let poisonAttempts = 0;
    const handled = new Set<string>();
    h.consume(async (message) => {
      if (message.batch.batchId === poison.batch.batchId) {
        poisonAttempts += 1;
        throw new Error('this batch can never be stored');
      }
      handled.add(message.batch.batchId);
    });
    await Promise.all([h.queue.send('ingest', poison).catch(() => {}), ...good.map((m) => h.queue.send('ingest', m))]);
    let dead: IngestMessage[] = [];
    await h.settle(async () => {
      dead = await h.deadLetters();
      return dead.length > 0 && good.every((m) => handled.has(m.batch.batchId));
    });
    assert.deepEqual(dead, [poison]);
    assert.equal(poisonAttempts, h.maxAttempts);
    await h.settle(() => true); // one more round: a dead letter is never delivered again
    assert.equal(poisonAttempts, h.maxAttempts);
  }));
}
