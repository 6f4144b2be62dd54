import { InProcessQueue } from '../../src/adapters/local/in-process-queue';
import type { IngestMessage } from '../../src/jobs/ingest-message';
import { silentLogger } from '../../src/ports/logger';
import type { QueueMessages, QueueName } from '../../src/ports/queue';
import { queueContract } from './queue.contract';

// The local host's queue: `send` resolves once handled, and a message that keeps failing is
// refused back to its sender after the last attempt — the in-process queue's dead-letter queue is
// the sender, who tells the agent to send the batch again.
queueContract('in-process queue', async ({ maxAttempts }) => {
  const inner = new InProcessQueue({ log: silentLogger, attempts: maxAttempts, backoffMs: 1 });
  const dead: IngestMessage[] = [];
  return {
    maxAttempts,
    queue: {
      send: <Q extends QueueName>(queue: Q, message: QueueMessages[Q]) =>
        inner.send(queue, message).catch((error: unknown) => {
          dead.push(message as IngestMessage);
          throw error;
        }),
    },
    consume: (handler) => inner.register('ingest', handler),
    settle: async (done) => {
      for (let round = 0; round < 100; round++) {
        if (await done()) return;
        await new Promise((r) => setImmediate(r));
      }
      throw new Error('the in-process queue did not settle');
    },
    deadLetters: async () => [...dead],
    close: () => inner.drain(),
  };
});
