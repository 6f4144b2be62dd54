import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createConnection } from 'mysql2/promise';
import { SampleCollector } from '../src/collectors/sample-collector';
import { NodePoller } from '../src/collectors/node-poller';
import type { MysqlConfig } from '../src/config/schema';
import { MonitorConnection } from '../src/mysql/connection';
import { FakeCloud } from './helpers/fake-cloud';
import { makeConfig, makeIdentity, tempDir, waitUntil, writePasswordFile } from './helpers/fixtures';
import { createAgent } from '../src/agent';
import { createLogger } from '../src/log';
import { testServer } from './helpers/test-server';

/**
 * The collectors against a real MariaDB (TEST_DATABASE_SERVER, default 127.0.0.1:3306; not a
 * Galera node, so wsrep values are those of a server without a provider) and against addresses
 * where nothing useful answers. A test user is created for the least-privilege case and dropped.
 */
const TEST_USER = 'quorum_agent_test';
const dbServer = testServer();

describe('collectors against a real MariaDB', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let rootPw: string;
  let monitorPw: string;
  let monitorPassword: string;
  const pollers: NodePoller[] = [];

  const poller = (mysql: Partial<MysqlConfig>, timeoutMs = 2000) => {
    const p = new NodePoller(
      new MonitorConnection({ mysql: { host: dbServer.host, port: dbServer.port, user: dbServer.user, passwordFile: rootPw, ...mysql }, timeoutMs }),
    );
    pollers.push(p);
    return p;
  };

  before(async () => {
    dir = await tempDir();
    rootPw = await writePasswordFile(dir.path, dbServer.password);
    monitorPassword = randomBytes(12).toString('hex');
    monitorPw = await writePasswordFile(dir.path, monitorPassword);
    const admin = await createConnection({ host: dbServer.host, port: dbServer.port, user: dbServer.user, password: dbServer.password });
    await admin.query(`DROP USER IF EXISTS '${TEST_USER}'@'127.0.0.1'`);
    await admin.query(`CREATE USER '${TEST_USER}'@'127.0.0.1' IDENTIFIED BY '${monitorPassword}'`); // no grants at all
    await admin.end();
  });

  after(async () => {
    await Promise.all(pollers.map((p) => p.close()));
    const admin = await createConnection({ host: dbServer.host, port: dbServer.port, user: dbServer.user, password: dbServer.password });
    await admin.query(`DROP USER IF EXISTS '${TEST_USER}'@'127.0.0.1'`);
    await admin.end();
    await dir.remove();
  });

  it('polls a server that is not a Galera node: reachable, wsrep values of a server without provider, no members', async () => {
    const p = poller({});
    const s = await p.pollState();
    assert.equal(s.reachable, true, `unreachable: ${s.error}`);
    assert.equal(s.clusterStatus, 'Disconnected');
    assert.equal(s.clusterSize, 0);
    assert.equal(s.connected, false);
    assert.equal(s.members, null, 'mysql.wsrep_cluster_members does not exist here');
    assert.equal(s.clusterName, 'my_wsrep_cluster');
    assert.equal(s.clusterAddress, '');
    // The next poll uses what it learned (no members query) and sees the same state.
    const again = await p.pollState();
    assert.deepEqual(again, s);
  });

  it('reads the running guard settings: the allow-list only, pc.* provider options only', async () => {
    const settings = await poller({ user: TEST_USER, passwordFile: monitorPw }).readSettings();
    assert.ok(settings, 'readable without any grant');
    assert.equal(settings.innodb_flush_log_at_trx_commit, '1');
    assert.equal(settings.wsrep_cluster_address, '');
    const allowed = ['wsrep_on', 'wsrep_cluster_name', 'wsrep_cluster_address', 'wsrep_node_name', 'wsrep_node_address', 'innodb_flush_log_at_trx_commit', 'providerOptions'];
    assert.deepEqual(Object.keys(settings).filter((k) => !allowed.includes(k)), []);
    assert.equal(await poller({ port: 1 }).readSettings(), undefined, 'an unreachable node has no running settings');
  });

  it('works as a user without any grant (least privilege), password read from a file', async () => {
    const s = await poller({ user: TEST_USER, passwordFile: monitorPw }).pollState();
    assert.equal(s.reachable, true, `unreachable: ${s.error}`);
    assert.equal(s.clusterStatus, 'Disconnected');
  });

  it('a wrong password is an unreachable state whose message does not contain the password', async () => {
    const wrong = await writePasswordFile(dir.path, 'not-the-password-xyz');
    const s = await poller({ user: TEST_USER, passwordFile: wrong }).pollState();
    assert.equal(s.reachable, false);
    assert.match(s.error!, /Access denied/);
    assert.ok(!s.error!.includes('not-the-password-xyz'), 'password leaked into the error');
  });

  it('a closed port is unreachable at once', async () => {
    const started = Date.now();
    const s = await poller({ port: 1 }).pollState();
    assert.equal(s.reachable, false);
    assert.match(s.error!, /ECONNREFUSED/);
    assert.ok(Date.now() - started < 1000, 'refused connections do not wait for the timeout');
  });

  it('a server that never answers is unreachable after the timeout, not later', async () => {
    const held = new Set<Socket>();
    const silent: Server = createServer((s) => held.add(s)); // accepts, never sends the MySQL handshake
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const s = await poller({ port }, 300).pollState();
      const took = Date.now() - started;
      assert.equal(s.reachable, false);
      assert.ok(took >= 250 && took < 1500, `took ${took} ms`);
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it('reconnects after the connection is lost (server gone, then back)', async () => {
    const proxy = await TcpProxy.start(dbServer.port);
    const p = poller({ port: proxy.port }, 500);
    assert.equal((await p.pollState()).reachable, true);
    await proxy.stop();
    const down = await p.pollState();
    assert.equal(down.reachable, false);
    await proxy.listen();
    assert.equal((await p.pollState()).reachable, true, 'reconnected on the next poll');
    await proxy.stop();
  });

  it('samples full status and turns counters into rates', async () => {
    const node = { cluster: 'c1', node: 'n1', source: poller({}) };
    const samples = new SampleCollector([node]);
    const first = await samples.collect();
    assert.equal(first.length, 1);
    assert.ok(first[0]!.values.uptime_s! > 0, 'gauge present');
    assert.equal(first[0]!.values.queries_per_s, undefined, 'no rate from one reading');
    await new Promise((r) => setTimeout(r, 200));
    const second = await samples.collect();
    assert.ok(second[0]!.values.queries_per_s! > 0, `rate ${second[0]!.values.queries_per_s}`);
    const down = new SampleCollector([{ cluster: 'c1', node: 'n2', source: poller({ port: 1 }) }]);
    assert.deepEqual(await down.collect(), [], 'no sample from an unreachable node');
  });

  it('one state poll costs well under a millisecond per node on a persistent connection', async (t) => {
    const p = poller({});
    await p.pollState();
    const n = 300;
    const started = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < n; i++) await p.pollState();
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6 / n;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000 / n;
    t.diagnostic(`state poll: ${wallMs.toFixed(3)} ms wall, ${cpuMs.toFixed(3)} ms agent CPU per poll (${n} polls)`);
    assert.ok(wallMs < 5, `a poll took ${wallMs} ms on average`);
  });

  it('a running agent reports a reachable and an unreachable node, and keeps running', async () => {
    const { identity, publicKey } = makeIdentity('ws://placeholder/agent');
    const cloud = await FakeCloud.start({ agents: { [identity.agentId]: publicKey } });
    identity.websocketUrl = cloud.websocketUrl;
    const config = makeConfig(dir.path, 2);
    config.polling.sampleIntervalMs = 1000;
    config.clusters[0]!.nodes[0]!.mysql = { host: dbServer.host, port: dbServer.port, user: TEST_USER, passwordFile: monitorPw };
    config.clusters[0]!.nodes[1]!.mysql = { host: '127.0.0.1', port: 1, user: TEST_USER, passwordFile: monitorPw };
    const lines: string[] = [];
    const agent = createAgent({ config, identity, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) });
    await agent.start();
    try {
      await cloud.waitFor('states and a sample', () => {
        const states = cloud.batches.flatMap((b) => b.states);
        return (
          states.some((s) => s.node === 'node1' && s.status.reachable) &&
          states.some((s) => s.node === 'node2' && !s.status.reachable) &&
          cloud.batches.some((b) => b.samples.some((s) => s.node === 'node1'))
        );
      }, 4000);
      const polls = cloud.batches.flatMap((b) => b.states).filter((s) => s.node === 'node2');
      assert.match(polls[0]!.status.error!, /ECONNREFUSED/);
      await waitUntil('a refresh', () => cloud.batches.flatMap((b) => b.states).filter((s) => s.node === 'node2').length >= 3, 3000);
      assert.ok(!lines.join('\n').includes(monitorPassword), 'the password never appears in logs');
    } finally {
      await agent.stop();
      await cloud.stop();
    }
  });
});

/** A TCP forwarder to a local port that can be taken down and brought back on the same port. */
class TcpProxy {
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  port = 0;
  private constructor(private readonly target: number) {}

  static async start(target: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen();
    return proxy;
  }

  async listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', r));
    this.port = (server.address() as { port: number }).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise((r) => this.#server?.close(r));
  }
}
