// Two labs at once (as when test files run concurrently), slot handling, and the edges of
// start/stop on a small lab.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { GaleraLab } from '../src/index';
import { nodeAddress, nodePorts } from '../src/layout';

const T = { timeout: 120_000 };
let one: GaleraLab;
let two: GaleraLab;

before(async () => {
  // Created concurrently: the slot locks, not luck, must keep them apart.
  [one, two] = await Promise.all([
    GaleraLab.create({ nodes: 1, clusterName: 'lab-one' }),
    GaleraLab.create({ nodes: 2, clusterName: 'lab-two', monitorPassword: 's3cret' }),
  ]);
});

after(async () => {
  await Promise.all([one?.destroy(), two?.destroy()]);
});

test('two labs get different slots, addresses and ports, and are separate clusters', T, async () => {
  assert.notEqual(one.slot, two.slot);
  assert.notEqual(one.baseDir, two.baseDir);
  const endpoints = [...one.nodes, ...two.nodes].map((n) => `${n.host}:${n.port}`);
  assert.equal(new Set(endpoints).size, 3);
  assert.equal(two.nodes[1]!.host, nodeAddress(two.slot, 2));
  assert.equal(two.nodes[1]!.port, nodePorts(two.slot, 2).mysql);

  const [a] = await one.status();
  const statuses = await two.status();
  assert.equal(a?.status.clusterSize, 1);
  assert.equal(a?.status.clusterName, 'lab-one');
  assert.deepEqual(statuses.map((s) => s.status.clusterSize), [2, 2]);
  assert.notEqual(a?.status.clusterStateUuid, statuses[0]?.status.clusterStateUuid);
  assert.equal(two.monitor.password, 's3cret');

  await one.sql('node1', 'CREATE DATABASE only_in_one');
  const dbs = await two.sql('node2', "SHOW DATABASES LIKE 'only_in_one'");
  assert.equal(dbs.length, 0);
});

test('attach by slot, by directory and by QUORUM_LAB_SLOT finds the same lab; a taken slot is refused', T, async () => {
  const bySlot = await GaleraLab.attach({ slot: two.slot });
  assert.deepEqual(bySlot.nodes, two.nodes);
  assert.equal(bySlot.clusterName, 'lab-two');
  assert.equal(bySlot.monitor.password, 's3cret');
  const byDir = await GaleraLab.attach({ baseDir: one.baseDir });
  assert.equal(byDir.slot, one.slot);
  process.env['QUORUM_LAB_SLOT'] = String(one.slot);
  try {
    assert.equal((await GaleraLab.attach()).baseDir, one.baseDir);
    await assert.rejects(GaleraLab.create({ nodes: 1 }), new RegExp(`slot ${one.slot} is busy \\(pid ${process.pid}`));
  } finally {
    delete process.env['QUORUM_LAB_SLOT'];
  }
  await assert.rejects(GaleraLab.create({ nodes: 10 }), /nodes must be an integer 1\.\.9/);
});

test('the control commands stop and start a node from another process (the agent exec path)', T, async () => {
  const run = (argv: string[]) => promisify(execFile)(argv[0]!, argv.slice(1), { timeout: 90_000, cwd: '/' });
  const stop = two.controlCommand('node2', 'stop');
  assert.equal(stop[0], process.execPath);
  assert.deepEqual(stop.slice(-4), ['--slot', String(two.slot), 'stop', 'node2']);
  await run(stop);
  assert.equal(two.pid('node2'), null);
  await two.waitFor('node1', (s) => s.clusterSize === 1);
  assert.equal((await two.check()).verdict, 'degraded');
  await run(two.controlCommand('node2', 'start'));
  await two.waitFor('node2', (s) => s.clusterSize === 2 && s.localStateComment === 'Synced');
  assert.equal((await two.check()).verdict, 'ok');
  assert.throws(() => two.controlCommand('node3', 'start'), /unknown node/);
});

test('a node waiting for a Primary ignores SIGTERM: stop() says so; killAfterTimeout ends it', T, async () => {
  await one.stop('node1');
  const errorLog = one.node('node1').errorLog;
  const logStart = statSync(errorLog).size;
  const nowhere = `gcomm://${nodeAddress(one.slot, 9)}:${nodePorts(one.slot, 9).galera}`; // nothing listens
  await one.start('node1', { args: [`--wsrep-cluster-address=${nowhere}`], wait: 'none' });
  const pid = one.pid('node1');
  assert.ok(pid);
  // A SIGTERM during early start-up still works; the trap is the wait for a Primary component.
  const deadline = Date.now() + 20_000;
  while (!readFileSync(errorLog, 'utf8').slice(logStart).includes('gcomm: connecting to group')) {
    assert.ok(Date.now() < deadline, 'node1 never tried to connect');
    await sleep(100);
  }
  await assert.rejects(one.stop('node1', { timeoutMs: 1500 }), /ignores SIGTERM/);
  assert.equal(one.pid('node1'), pid, 'still running');
  await one.stop('node1', { timeoutMs: 500, killAfterTimeout: true });
  assert.equal(one.pid('node1'), null);
  assert.equal(await one.isRunning('node1'), false);
});

test('a start that fails says why at once instead of waiting for the timeout', T, async () => {
  const began = Date.now();
  const args = ['--wsrep-new-cluster', '--no-such-option-here'];
  await assert.rejects(one.start('node1', { args, timeoutMs: 60_000 }), (error: Error) => {
    assert.match(error.message, /node1 is not running/);
    assert.match(error.message, /unknown option '--no-such-option-here'/);
    return true;
  });
  assert.ok(Date.now() - began < 20_000, `failed after ${Date.now() - began} ms`);
});
