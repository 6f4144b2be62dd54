import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { silentLogger } from '../log';
import type { Session } from '../connection/client';
import { BatchChannel, type Outbox } from './batch-channel';

class MemoryOutbox implements Outbox {
  items: { seq: number; batchId: string }[] = [];
  #seq = 0;
  add(n: number): string[] {
    return Array.from({ length: n }, () => {
      const batchId = randomUUID();
      this.items.push({ seq: ++this.#seq, batchId });
      return batchId;
    });
  }
  entries() {
    return this.items;
  }
  async read(e: { batchId: string }) {
    return this.items.some((i) => i.batchId === e.batchId) ? `{"batchId":"${e.batchId}"}` : undefined;
  }
  async remove(batchId: string) {
    const before = this.items.length;
    this.items = this.items.filter((i) => i.batchId !== batchId);
    return this.items.length < before;
  }
}

function session(id = 1) {
  const sent: string[] = [];
  let buffered = 0;
  const s: Session & { sent: string[]; setBuffered(n: number): void } = {
    id,
    sent,
    send: (text) => (sent.push((JSON.parse(text) as { batchId: string }).batchId), true),
    buffered: () => buffered,
    setBuffered: (n) => (buffered = n),
  };
  return s;
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('BatchChannel', () => {
  it('sends in creation order, at most `window` awaiting an ack, and removes acked batches', async () => {
    const outbox = new MemoryOutbox();
    const ids = outbox.add(20);
    const channel = new BatchChannel({ outbox, log: silentLogger, window: 16 });
    const s = session();
    channel.ready(s);
    await settle();
    assert.deepEqual(s.sent, ids.slice(0, 16));
    channel.message({ type: 'ack', batchId: ids[0]!, duplicate: false });
    channel.message({ type: 'ack', batchId: ids[1]!, duplicate: true });
    await settle();
    assert.deepEqual(s.sent, ids.slice(0, 18));
    assert.deepEqual(channel.stats(), { sent: 18, acked: 2, duplicates: 1, rejected: 0, inFlight: 16 });
    assert.equal(outbox.items.length, 18);
  });

  it('re-sends everything unacked, oldest first, on the next session', async () => {
    const outbox = new MemoryOutbox();
    const ids = outbox.add(3);
    const channel = new BatchChannel({ outbox, log: silentLogger });
    const first = session(1);
    channel.ready(first);
    await settle();
    channel.message({ type: 'ack', batchId: ids[1]!, duplicate: false });
    channel.down();
    const later = outbox.add(1);
    const second = session(2);
    channel.ready(second);
    await settle();
    assert.deepEqual(second.sent, [ids[0], ids[2], later[0]]);
  });

  it('drops a batch refused as invalid (counted, never re-sent) but retries one refused for a passing reason', async () => {
    const outbox = new MemoryOutbox();
    const [bad, busy] = outbox.add(2) as [string, string];
    const channel = new BatchChannel({ outbox, log: silentLogger, retryDelayMs: 20 });
    const s = session();
    channel.ready(s);
    await settle();
    channel.message({ type: 'error', code: 'invalid_message', message: 'no', batchId: bad });
    channel.message({ type: 'error', code: 'rate_limited', message: 'later', batchId: busy });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(s.sent, [bad, busy, busy]);
    assert.equal(channel.stats().rejected, 1);
    assert.deepEqual(outbox.items.map((i) => i.batchId), [busy]);
  });

  it('holds batches back while the socket has a backlog, so heartbeats are not queued behind them', async () => {
    const outbox = new MemoryOutbox();
    outbox.add(3);
    const channel = new BatchChannel({ outbox, log: silentLogger });
    const s = session();
    s.setBuffered(1024 * 1024);
    channel.ready(s);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(s.sent.length, 0);
    s.setBuffered(0);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(s.sent.length, 3);
    channel.stop();
  });

  it('sends nothing new while paused (before a planned reconnect) and reports idle once acks are in', async () => {
    const outbox = new MemoryOutbox();
    const ids = outbox.add(1);
    const channel = new BatchChannel({ outbox, log: silentLogger });
    const s = session();
    channel.ready(s);
    await settle();
    channel.pause();
    outbox.add(1);
    channel.notify();
    await settle();
    assert.equal(s.sent.length, 1);
    assert.equal(channel.idle(), false);
    channel.message({ type: 'ack', batchId: ids[0]!, duplicate: false });
    await settle();
    assert.equal(channel.idle(), true);
    assert.equal(s.sent.length, 1);
  });
});
