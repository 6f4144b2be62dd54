// The real thing: one 3-node MariaDB Galera lab taken through the scenarios the product must see
// (GALERA.md §4–§7). The steps share one lab and run in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { GaleraLab } from '../src/index';
import { findLabProcesses } from '../src/process';
import { slotLockPath } from '../src/layout';
import { runSql } from '../src/sql';

const T = { timeout: 120_000 };
let lab: GaleraLab;
const log = (line: string) => console.log(`[lab] ${line}`);

before(async () => {
  const began = Date.now();
  lab = await GaleraLab.create({ nodes: 3, log });
  log(`create took ${Date.now() - began} ms`);
});

after(async () => {
  await lab?.destroy();
});

const clusterUuid = async (name: string) => (await lab.waitFor(name, (s) => s.reachable)).clusterStateUuid;

test('up: 3 nodes Synced, cluster_size 3, one state UUID; status() has pids, RSS and grastate', T, async () => {
  const statuses = await lab.status();
  assert.deepEqual(statuses.map((s) => s.node), ['node1', 'node2', 'node3']);
  for (const s of statuses) {
    assert.equal(s.status.localStateComment, 'Synced', s.node);
    assert.equal(s.status.clusterStatus, 'Primary', s.node);
    assert.equal(s.status.clusterSize, 3, s.node);
    assert.ok(s.pid !== null && s.pid > 1, s.node);
    assert.ok(s.rssMb !== null && s.rssMb > 50 && s.rssMb < 400, `${s.node} rss ${s.rssMb}`);
    assert.equal(s.grastate?.seqno, -1, 'a running node has seqno -1 in grastate.dat');
    assert.equal(s.status.clusterName, 'galera-lab');
    assert.equal(s.status.incomingAddresses.length, 3);
  }
  const uuids = new Set(statuses.map((s) => s.status.clusterStateUuid));
  assert.equal(uuids.size, 1);
  assert.match([...uuids][0] ?? '', /^[0-9a-f-]{36}$/);
  assert.equal((await lab.check()).verdict, 'ok');
  assert.throws(() => lab.node('node4'), /unknown node "node4"/);
});

test('the monitor user reads wsrep status over TCP on every node, and nothing more', T, async () => {
  for (const node of lab.nodes) {
    const target = { host: node.host, port: node.port, user: lab.monitor.user, password: lab.monitor.password };
    const [size] = await runSql(target, "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'");
    assert.equal(size?.['Value'], '3', node.name);
    const [address] = await runSql(target, 'SELECT @@wsrep_cluster_address AS a');
    assert.match(String(address?.['a']), /^gcomm:\/\/127\.0\.0\./);
    await runSql(target, 'SELECT COUNT(*) AS n FROM performance_schema.events_statements_summary_by_digest');
    await assert.rejects(runSql(target, 'CREATE DATABASE monitor_must_not'), /denied/i);
  }
  await assert.rejects(
    runSql({ host: lab.nodes[0]!.host, port: lab.nodes[0]!.port, user: 'monitor', password: 'wrong' }, 'SELECT 1'),
    /Access denied/,
  );
});

test('stop node3: the others report size 2 and check() says degraded; start: Synced again', T, async () => {
  await lab.stop('node3');
  assert.equal(await lab.isRunning('node3'), false);
  assert.equal(lab.pid('node3'), null);
  const grastate = await lab.readGrastate('node3');
  assert.ok(grastate && grastate.seqno >= 0, 'a clean stop writes the real seqno');
  for (const name of ['node1', 'node2']) await lab.waitFor(name, (s) => s.clusterSize === 2, { timeoutMs: 20_000 });
  const degraded = await lab.check();
  assert.equal(degraded.verdict, 'degraded');
  assert.match(degraded.detail, /node3/);
  await lab.start('node3');
  for (const node of lab.nodes) await lab.waitFor(node.name, (s) => s.clusterSize === 3 && s.localStateComment === 'Synced');
  assert.equal((await lab.check()).verdict, 'ok');
});

test('kill node3, force safe_to_bootstrap, start it with gcomm:// → split brain naming node3', T, async () => {
  const uuid = await clusterUuid('node1');
  const [killCmd, ...killArgs] = lab.controlCommand('node3', 'kill');
  await promisify(execFile)(killCmd!, killArgs, { timeout: 60_000 }); // the agent's exec path
  assert.equal(lab.pid('node3'), null);
  assert.equal((await lab.readGrastate('node3'))?.seqno, -1, 'SIGKILL leaves seqno -1');
  // Restarting before the survivors dropped node3 makes them merge with it (GALERA.md §12).
  for (const name of ['node1', 'node2']) await lab.waitFor(name, (s) => s.clusterSize === 2, { timeoutMs: 30_000 });
  await lab.setSafeToBootstrap('node3', true);
  assert.equal((await lab.readGrastate('node3'))?.safeToBootstrap, true);
  await lab.start('node3', { args: ['--wsrep-cluster-address=gcomm://'] });
  const rogue = await lab.waitFor('node3', (s) => s.clusterStatus === 'Primary' && s.clusterSize === 1);
  assert.equal(rogue.clusterAddress, 'gcomm://');
  assert.notEqual(rogue.clusterStateUuid, uuid, 'no start position: a new history (variant A)');
  const verdict = await lab.check();
  assert.equal(verdict.verdict, 'split_brain');
  assert.match(verdict.detail, /seen by node1 node2 \| Primary \{127\.0\.0\.\d+:\d+\} seen by node3/);

  // Repair for the next steps: the rogue's history is discarded by a full SST from the majority.
  await lab.stop('node3');
  await lab.start('node3');
  for (const node of lab.nodes) await lab.waitFor(node.name, (s) => s.clusterSize === 3 && s.localStateComment === 'Synced');
  assert.equal(await clusterUuid('node3'), uuid);
  assert.equal((await lab.check()).verdict, 'ok');
});

