import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_FRAME_BYTES, MAX_MESSAGE_BYTES } from '@quorum/protocol';
import { FakeCloud, type FakeCloudOptions } from './helpers/fake-cloud';
import { FakeSource, makeIdentity, sleep, syncedStatus, tempDir, waitUntil } from './helpers/fixtures';
import { startAgent, type Harness } from './helpers/harness';

/**
 * The agent's channel and connection against a real `ws` server that implements the cloud side of
 * the contract (helpers/fake-cloud.ts): real credentials, hello/welcome, acks, heartbeats, closes.
 */
describe('agent ↔ cloud channel', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let cloud: FakeCloud | undefined;
  let harness: Harness | undefined;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await harness?.agent.stop();
    await cloud?.stop();
    harness = undefined;
    cloud = undefined;
    await dir.remove();
  });

  /** A cloud that knows the returned identity. */
  async function enrolledCloud(opts: Omit<FakeCloudOptions, "agents"> = {}) {
    const { identity, publicKey } = makeIdentity('ws://placeholder/agent');
    cloud = await FakeCloud.start({ agents: { [identity.agentId]: publicKey }, ...opts });
    identity.websocketUrl = cloud.websocketUrl;
    return identity;
  }

  const spoolFiles = async () => (await readdir(join(dir.path, 'spool'))).filter((n) => n.endsWith('.json'));

  it('says hello with its inventory, gets welcome, and its batches are acked and deleted from the spool', async () => {
    const identity = await enrolledCloud();
    harness = await startAgent({ identity, stateDir: dir.path, nodes: 2 });
    await cloud!.waitFor('hello', () => cloud!.hellos.length === 1);
    const hello = cloud!.hellos[0]!;
    assert.equal(hello.hostname, 'test-host');
    assert.deepEqual(hello.clusters, [
      {
        name: 'c1',
        expectedSize: 2,
        nodes: [
          { name: 'node1', address: '127.0.0.1:33061' },
          { name: 'node2', address: '127.0.0.1:33062' },
        ],
      },
    ]);
    // First poll (changed) and the confirming poll are sent at once.
    await cloud!.waitFor('first states', () => cloud!.batches.flatMap((b) => b.states).length >= 4);
    const states = cloud!.batches.flatMap((b) => b.states);
    assert.deepEqual(
      states.filter((s) => s.node === 'node1').slice(0, 2).map((s) => [s.pollSeq, s.changed]),
      [
        [1, true],
        [2, false],
      ],
    );
    await waitUntil('spool emptied', () => harness!.agent.stats().spool.count === 0 && harness!.agent.stats().channel.inFlight === 0);
    assert.deepEqual(await spoolFiles(), []);
    assert.equal(harness.agent.stats().channel.acked, cloud!.stored);
  });

  it('spools while the cloud is down and replays every batch exactly once when it comes up', async () => {
    const identity = await enrolledCloud();
    const port = cloud!.port;
    await cloud!.stop(); // the cloud is down from the start
    const known = [...cloud!.agents];
    cloud = undefined;
    harness = await startAgent({ identity, stateDir: dir.path, nodes: 2 });
    for (let i = 0; i < 6; i++) {
      harness.change();
      await sleep(60);
    }
    await waitUntil('batches spooled', () => harness!.agent.stats().spool.count >= 6);
    assert.equal(harness.agent.stats().channel.sent, 0);
    assert.ok(harness.logs.some((l) => l.level === 'warn' && l.msg.startsWith('cannot connect to the control plane')), 'harness.logs.some((l) => l.level === \'warn\' && l.msg.startsWith(\'cannot connect to the control plane\'))');

    cloud = await FakeCloud.start({ port, agents: Object.fromEntries(known) });
    await waitUntil('replayed', () => harness!.agent.stats().spool.count === 0, 5000);
    const created = harness.agent.stats().batchesCreated;
    assert.equal(cloud.stored, created, 'every batch the agent made reached the cloud');
    assert.deepEqual([...new Set(cloud.received.values())], [1], 'each batch id was received exactly once');
    // And in creation order: poll sequences of a node never go backwards.
    const seqs = cloud.batches.flatMap((b) => b.states.filter((s) => s.node === 'node1').map((s) => s.pollSeq));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
  });

  it('keeps the spool across an agent restart and replays it from the new process', async () => {
    const identity = await enrolledCloud();
    const port = cloud!.port;
    const known = Object.fromEntries(cloud!.agents);
    await cloud!.stop();
    cloud = undefined;
    harness = await startAgent({ identity, stateDir: dir.path });
    harness.change();
    await waitUntil('spooled', () => harness!.agent.stats().spool.count >= 3);
    await harness.agent.stop();
    const files = await spoolFiles();
    assert.ok(files.length >= 3, 'files.length >= 3');
    const ids = files.map((f) => f.slice(17, -5));

    cloud = await FakeCloud.start({ port, agents: known });
    harness = await startAgent({ identity, stateDir: dir.path });
    assert.equal(harness.agent.stats().spool.loaded, files.length);
    await waitUntil('replayed', () => ids.every((id) => cloud!.received.get(id) === 1), 5000);
  });

  it('sends a message larger than 32 KB as fragments that the ws server reassembles intact', async () => {
    const identity = await enrolledCloud();
    // One state with 64 long member names and addresses: about 45 KB serialized.
    const long = (i: number, n: number) => `${i}-${'x'.repeat(n)}`.slice(0, n);
    const status = syncedStatus(Array.from({ length: 64 }, (_, i) => long(i, 128)), {
      incomingAddresses: Array.from({ length: 64 }, (_, i) => long(i, 256)),
    });
    status.members = status.members!.map((m, i) => ({ ...m, address: long(i, 256) }));
    const source = new FakeSource(status);
    harness = await startAgent({ identity, stateDir: dir.path, sources: [source] });
    await cloud!.waitFor('big batch', () => cloud!.messageSizes.some((n) => n > MAX_FRAME_BYTES) && cloud!.stored >= 1);
    const biggest = Math.max(...cloud!.messageSizes);
    assert.ok(biggest > MAX_FRAME_BYTES && biggest <= MAX_MESSAGE_BYTES, `biggest message ${biggest} bytes`);
    assert.deepEqual(cloud!.batches[0]!.states[0]!.status, status, 'reassembled intact');
    await waitUntil('acked', () => harness!.agent.stats().channel.acked >= 1);
  });

  it('on close 4401 (revoked) backs off to the maximum and says what to do, once', async () => {
    const identity = await enrolledCloud({ closeOnHello: { code: 4401, reason: 'agent revoked' } });
    harness = await startAgent({ identity, stateDir: dir.path, tuning: { backoffInitialMs: 20, backoffMaxMs: 4000 } });
    await cloud!.waitFor('first connection', () => cloud!.connections === 1);
    await waitUntil('closed', () => harness!.agent.stats().connection.lastCloseCode === 4401);
    const stats = harness.agent.stats().connection;
    assert.ok(stats.nextDelayMs! >= 2000, `next delay ${stats.nextDelayMs}`);
    await sleep(600);
    assert.equal(cloud!.connections, 1, 'no quick retry');
    const revoked = harness.logs.filter((l) => l.level === 'error' && l.msg.includes('revoked'));
    assert.equal(revoked.length, 1);
    assert.match(revoked[0]!.msg, /quorum-agent enroll/);
    assert.equal(revoked[0]!.reason, 'agent revoked');
  });

  it('a rejected credential (HTTP 401) is retried with backoff and logged clearly once', async () => {
    await enrolledCloud();
    const stranger = makeIdentity(cloud!.websocketUrl, 'agt_unknown').identity;
    harness = await startAgent({ identity: stranger, stateDir: dir.path, tuning: { backoffInitialMs: 20, backoffMaxMs: 100 } });
    await waitUntil('several attempts', () => harness!.agent.stats().connection.credentialRejections >= 3);
    assert.equal(cloud!.connections, 0);
    const errors = harness.logs.filter((l) => l.level === 'error' && l.msg.includes('rejected this agent'));
    assert.equal(errors.length, 1);
    assert.ok(harness.agent.stats().connection.credentialRejections >= 3, `agent saw ${harness.agent.stats().connection.credentialRejections} rejections, cloud ${cloud!.credentialRejections}: ${JSON.stringify(harness.logs.filter((l) => l.msg === 'connection error'))}`);
    assert.ok(!JSON.stringify(harness.logs).includes('QuorumAgent agent='), 'the credential header is never logged');
  });

  it('declares a silent connection dead after 2.5 heartbeat intervals and reconnects', async () => {
    const identity = await enrolledCloud({ answerHeartbeats: false });
    harness = await startAgent({ identity, stateDir: dir.path, tuning: { heartbeatIntervalMs: 100 } });
    await cloud!.waitFor('welcome', () => cloud!.connections === 1);
    await sleep(150);
    assert.equal(cloud!.connections, 1);
    await cloud!.waitFor('reconnect', () => cloud!.connections >= 2, 2000);
    assert.ok(harness.agent.stats().connection.deadConnections >= 1, 'harness.agent.stats().connection.deadConnections >= 1');
    assert.ok(cloud!.heartbeats >= 2, 'heartbeats were sent');
  });

  it('keeps a connection whose heartbeats are answered', async () => {
    const identity = await enrolledCloud();
    // 250 ms, not less: a connection is declared dead after 2.5 silent intervals, and on a loaded
    // CI machine an event-loop stall of a few hundred ms must not look like a dead peer.
    harness = await startAgent({ identity, stateDir: dir.path, tuning: { heartbeatIntervalMs: 250 } });
    await cloud!.waitFor('heartbeats', () => cloud!.heartbeats >= 6, 15_000);
    assert.equal(cloud!.connections, 1);
    assert.equal(harness.agent.stats().connection.deadConnections, 0);
    assert.ok(harness.agent.stats().connection.lastRoundTripMs! >= 0, 'harness.agent.stats().connection.lastRoundTripMs! >= 0');
  });

  it('stays stopped when stopped during the handshake (a late welcome does not revive it)', async () => {
    // The agent is told to stop while the welcome is on its way: it arrives on a closing socket.
    let stopped: Promise<void> | undefined;
    const identity = await enrolledCloud({ onHello: () => (stopped = harness!.agent.stop()) });
    harness = await startAgent({ identity, stateDir: dir.path });
    await cloud!.waitFor('hello', () => cloud!.hellos.length === 1);
    await stopped;
    await sleep(300);
    assert.equal(harness.agent.stats().connection.state, 'stopped');
    assert.equal(harness.agent.stats().connection.attempts, 1);
    assert.equal(cloud!.connections, 1);
  });

  it('planned reconnects with a tiny lifetime lose no batch', async () => {
    const identity = await enrolledCloud();
    harness = await startAgent({
      identity,
      stateDir: dir.path,
      nodes: 3,
      tuning: { plannedReconnectMinMs: 150, plannedReconnectMaxMs: 250 },
    });
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      harness.change();
      await sleep(25);
    }
    // Batches are counted when made and spooled a moment later: wait for the cloud to hold them all.
    await waitUntil('all stored', () => {
      const s = harness!.agent.stats();
      return s.spool.count === 0 && s.channel.inFlight === 0 && cloud!.stored === s.batchesCreated;
    }, 5000);
    const stats = harness.agent.stats();
    assert.ok(stats.connection.plannedReconnects >= 3, `planned reconnects ${stats.connection.plannedReconnects}`);
    assert.ok(cloud!.connections >= 4, 'cloud!.connections >= 4');
    assert.ok(stats.batchesCreated >= 20, `batches ${stats.batchesCreated}`);
    assert.equal(cloud!.stored, stats.batchesCreated, 'every batch stored');
    assert.equal(stats.spool.dropped, 0);
  });

  it('drops a batch the cloud rejects as invalid, counts it, and never sends it again', async () => {
    let rejectedId: string | undefined;
    const identity = await enrolledCloud({
      rejectBatch: (b: { batchId: string }) => {
        rejectedId ??= b.batchId;
        return b.batchId === rejectedId;
      },
    });
    harness = await startAgent({ identity, stateDir: dir.path, tuning: { plannedReconnectMinMs: 200, plannedReconnectMaxMs: 200 } });
    await waitUntil('rejected', () => harness!.agent.stats().channel.rejected === 1);
    harness.change();
    await cloud!.waitFor('a reconnect', () => cloud!.connections >= 2, 3000);
    await waitUntil('spool empty', () => harness!.agent.stats().spool.count === 0);
    assert.equal(cloud!.received.get(rejectedId!), 1);
    assert.equal(harness.agent.stats().channel.rejected, 1);
    assert.ok(harness.logs.some((l) => l.level === 'error' && l.msg.includes('rejected a batch') && l.batchId === rejectedId), 'harness.logs.some((l) => l.level === \'error\' && l.msg.includes(\'rejected a batch\') && l.batchId === rejectedId)');
  });
});
