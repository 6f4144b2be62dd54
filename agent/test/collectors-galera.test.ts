import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GaleraLab } from '@quorum/lab';
import type { StateReport } from '@quorum/protocol';
import { createAgent, type Agent } from '../src/agent';
import { FakeCloud } from './helpers/fake-cloud';
import { makeConfig, makeIdentity, tempDir, writePasswordFile } from './helpers/fixtures';

/**
 * The agent on a REAL 3-node MariaDB Galera cluster (@quorum/lab), reporting to the test cloud:
 * what it sees when the cluster is healthy, when a node stops, and in the split brain of
 * GALERA.md §6 (a node restarted with an empty gcomm://).
 */
describe('agent on a real Galera cluster', { timeout: 120_000 }, () => {
  let lab: GaleraLab;
  let cloud: FakeCloud;
  let agent: Agent;
  let dir: { path: string; remove: () => Promise<void> };

  before(async () => {
    lab = await GaleraLab.create({ nodes: 3 });
    dir = await tempDir();
    const pw = await writePasswordFile(dir.path, lab.monitor.password);
    const { identity, publicKey } = makeIdentity('ws://placeholder/agent');
    cloud = await FakeCloud.start({ agents: { [identity.agentId]: publicKey } });
    identity.websocketUrl = cloud.websocketUrl;
    const config = makeConfig(dir.path, 3);
    config.polling.stateIntervalMs = 200;
    config.polling.sampleIntervalMs = 2000;
    lab.nodes.forEach((n, i) => {
      config.clusters[0]!.nodes[i]!.mysql = { host: n.host, port: n.port, user: lab.monitor.user, passwordFile: pw };
    });
    agent = createAgent({ config, identity });
    await agent.start();
  });

  after(async () => {
    await agent?.stop();
    await cloud?.stop();
    await lab?.destroy();
    await dir?.remove();
  });

  /** Every state report the cloud stored, with when it arrived. */
  const reports = () => cloud.batches.flatMap((b, i) => b.states.map((report) => ({ report, at: cloud.arrivals[i]! })));
  const latest = (node: string) => reports().filter((a) => a.report.node === node).at(-1);
  /** The first report of `node` that arrived at or after `since` and passes `ok`, waiting for it. */
  const waitForReport = async (what: string, node: string, since: number, ok: (r: StateReport) => boolean, timeoutMs = 10_000) => {
    const find = () => reports().find((a) => a.report.node === node && a.at >= since && ok(a.report));
    await cloud.waitFor(`${node}: ${what}`, () => find() !== undefined, timeoutMs);
    return find()!;
  };

  it('sees three Synced Primary nodes with the same three members', async () => {
    for (const node of ['node1', 'node2', 'node3']) {
      await waitForReport('synced', node, 0, (r) => r.status.localStateComment === 'Synced' && r.status.clusterSize === 3);
    }
    const uuids = (node: string) => latest(node)!.report.status.members!.map((m) => m.uuid).sort();
    assert.equal(uuids('node1').length, 3);
    assert.deepEqual(uuids('node2'), uuids('node1'));
    assert.deepEqual(uuids('node3'), uuids('node1'));
    const s = latest('node1')!.report.status;
    assert.equal(s.clusterStatus, 'Primary');
    assert.equal(s.clusterName, lab.clusterName);
    assert.match(s.clusterAddress!, /^gcomm:\/\/.+/);
  });

  it('stop node3: node3 unreachable and the others at size 2, each sent as a change at once', async () => {
    await lab.stop('node3');
    const stopped = Date.now();
    const down = await waitForReport('unreachable', 'node3', stopped - 5000, (r) => r.changed && !r.status.reachable);
    const others = await Promise.all(
      ['node1', 'node2'].map((n) => waitForReport('size 2', n, stopped - 5000, (r) => r.changed && r.status.clusterSize === 2)),
    );
    for (const a of [down, ...others]) {
      // One poll (200 ms) plus the batch's trip; far from the 2 s sample timer.
      assert.ok(a.at - stopped < 1500, `${a.report.node} reported ${a.at - stopped} ms after the stop`);
    }
    // The poll right after a change follows at once, for the cloud's two-poll confirmation. (The
    // error text may change once more, e.g. "read ECONNRESET" then "connect ECONNREFUSED", which is
    // a change of its own: confirm the last one.)
    // (Refreshes repeat the last poll with its own pollSeq, so look for pollSeq + 1.)
    const changes = () => reports().filter((a) => a.report.node === 'node3' && a.report.changed && a.at >= down.at);
    const confirm = await waitForReport('confirmation', 'node3', down.at, (r) =>
      changes().some((c) => !r.changed && c.report.pollSeq === r.pollSeq - 1),
    );
    const confirmed = changes().find((c) => c.report.pollSeq === confirm.report.pollSeq - 1)!;
    assert.equal(confirmed.report.status.reachable, false);
    assert.ok(confirm.at - confirmed.at < 1000, `confirmation ${confirm.at - confirmed.at} ms after the change`);
    assert.equal(latest('node1')!.report.status.members!.length, 2);
  });

  it('node3 restarted with an empty gcomm:// (split brain): both Primary components are reported at once', async () => {
    await lab.setSafeToBootstrap('node3', true);
    await lab.start('node3', { args: ['--wsrep-cluster-address=gcomm://'] });
    const started = Date.now();
    const rogue = await waitForReport(
      'rogue Primary',
      'node3',
      started - 10_000,
      (r) => r.status.clusterStatus === 'Primary' && r.status.clusterSize === 1,
    );
    assert.equal(rogue.report.status.clusterAddress, 'gcomm://');
    assert.equal(rogue.report.status.clusterConfId, '1');
    const majority = latest('node1')!.report.status;
    assert.equal(majority.clusterStatus, 'Primary');
    assert.equal(majority.clusterSize, 2);
    const rogueMembers = new Set(rogue.report.status.members!.map((m) => m.uuid));
    assert.ok(majority.members!.every((m) => !rogueMembers.has(m.uuid)), 'disjoint member sets');
    assert.ok(rogue.at - started < 1500, `rogue Primary reported ${rogue.at - started} ms after the start returned`);
    assert.ok(agent.stats().spool.dropped === 0, 'nothing dropped');
  });
});