test('setConfigOption edits my.cnf in place without touching the running server, and round-trips', T, async () => {
  const node = lab.node('node3');
  const before = readFileSync(node.myCnf, 'utf8');
  const address = lab.configOption('node3', 'wsrep_cluster_address');
  assert.match(address ?? '', /^gcomm:\/\/.+,.+,.+/);
  await lab.setConfigOption('node3', 'wsrep_cluster_address', 'gcomm://');
  assert.equal(lab.configOption('node3', 'wsrep_cluster_address'), 'gcomm://');
  assert.match(readFileSync(node.myCnf, 'utf8'), /^wsrep_cluster_address\s*=\s*gcomm:\/\/$/m);
  const [running] = await lab.sql('node3', 'SELECT @@wsrep_cluster_address AS a');
  assert.equal(running?.['a'], address, 'the running server keeps its address until a restart');
  await lab.setConfigOption('node3', 'wsrep_slave_threads', '2');
  assert.equal(lab.configOption('node3', 'wsrep_slave_threads'), '2');
  await lab.setConfigOption('node3', 'wsrep_slave_threads', null);
  assert.equal(lab.configOption('node3', 'wsrep_slave_threads'), null);
  await lab.setConfigOption('node3', 'wsrep_cluster_address', address);
  assert.equal(lab.configOption('node3', 'wsrep_cluster_address'), address);
  const after = readFileSync(node.myCnf, 'utf8');
  assert.equal(after.replace(/\s+/g, ' '), before.replace(/\s+/g, ' '), 'same options as before');
});

test('partition node3 with gmcast.isolate: the majority goes on with size 2; heal: back to 3', T, async () => {
  await lab.partition('node3');
  const cut = await lab.waitFor('node3', (s) => s.clusterStatus === 'non-Primary', { timeoutMs: 30_000 });
  assert.equal(cut.clusterSize, 1);
  await lab.waitFor('node1', (s) => s.clusterSize === 2, { timeoutMs: 30_000 });
  assert.equal((await lab.check()).verdict, 'degraded');
  await lab.heal();
  for (const node of lab.nodes) await lab.waitFor(node.name, (s) => s.clusterSize === 3 && s.localStateComment === 'Synced', { timeoutMs: 30_000 });
  assert.equal((await lab.check()).verdict, 'ok');
});

test('kill all three, recover(): the most advanced bootstraps, 3 Synced, same UUID, rows survive', T, async () => {
  const uuid = await clusterUuid('node1');
  await lab.sql('node1', 'CREATE DATABASE IF NOT EXISTS lab; CREATE TABLE lab.t (id INT PRIMARY KEY, v VARCHAR(32))');
  await lab.sql('node1', "INSERT INTO lab.t VALUES (1, 'one'), (2, 'two')");
  await lab.sql('node2', "INSERT INTO lab.t VALUES (3, 'three')");
  await Promise.all(lab.nodes.map((n) => lab.kill(n.name)));
  for (const node of lab.nodes) assert.equal(await lab.isRunning(node.name), false);
  assert.equal((await lab.check()).verdict, 'no_primary');

  const recovered = await lab.wsrepRecover('node2');
  assert.equal(recovered.uuid, uuid);
  assert.ok(recovered.seqno > 0);
  const result = await lab.recover();
  assert.ok(['node1', 'node2', 'node3'].includes(result.bootstrapped));
  assert.equal(result.positions['node2']?.seqno, recovered.seqno);

  const statuses = await lab.status();
  for (const s of statuses) {
    assert.equal(s.status.localStateComment, 'Synced', s.node);
    assert.equal(s.status.clusterSize, 3, s.node);
    assert.equal(s.status.clusterStateUuid, uuid, `${s.node} keeps the history`);
  }
  for (const node of lab.nodes) {
    const rows = await lab.sql(node.name, 'SELECT id, v FROM lab.t ORDER BY id');
    assert.deepEqual(rows.map((r) => r['v']), ['one', 'two', 'three'], node.name);
  }
  assert.equal((await lab.check()).verdict, 'ok');
});

test('down stops node3, node2, node1 in that order: only node1 may bootstrap', T, async () => {
  await lab.down();
  const states = await Promise.all(lab.nodes.map((n) => lab.readGrastate(n.name)));
  assert.deepEqual(states.map((g) => g?.safeToBootstrap), [true, false, false]);
  assert.ok(states.every((g) => g !== null && g.seqno >= 0));
});

test('destroy: no process of the lab remains, the directory is gone, the slot is free; twice is fine', T, async () => {
  const { baseDir, slot } = lab;
  await lab.start('node1', { args: ['--wsrep-new-cluster'] }); // something to kill
  const pid = lab.pid('node1');
  assert.ok(pid);
  const began = Date.now();
  await lab.destroy();
  log(`destroy took ${Date.now() - began} ms`);
  assert.deepEqual(findLabProcesses(baseDir), []);
  assert.equal(existsSync(`/proc/${pid}/cmdline`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(baseDir), false);
  assert.equal(existsSync(baseDir), false);
  assert.equal(existsSync(slotLockPath(slot)), false);
  await lab.destroy();
});
