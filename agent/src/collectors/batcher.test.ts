import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchSchema, MAX_MESSAGE_BYTES, utf8Length, type MetricSample, type StateReport } from '@quorum/protocol';
import { syncedStatus } from '../../test/helpers/fixtures';
import { silentLogger } from '../log';
import { Batcher, splitIntoBatches } from './batcher';

const bigState = (i: number): StateReport => ({
  cluster: 'c1',
  node: `n${i % 60}`,
  pollSeq: i,
  observedAt: 1_700_000_000_000 + i,
  changed: false,
  // 64 members with long names and addresses: about 14 KB serialized
  status: syncedStatus(Array.from({ length: 64 }, (_, m) => `member-${m}-${'x'.repeat(100)}`)),
});
const sample = (i: number): MetricSample => ({ cluster: 'c1', node: `n${i}`, observedAt: 1, values: { queries_per_s: i, connections: 3 } });

describe('splitIntoBatches', () => {
  it('splits a huge batch into valid messages of at most 128 KB, keeping every item once and in order', () => {
    const states = Array.from({ length: 100 }, (_, i) => bigState(i));
    const samples = Array.from({ length: 2000 }, (_, i) => sample(i));
    const { batches, tooLarge } = splitIntoBatches({ states, samples }, { createdAt: 1_700_000_000_000 });
    assert.equal(tooLarge, 0);
    assert.ok(batches.length > 10, `only ${batches.length} batches`);
    const parsed = batches.map((b) => {
      assert.ok(utf8Length(b.text) <= MAX_MESSAGE_BYTES, `${utf8Length(b.text)} bytes`);
      const r = batchSchema.safeParse(JSON.parse(b.text));
      assert.ok(r.success, r.success ? '' : r.error.message);
      assert.equal(r.data.batchId, b.batchId);
      return r.data;
    });
    assert.deepEqual(parsed.flatMap((b) => b.states.map((s) => s.pollSeq)), states.map((s) => s.pollSeq));
    assert.deepEqual(parsed.flatMap((b) => b.samples.map((s) => s.node)), samples.map((s) => s.node));
    assert.equal(new Set(parsed.map((b) => b.batchId)).size, parsed.length);
    // Messages are packed: each but the last is more than half full or at the 512-item cap.
    for (const b of batches.slice(0, -1)) {
      assert.ok(utf8Length(b.text) > MAX_MESSAGE_BYTES / 2 || b.samples === 512, `${utf8Length(b.text)} bytes, ${b.samples} samples`);
    }
  });

  it('keeps at most 512 items per array', () => {
    const samples = Array.from({ length: 1500 }, (_, i) => ({ cluster: 'c', node: 'n', observedAt: i, values: {} }));
    const { batches } = splitIntoBatches({ states: [], samples }, { createdAt: 1 });
    assert.deepEqual(batches.map((b) => b.samples), [512, 512, 476]);
  });

  it('reports an item too large for any message instead of sending it', () => {
    const huge = { ...bigState(1), status: { ...syncedStatus(['a']), clusterAddress: 'x'.repeat(MAX_MESSAGE_BYTES) } };
    const { batches, tooLarge } = splitIntoBatches({ states: [huge, bigState(2)], samples: [] }, { createdAt: 1 });
    assert.equal(tooLarge, 1);
    assert.equal(batches.length, 1);
  });
});

describe('Batcher', () => {
  it('flushes urgent state changes at once, without waiting for the sample timer', async () => {
    const out: { states: number; samples: number }[] = [];
    const b = new Batcher({ sink: ({ states, samples }) => out.push({ states, samples }), log: silentLogger, maxDelayMs: 60_000 });
    b.addSamples([sample(1)]);
    assert.equal(out.length, 0);
    b.addStates([bigState(1)], true);
    b.addStates([bigState(2)], true); // same instant: shares the batch
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(out, [{ states: 2, samples: 1 }]);
    b.stop();
  });

  it('holds non-urgent items until flush() or maxDelayMs', async () => {
    const out: unknown[] = [];
    const b = new Batcher({ sink: (x) => out.push(x), log: silentLogger, maxDelayMs: 50 });
    b.addStates([bigState(1)], false);
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(out.length, 0);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(out.length, 1);
    b.addSamples([sample(1)]);
    b.flush();
    assert.equal(out.length, 2);
    b.flush(); // nothing pending: no empty batch
    assert.equal(out.length, 2);
    b.stop();
  });
});

describe('Batcher config reports', () => {
  it('sends config reports at once, in the batch\'s configs, and leaves out one carrying a non-allow-listed key', async () => {
    const out: { text: string; configs: number }[] = [];
    const b = new Batcher({ sink: (x) => out.push(x), log: silentLogger, maxDelayMs: 60_000 });
    const report = { cluster: 'c1', node: 'n1', observedAt: 1, configured: null, running: { wsrep_cluster_address: 'gcomm://' } };
    b.addConfigs([report, { ...report, node: 'n2', running: { wsrep_sst_auth: 'root:pw' } as never }]);
    await new Promise((r) => setImmediate(r));
    assert.equal(out.length, 1);
    assert.equal(out[0]!.configs, 1);
    const parsed = batchSchema.parse(JSON.parse(out[0]!.text));
    assert.deepEqual(parsed.configs, [report]);
    assert.ok(!out[0]!.text.includes('root:pw'));
    b.stop();
  });
});

describe('Batcher validation', () => {
  it('leaves out an item that breaks the protocol schema, keeping the rest of the batch', () => {
    const out: { text: string; states: number }[] = [];
    const b = new Batcher({ sink: (x) => out.push(x), log: silentLogger });
    b.addStates([bigState(1), { ...bigState(2), node: 'bad name with spaces' }, bigState(3)], false);
    b.flush();
    assert.equal(out.length, 1);
    assert.equal(out[0]!.states, 2);
    assert.ok(batchSchema.safeParse(JSON.parse(out[0]!.text)).success, 'batchSchema.safeParse(JSON.parse(out[0]!.text)).success');
  });
});
