import assert from 'node:assert/strict';
import { appendFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { GaleraLab } from '@quorum/lab';
import { MAX_MESSAGE_BYTES, utf8Length, type CommandUpdate } from '@quorum/protocol';
import { RESULT_LIMIT_BYTES } from '../src/actions/collect-diagnostics';
import { createAgent, type Agent } from '../src/agent';
import { FakeCloud } from './helpers/fake-cloud';
import { finalUpdate, inventoryFor, run, TestSigner, updateWhere } from './helpers/commands';
import { makeConfig, makeIdentity, tempDir, writePasswordFile } from './helpers/fixtures';

/**
 * Every action on a REAL 3-node MariaDB Galera cluster (@quorum/lab), driven by signed commands
 * from the test cloud, with the lab's CLI as each node's exec control. One lab for the whole file;
 * the tests run in order and each leaves the cluster as the next one expects.
 */
const ADMIN_PASSWORD = 'admin-pw-for-the-lab';
const SLOW = 240_000;

describe('actions on a real Galera cluster', { timeout: 900_000 }, () => {
  let lab: GaleraLab;
  let cloud: FakeCloud;
  let agent: Agent;
  let dir: { path: string; remove: () => Promise<void> };
  const signer = new TestSigner('k1');
  const nodeIds = { node1: 'nod_1', node2: 'nod_2', node3: 'nod_3' } as const;
  type Name = keyof typeof nodeIds;

  before(async () => {
    lab = await GaleraLab.create({ nodes: 3 });
    dir = await tempDir();
    // Least privilege: KILL of other users' statements and SET GLOBAL max_connections need
    // CONNECTION ADMIN on MariaDB 10.11; PROCESS to look the thread up first.
    await lab.sql(
      'node1',
      `CREATE USER 'quorum_admin'@'%' IDENTIFIED BY '${ADMIN_PASSWORD}';
       GRANT CONNECTION ADMIN, PROCESS ON *.* TO 'quorum_admin'@'%';
       CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(32));
       INSERT INTO shop.orders VALUES (1, 'before-anything'), (2, 'second')`,
    );
    const monitorPw = await writePasswordFile(dir.path, lab.monitor.password);
    const adminPw = await writePasswordFile(dir.path, ADMIN_PASSWORD);
    const { identity, publicKey } = makeIdentity('ws://placeholder/agent');
    identity.signingKeys = [signer.publicKey];
    cloud = await FakeCloud.start({ agents: { [identity.agentId]: publicKey }, inventory: inventoryFor(3) });
    identity.websocketUrl = cloud.websocketUrl;
    const config = makeConfig(dir.path, 3);
    config.polling.stateIntervalMs = 500;
    config.polling.sampleIntervalMs = 5000;
    config.commands = {
      readOnly: false,
      allow: ['start-node', 'stop-node', 'restart-node', 'bootstrap-cluster', 'recover-position', 'kill-query', 'set-global-variable', 'collect-diagnostics', 'cancel-command'],
    };
    lab.nodes.forEach((n, i) => {
      const recover = lab.controlCommand(n.name, 'stop');
      recover[recover.length - 2] = 'wsrep-recover'; // the lab CLI's `wsrep-recover NODE` prints uuid:seqno
      config.clusters[0]!.nodes[i] = {
        name: n.name,
        mysql: { host: n.host, port: n.port, user: lab.monitor.user, passwordFile: monitorPw },
        // node2 has no admin account: kill-query and set-global-variable must refuse there.
        ...(n.name === 'node2' ? {} : { admin: { user: 'quorum_admin', passwordFile: adminPw } }),
        dataDir: n.dataDir,
        errorLog: n.errorLog,
        control: {
          method: 'exec',
          // --no-wait: the agent itself waits for Synced (and can be cancelled while it does).
          start: [...lab.controlCommand(n.name, 'start'), '--no-wait', '--', '{mariadbdArgs}'],
          stop: lab.controlCommand(n.name, 'stop'),
          recover,
        },
      };
    });
    agent = createAgent({ config, identity });
    await agent.start();
    await cloud.waitFor('the agent to see three Synced nodes', () => syncedInReports() === 3, 30_000);
  });

  after(async () => {
    await agent?.stop();
    await cloud?.stop();
    await lab?.destroy();
    await dir?.remove();
  });

  /** How many nodes the agent last reported Synced (its polls feed the guard's recorded positions). */
  function syncedInReports(): number {
    const latest = new Map<string, boolean>();
    for (const b of cloud.batches) for (const s of b.states) latest.set(s.node, s.status.localStateComment === 'Synced');
    return [...latest.values()].filter(Boolean).length;
  }

  const command = (action: Parameters<TestSigner['sign']>[0], node: Name | undefined, params: Record<string, unknown> = {}) =>
    signer.sign(action, { clusterId: 'clu_1', ...(node ? { nodeId: nodeIds[node] } : {}), params });
  const pids = () => lab.nodes.map((n) => lab.pid(n.name));
  const sqlValue = async (node: Name, sql: string) => Object.values((await lab.sql(node, sql))[0] ?? {})[0];
  const clusterUuid = async () => String(await sqlValue('node1', "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'wsrep_cluster_state_uuid'"));
  const expectOk = (u: CommandUpdate) => assert.equal(u.state, 'succeeded', JSON.stringify(u));

  it('collect-diagnostics returns every piece of every node and stays within one message', async () => {
    // A long error log on node1, so the result must be cut (with a marker) to fit.
    await appendFile(lab.node('node1').errorLog, `${'2026-11-26 [Note] filler line to make the log long enough to need a cut\n'.repeat(4000)}`);
    const final = await run(cloud, command('collect-diagnostics', undefined, { errorLogLines: 5000 }), 60_000);
    expectOk(final);
    const result = final.result as { truncated: boolean; nodes: Record<Name, Record<string, string | null | Record<string, string>>> };
    for (const name of ['node1', 'node2', 'node3'] as const) {
      const n = result.nodes[name];
      assert.deepEqual(n.errors, {}, `${name}: ${JSON.stringify(n.errors)}`);
      assert.match(n.errorLog as string, /\S/);
      assert.match(n.grastate as string, /^uuid:\s+[0-9a-f-]{36}$/m);
      assert.match(n.gvwstate as string, /^my_uuid:/m);
      assert.match(n.processlist as string, /^Id\tUser\tHost/);
      assert.match(n.wsrepStatus as string, /^wsrep_cluster_status\tPrimary$/m);
    }
    assert.equal(result.truncated, true);
    assert.match(result.nodes.node1.errorLog as string, /^\[… \d+ bytes truncated …\]/);
    assert.ok(utf8Length(JSON.stringify(final.result)) <= RESULT_LIMIT_BYTES);
    assert.ok(utf8Length(JSON.stringify(final)) < MAX_MESSAGE_BYTES);
  });

  it('recover-position on a running node returns its live state and runs nothing', async () => {
    const final = await run(cloud, command('recover-position', 'node2'));
    expectOk(final);
    assert.equal(final.result!.source, 'live');
    assert.equal(final.result!.running, true);
    assert.equal(final.result!.uuid, await clusterUuid());
    assert.equal(typeof final.result!.seqno, 'number');
  });

  it('refuses bootstrap-cluster while a Primary component exists (primary_exists) and touches no node', async () => {
    const before = pids();
    const uuid = await clusterUuid();
    const final = await run(
      cloud,
      command('bootstrap-cluster', undefined, { bootstrapNodeId: 'nod_1', expectedStateUuid: uuid, positions: [{ nodeId: 'nod_1', uuid, seqno: 5 }] }),
    );
    assert.equal(final.state, 'rejected');
    assert.equal(final.refusal?.code, 'primary_exists');
    assert.deepEqual(Object.keys(final.refusal!.evidence!.nodes as object), ['node1', 'node2', 'node3']);
    assert.deepEqual(pids(), before);
    assert.equal((await lab.check()).verdict, 'ok');
  });

  it('kill-query ends a running SELECT SLEEP(30) as a least-privilege admin; refuses without an admin account', async () => {
    const started = Date.now();
    // MariaDB ends an interrupted SLEEP with ER_QUERY_INTERRUPTED.
    const sleeping = lab.sql('node1', 'SELECT SLEEP(30) AS slept').then(
      () => 'finished',
      (e: { code?: string }) => e.code,
    );
    let id: unknown;
    for (let i = 0; i < 50 && id === undefined; i++) {
      id = (await lab.sql('node1', "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO = 'SELECT SLEEP(30) AS slept'"))[0]?.ID;
      if (id === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(id !== undefined, 'found the sleeping query');
    const final = await run(cloud, command('kill-query', 'node1', { processId: Number(id), scope: 'query' }));
    expectOk(final);
    assert.equal((final.result!.killed as { info: string }).info, 'SELECT SLEEP(30) AS slept');
    assert.equal(await sleeping, 'ER_QUERY_INTERRUPTED');
    assert.ok(Date.now() - started < 20_000, `ended after ${Date.now() - started} ms`);

    const gone = await run(cloud, command('kill-query', 'node1', { processId: 999_999 }));
    assert.equal(gone.error?.code, 'no_such_process');
    const noAdmin = await run(cloud, command('kill-query', 'node2', { processId: Number(id) }));
    assert.equal(noAdmin.state, 'rejected');
    assert.equal(noAdmin.refusal?.code, 'no_admin_credentials');
  });

  it('set-global-variable changes max_connections and refuses variables and values outside the list', async () => {
    const final = await run(cloud, command('set-global-variable', 'node1', { name: 'max_connections', value: 77 }));
    expectOk(final);
    assert.deepEqual({ previous: Number(final.result!.previous), value: Number(final.result!.value) }, { previous: 50, value: 77 });
    assert.equal(Number(await sqlValue('node1', 'SELECT @@GLOBAL.max_connections')), 77);
    const notListed = await run(cloud, command('set-global-variable', 'node1', { name: 'wsrep_cluster_address', value: 'gcomm://' }));
    assert.equal(notListed.reason, 'bad_params');
    const badValue = await run(cloud, command('set-global-variable', 'node1', { name: 'max_connections', value: '50; DROP DATABASE shop' }));
    assert.equal(badValue.reason, 'bad_params');
    const noAdmin = await run(cloud, command('set-global-variable', 'node2', { name: 'max_connections', value: 60 }));
    assert.equal(noAdmin.refusal?.code, 'no_admin_credentials');
    expectOk(await run(cloud, command('set-global-variable', 'node1', { name: 'max_connections', value: 50 })));
  });

  it('refuses stopping the last Synced node unless allowLastSynced; stops it cleanly when allowed; its position then comes from grastate.dat', async () => {
    await lab.sql('node1', 'SET GLOBAL wsrep_desync = ON');
    await lab.sql('node2', 'SET GLOBAL wsrep_desync = ON');
    try {
      const before = pids();
      const refused = await run(cloud, command('stop-node', 'node3'));
      assert.equal(refused.state, 'rejected');
      assert.equal(refused.refusal?.code, 'last_synced_node');
      assert.deepEqual(pids(), before, 'nothing was stopped');
      const allowed = await run(cloud, command('stop-node', 'node3', { allowLastSynced: true }), SLOW);
      expectOk(allowed);
      assert.equal(lab.pid('node3'), null);
    } finally {
      await lab.sql('node1', 'SET GLOBAL wsrep_desync = OFF');
      await lab.sql('node2', 'SET GLOBAL wsrep_desync = OFF');
    }
    const position = await run(cloud, command('recover-position', 'node3'), SLOW);
    expectOk(position);
    const grastate = await lab.readGrastate('node3');
    assert.deepEqual(
      { source: position.result!.source, uuid: position.result!.uuid, seqno: position.result!.seqno },
      { source: 'grastate', uuid: grastate!.uuid, seqno: grastate!.seqno },
    );
    assert.ok(grastate!.seqno >= 0);
  });

  it('cancel-command stops a start that waits for Synced; the node then starts cleanly', async () => {
    const start = command('start-node', 'node3');
    cloud.send(start);
    await updateWhere(cloud, start.envelope.id, (u) => u.progress?.step === 'wait-synced', SLOW);
    const cancel = await run(cloud, command('cancel-command', undefined, { commandId: start.envelope.id }));
    expectOk(cancel);
    assert.deepEqual(cancel.result, { commandId: start.envelope.id, cancelled: true, action: 'start-node' });
    const cancelled = await finalUpdate(cloud, start.envelope.id);
    assert.equal(cancelled.state, 'failed');
    assert.equal(cancelled.error?.code, 'cancelled');
    // The cluster's write slot is free, and the node comes up with a new start.
    const again = await run(cloud, command('start-node', 'node3'), SLOW);
    expectOk(again);
    assert.equal((await lab.waitFor('node3', (s) => s.localStateComment === 'Synced' && s.clusterSize === 3, { timeoutMs: 60_000 })).clusterSize, 3);
  });

  it('restart-node stops and starts a node; it comes back Synced', async () => {
    const before = lab.pid('node2');
    const final = await run(cloud, command('restart-node', 'node2'), SLOW);
    expectOk(final);
    assert.notEqual(lab.pid('node2'), before);
    assert.equal((await lab.waitFor('node2', (s) => s.localStateComment === 'Synced' && s.clusterSize === 3, { timeoutMs: 60_000 })).clusterSize, 3);
  });

  it('after kill -9 of every node: recover-position by --wsrep-recover, then bootstrap-cluster brings back 3 Synced nodes, same UUID, rows kept', async () => {
    await lab.sql('node2', "INSERT INTO shop.orders VALUES (3, 'just-before-the-crash')");
    const uuid = await clusterUuid();
    await cloud.waitFor('the agent to see three Synced nodes', () => syncedInReports() === 3, 30_000);
    await Promise.all(lab.nodes.map((n) => lab.kill(n.name)));

    const positions: { nodeId: string; uuid: string; seqno: number }[] = [];
    for (const name of ['node1', 'node2', 'node3'] as const) {
      const final = await run(cloud, command('recover-position', name), SLOW);
      expectOk(final);
      assert.equal(final.result!.source, 'wsrep-recover');
      assert.equal(final.result!.uuid, uuid);
      positions.push({ nodeId: nodeIds[name], uuid, seqno: Number(final.result!.seqno) });
    }
    const best = positions.reduce((a, b) => (b.seqno > a.seqno ? b : a));
    // Issued on evidence that no longer holds (a node "was" further ahead): refused before any node starts.
    const stale = positions.map((p) => (p === best ? { ...p, seqno: p.seqno + 5 } : p));
    const refused = await run(cloud, command('bootstrap-cluster', undefined, { bootstrapNodeId: best.nodeId, expectedStateUuid: uuid, positions: stale }), SLOW);
    assert.equal(refused.state, 'rejected');
    assert.equal(refused.refusal?.code, 'position_regressed', JSON.stringify(refused.refusal));
    assert.deepEqual(pids(), [null, null, null], 'no node was started');
    const final = await run(cloud, command('bootstrap-cluster', undefined, { bootstrapNodeId: best.nodeId, expectedStateUuid: uuid, positions }), 600_000);
    expectOk(final);
    assert.equal(final.result!.stateUuid, uuid);
    for (const n of lab.nodes) {
      const s = await lab.waitFor(n.name, (x) => x.localStateComment === 'Synced' && x.clusterSize === 3, { timeoutMs: 120_000 });
      assert.equal(s.clusterStateUuid, uuid, `${n.name} kept the history`);
      const rows = await lab.sql(n.name, 'SELECT id, item FROM shop.orders ORDER BY id');
      assert.deepEqual(rows.map((r) => r.item), ['before-anything', 'second', 'just-before-the-crash']);
    }
    assert.equal((await lab.check()).verdict, 'ok');
  });
});
