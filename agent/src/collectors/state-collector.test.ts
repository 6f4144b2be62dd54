import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StateReport } from '@quorum/protocol';
import { FakeSource, sleep, syncedStatus, waitUntil } from '../../test/helpers/fixtures';
import { silentLogger } from '../log';
import { StateCollector } from './state-collector';

function collect(nodes: { node: string; source: FakeSource }[], intervalMs: number) {
  const sent: { reports: StateReport[]; urgent: boolean; at: number }[] = [];
  const collector = new StateCollector({
    nodes: nodes.map((n) => ({ cluster: 'c1', ...n })),
    intervalMs,
    log: silentLogger,
    sink: (reports, urgent) => sent.push({ reports, urgent, at: Date.now() }),
  });
  return { collector, sent };
}

describe('StateCollector', () => {
  it('reports the first poll and every change at once, plus the confirming poll after it', async () => {
    const source = new FakeSource();
    const { collector, sent } = collect([{ node: 'n1', source }], 30);
    collector.start();
    await waitUntil('two polls', () => source.polls >= 4);
    // first poll: changed; second: the confirmation; later polls with no change: nothing.
    assert.deepEqual(sent.map((s) => [s.reports[0]!.changed, s.urgent]), [[true, true], [false, true]]);
    const seqs = sent.map((s) => s.reports[0]!.pollSeq);
    assert.deepEqual(seqs, [1, 2]);

    const changedAt = Date.now();
    source.status = syncedStatus(['n1'], { clusterSize: 1, clusterConfId: '1' });
    await waitUntil('the change', () => sent.length >= 3);
    assert.equal(sent[2]!.reports[0]!.changed, true);
    assert.equal(sent[2]!.reports[0]!.status.clusterSize, 1);
    assert.ok(sent[2]!.at - changedAt < 200, 'a change is sent within one poll interval');
    await waitUntil('the confirmation', () => sent.length >= 4);
    assert.equal(sent[3]!.reports[0]!.changed, false);
    assert.equal(sent[3]!.reports[0]!.pollSeq, sent[2]!.reports[0]!.pollSeq + 1);
    await collector.stop();
  });

  it('treats an unreachable node as a state and keeps polling it', async () => {
    const source = new FakeSource();
    const { collector, sent } = collect([{ node: 'n1', source }], 20);
    collector.start();
    await waitUntil('first', () => sent.length >= 1);
    source.goUnreachable();
    await waitUntil('unreachable reported', () => sent.some((s) => !s.reports[0]!.status.reachable));
    const polls = source.polls;
    await waitUntil('polling continues', () => source.polls > polls + 2);
    assert.equal(collector.latest()[0]!.status.reachable, false);
    assert.equal(collector.latest()[0]!.changed, false, 'latest() is a refresh');
    await collector.stop();
  });

  it('polls nodes concurrently, never overlapping a node with itself; a slow node does not delay others', async () => {
    const slow = new FakeSource();
    slow.delayMs = 150;
    const fast = new FakeSource();
    const { collector } = collect([{ node: 'slow', source: slow }, { node: 'fast', source: fast }], 20);
    collector.start();
    await sleep(400);
    await collector.stop();
    assert.equal(slow.overlaps, 0);
    assert.ok(slow.polls >= 2 && slow.polls <= 4, `slow polls ${slow.polls}`);
    assert.ok(fast.polls >= 12, `fast polls ${fast.polls}`);
  });

  it('stop() waits for a poll in flight and nothing is reported after it', async () => {
    const source = new FakeSource();
    source.delayMs = 100;
    const { collector, sent } = collect([{ node: 'n1', source }], 10);
    collector.start();
    await sleep(20);
    await collector.stop();
    const count = sent.length;
    await sleep(150);
    assert.equal(sent.length, count);
  });
});
