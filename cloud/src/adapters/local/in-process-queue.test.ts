import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema } from '@quorum/protocol';
import { silentLogger } from '../../ports/logger';
import type { IngestMessage } from '../../jobs/ingest-message';
import { InProcessQueue } from './in-process-queue';

const message = (n: number): IngestMessage => ({
  orgId: 'org_1',
  agentId: 'agt_1',
  receivedAt: n,
  batch: batchSchema.parse({
    type: 'batch',
    batchId: '00000000-0000-4000-8000-00000000000' + (n % 10),
    createdAt: n,
    samples: [{ cluster: 'c', node: 'n', observedAt: n, values: { connections: n } }],
  }),
});

test('send resolves only once the handler has finished (resolved ⇒ stored)', async () => {
  const queue = new InProcessQueue({ log: silentLogger });
  const handled: number[] = [];
  queue.register('ingest', async (m) => {
    await new Promise((r) => setTimeout(r, 20));
    handled.push(m.receivedAt);
  });
  await queue.send('ingest', message(1));
  assert.deepEqual(handled, [1]);
});

test('a failing handler is retried with backoff; send rejects only after the last attempt', async () => {
  const queue = new InProcessQueue({ log: silentLogger, attempts: 3, backoffMs: 5 });
  let calls = 0;
  queue.register('ingest', async () => {
    calls += 1;
    if (calls < 3) throw new Error('deadlock, try again');
  });
  await queue.send('ingest', message(1));
  assert.equal(calls, 3);

  const failing = new InProcessQueue({ log: silentLogger, attempts: 2, backoffMs: 5 });
  failing.register('ingest', async () => {
    throw new Error('database gone');
  });
  await assert.rejects(failing.send('ingest', message(2)), /database gone/);
});

test('at most `concurrency` handlers run at once; drain waits for all and refuses new messages', async () => {
  const queue = new InProcessQueue({ log: silentLogger, concurrency: 2 });
  let running = 0;
  let peak = 0;
  let done = 0;
  queue.register('ingest', async () => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 10));
    running -= 1;
    done += 1;
  });
  const sends = Array.from({ length: 7 }, (_, i) => queue.send('ingest', message(i)));
  await queue.drain();
  assert.equal(done, 7);
  assert.equal(peak, 2);
  await Promise.all(sends);
  await assert.rejects(queue.send('ingest', message(8)), /shutting down/);
});
