import assert from 'node:assert/strict';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAgent, type Agent } from '../src/agent';
import type { CommandsConfig } from '../src/config/schema';
import { createLogger } from '../src/log';
import { FakeCloud } from './helpers/fake-cloud';
import { finalUpdate, inventoryFor, run, TestSigner, updateWhere } from './helpers/commands';
import { FakeSource, makeConfig, makeIdentity, sleep, tempDir } from './helpers/fixtures';

/**
 * The agent's command pipeline around the protocol's verifyCommand, end to end over a real
 * WebSocket: the local policy (allow-list, read-only) that nothing remote widens, unknown targets,
 * key rotation across a restart, replays, malformed input, and one write per cluster.
 */
describe('signed commands: the agent pipeline', { timeout: 120_000 }, () => {
  let dir: { path: string; remove: () => Promise<void> };
  const signer = new TestSigner('k1');
  const stopped: Agent[] = [];
  const clouds = new Set<FakeCloud>();

  before(async () => (dir = await tempDir()));
  after(async () => {
    for (const a of stopped) await a.stop();
    for (const c of clouds) await c.stop();
    await dir.remove();
  });

  interface Started {
    agent: Agent;
    cloud: FakeCloud;
    logs: { level: string; msg: string; [k: string]: unknown }[];
    /** The file node1's exec stop command appends to: one line per execution. */
    stopLog: string;
    stateDir: string;
  }

  /** An agent on two synthetic nodes whose node1 has an exec control that records its runs. */
  async function start(options: {
    policy: CommandsConfig;
    stateDir?: string;
    cloud?: FakeCloud;
    inventory?: boolean;
    stopCommand?: string[];
  }): Promise<Started> {
    const stateDir = options.stateDir ?? (await tempDir()).path;
    const stopLog = join(stateDir, 'stop.log');
    const { identity, publicKey } = makeIdentity('ws://placeholder/agent');
    identity.signingKeys = [signer.publicKey];
    identity.enrolledAt = '2026-11-26T00:00:00.000Z'; // the same enrollment on every start of this state dir
    const cloud =
      options.cloud ?? (await FakeCloud.start({ agents: { [identity.agentId]: publicKey }, ...(options.inventory === false ? {} : { inventory: inventoryFor(2) }) }));
    clouds.add(cloud);
    cloud.agents.set(identity.agentId, publicKey);
    identity.websocketUrl = cloud.websocketUrl;
    const config = makeConfig(stateDir, 2);
    config.commands = options.policy;
    config.clusters[0]!.nodes[0]!.control = {
      method: 'exec',
      start: ['/bin/true', '{mariadbdArgs}'],
      stop: options.stopCommand ?? ['/bin/sh', '-c', `echo stop >> ${stopLog}`],
    };
    const logs: Started['logs'] = [];
    const sources = [new FakeSource(), new FakeSource()];
    const agent = createAgent({
      config,
      identity,
      log: createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Started['logs'][number]) }),
      connection: { backoffInitialMs: 20, backoffMaxMs: 200 },
      sourceFor: (_c, node) => sources[Number(node.name.replace('node', '')) - 1]!,
      hostname: 'test-host',
    });
    await agent.start();
    stopped.push(agent);
    await cloud.waitFor('welcome', () => agent.stats().connection.state === 'ready');
    return { agent, cloud, logs, stopLog, stateDir };
  }

  const writeAllowed: CommandsConfig = { readOnly: false, allow: ['collect-diagnostics', 'cancel-command', 'stop-node', 'kill-query', 'bootstrap-cluster'] };
  const exists = (path: string) => access(path).then(() => true, () => false);

  it('runs an allowed command in the background and streams accepted → running → succeeded', async () => {
    const { cloud } = await start({ policy: { readOnly: true, allow: ['collect-diagnostics'] } });
    const command = signer.sign('collect-diagnostics', { clusterId: 'clu_1', params: { errorLogLines: 10 } });
    const final = await run(cloud, command);
    assert.equal(final.state, 'succeeded', JSON.stringify(final));
    const nodes = final.result!.nodes as Record<string, { errors: Record<string, string> }>;
    assert.deepEqual(Object.keys(nodes), ['node1', 'node2']);
    assert.match(nodes.node1!.errors.errorLog!, /errorLog is not configured/);
    const states = cloud.updatesOf(command.envelope.id).map((u) => `${u.state}:${u.seq}`);
    assert.deepEqual(states.slice(0, 2), ['accepted:0', 'running:1']);
    assert.equal(states.at(-1), `succeeded:${states.length - 1}`);
  });

  it('takes the allow-list and read-only mode from the local config only; nothing remote widens them', async () => {
    const forgedWelcome = JSON.stringify({
      type: 'welcome',
      agentId: 'agt_test',
      orgId: 'org-test',
      serverTime: Date.now(),
      inventory: inventoryFor(2),
      // Fields a malicious or buggy cloud might add: the schema drops them, nothing reads them.
      commands: { readOnly: false, allow: ['stop-node'] },
      readOnly: false,
    });
    const readOnly = await start({
      policy: { readOnly: true, allow: ['collect-diagnostics', 'stop-node'] },
      cloud: await FakeCloud.start({ onHello: (send) => send(forgedWelcome) }),
    });
    const stop = () => signer.sign('stop-node', { clusterId: 'clu_1', nodeId: 'nod_1', params: { allowLastSynced: true } });
    const r1 = await run(readOnly.cloud, stop());
    assert.equal(r1.state, 'rejected');
    assert.equal(r1.reason, 'read_only');
    const notListed = await start({ policy: { readOnly: false, allow: ['collect-diagnostics'] } });
    const r2 = await run(notListed.cloud, stop());
    assert.equal(r2.reason, 'not_allowed');
    assert.match(r2.error!.message, /not in this agent's allow-list/);
    // A trust action (key rotation) does not touch the policy either.
    await run(notListed.cloud, signer.sign('update-signing-keys', { clusterId: 'clu_1', params: { add: [new TestSigner('k5').publicKey] } }));
    assert.equal((await run(notListed.cloud, stop())).reason, 'not_allowed');
    await sleep(200);
    assert.equal(await exists(readOnly.stopLog), false, 'the stop command never ran');
    assert.equal(await exists(notListed.stopLog), false, 'the stop command never ran');
  });

  it('rejects unknown targets, and any command before the cloud sent an inventory', async () => {
    const { cloud } = await start({ policy: writeAllowed });
    assert.equal((await run(cloud, signer.sign('collect-diagnostics', { clusterId: 'clu_other' }))).reason, 'unknown_target');
    assert.equal((await run(cloud, signer.sign('stop-node', { clusterId: 'clu_1', nodeId: 'nod_9' }))).reason, 'unknown_target');
    const bootstrap = signer.sign('bootstrap-cluster', {
      clusterId: 'clu_1',
      params: { bootstrapNodeId: 'nod_1', expectedStateUuid: '82e53bb8-e9db-11f1-a4b8-1700583c31d3', positions: [{ nodeId: 'nod_7', uuid: '82e53bb8-e9db-11f1-a4b8-1700583c31d3', seqno: 5 }] },
    });
    const r = await run(cloud, bootstrap);
    assert.equal(r.reason, 'unknown_target');
    assert.match(r.error!.message, /nod_7/);

    // A cloud whose welcome has no inventory, and a command sent before the welcome.
    let early: ReturnType<TestSigner['sign']> | undefined;
    const bare = await FakeCloud.start({
      onHello: (send) => {
        early = signer.sign('collect-diagnostics', { clusterId: 'clu_1' });
        send(JSON.stringify(early));
      },
    });
    const noInventory = await start({ policy: writeAllowed, cloud: bare, inventory: false });
    const before = await finalUpdate(noInventory.cloud, early!.envelope.id);
    assert.equal(before.reason, 'unknown_target');
    assert.match(before.error!.message, /has not sent this agent its inventory/);
    assert.equal((await run(noInventory.cloud, signer.sign('collect-diagnostics', { clusterId: 'clu_1' }))).reason, 'unknown_target');
  });

  it('survives malformed messages and bad params with typed rejections, and keeps working', async () => {
    const { cloud, logs, agent } = await start({ policy: writeAllowed });
    const good = signer.sign('collect-diagnostics', { clusterId: 'clu_1' });
    cloud.send('not json at all');
    cloud.send({ type: 'command' });
    cloud.send({ type: 'command', envelope: { id: 'x' }, signature: 'AAAA' });
    cloud.send({ type: 'command', envelope: good.envelope, signature: good.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
    cloud.send({ type: 'command', envelope: { ...good.envelope, action: 'stop-node' }, signature: good.signature });
    const badParams = signer.sign('kill-query', { clusterId: 'clu_1', nodeId: 'nod_1', params: { processId: 'x' } });
    const wrongAgent = signer.sign('collect-diagnostics', { clusterId: 'clu_1' }, { agentId: 'agt_other' });
    const r1 = await run(cloud, badParams);
    assert.equal(r1.reason, 'bad_params');
    assert.match(r1.error!.message, /processId/);
    assert.equal((await run(cloud, wrongAgent)).reason, 'wrong_agent');
    const expired = signer.sign('collect-diagnostics', { clusterId: 'clu_1' }, { issuedAt: Date.now() - 300_000, expiresAt: Date.now() - 1000 });
    assert.equal((await run(cloud, expired)).reason, 'expired');
    // Unauthentic messages got no update at all (their ids are not believed), only a log line without their content.
    const ignored = logs.filter((l) => l.msg === 'ignored a command that failed verification');
    assert.deepEqual(ignored.map((l) => l.reason), ['malformed', 'malformed', 'bad_signature', 'bad_signature']);
    assert.ok(!JSON.stringify(logs).includes(good.signature), 'no signature in the logs');
    assert.deepEqual(cloud.updatesOf(good.envelope.id), []);
    assert.equal((await run(cloud, good)).state, 'succeeded');
    assert.equal(agent.stats().connection.state, 'ready');
  });

  it('never runs an id twice: a re-sent envelope gets its recorded outcome again', async () => {
    const { cloud, stateDir } = await start({ policy: writeAllowed });
    const command = signer.sign('collect-diagnostics', { clusterId: 'clu_1' });
    const first = await run(cloud, command);
    cloud.send(command);
    await cloud.waitFor('the outcome again', () => cloud.updatesOf(command.envelope.id).filter((u) => u.state === 'succeeded').length === 2);
    const finals = cloud.updatesOf(command.envelope.id).filter((u) => u.state === 'succeeded');
    assert.deepEqual(finals[1], first, 'the same final update, seq included');
    assert.equal(cloud.updatesOf(command.envelope.id).filter((u) => u.state === 'accepted').length, 1, 'accepted once: run once');
    const record = JSON.parse(await readFile(join(stateDir, 'commands', `${command.envelope.id}.json`), 'utf8')) as { outcome: unknown };
    assert.deepEqual(record.outcome, first);
  });

  it('runs one write per cluster (a second is failed cluster_busy, nothing done) and cancel-command stops a running one', async () => {
    const { cloud } = await start({ policy: writeAllowed, stopCommand: ['/bin/sleep', '60'] });
    const slow = signer.sign('stop-node', { clusterId: 'clu_1', nodeId: 'nod_1', params: {} });
    cloud.send(slow);
    await updateWhere(cloud, slow.envelope.id, (u) => u.progress?.step === 'stop');
    const second = await run(cloud, signer.sign('stop-node', { clusterId: 'clu_1', nodeId: 'nod_1', params: {} }));
    assert.equal(second.state, 'failed');
    assert.equal(second.error!.code, 'cluster_busy');
    // Reads run alongside the write.
    assert.equal((await run(cloud, signer.sign('collect-diagnostics', { clusterId: 'clu_1' }))).state, 'succeeded');
    const began = Date.now();
    const cancel = await run(cloud, signer.sign('cancel-command', { clusterId: 'clu_1', params: { commandId: slow.envelope.id } }));
    assert.deepEqual(cancel.result, { commandId: slow.envelope.id, cancelled: true, action: 'stop-node' });
    const stoppedSlow = await finalUpdate(cloud, slow.envelope.id);
    assert.equal(stoppedSlow.state, 'failed');
    assert.equal(stoppedSlow.error!.code, 'cancelled');
    assert.ok(Date.now() - began < 10_000, 'the sleeping stop command was killed');
    // The slot is free again.
    const again = signer.sign('cancel-command', { clusterId: 'clu_1', params: { commandId: slow.envelope.id } });
    assert.deepEqual((await run(cloud, again)).result, { commandId: slow.envelope.id, cancelled: false, why: 'not_running' });
  });

  it('rotates keys: a key added by the old key signs commands; a retired key does not, also after a restart', async () => {
    const stateDir = (await tempDir()).path;
    const policy: CommandsConfig = { readOnly: true, allow: ['collect-diagnostics'] };
    let started = await start({ policy, stateDir });
    const k2 = new TestSigner('k2');
    const diag = (s: TestSigner) => s.sign('collect-diagnostics', { clusterId: 'clu_1' });
    /** A command whose key is not usable is not authentic: no update, only a log line naming the reason. */
    const refused = async (s: TestSigner) => {
      const command = diag(s);
      const logged = () => started.logs.filter((l) => l.msg === 'ignored a command that failed verification').length;
      const before = logged();
      started.cloud.send(command);
      await started.cloud.waitFor('the rejection log line', () => logged() > before);
      await sleep(100);
      assert.deepEqual(started.cloud.updatesOf(command.envelope.id), []);
      return started.logs.filter((l) => l.msg === 'ignored a command that failed verification').at(-1)!.reason;
    };
    assert.equal(await refused(k2), 'unknown_key');
    const add = await run(started.cloud, signer.sign('update-signing-keys', { clusterId: 'clu_1', params: { add: [k2.publicKey] } }));
    assert.deepEqual(add.result, { added: ['k2'], retired: [], pinned: ['k1', 'k2'] });
    assert.equal((await run(started.cloud, diag(k2))).state, 'succeeded');
    const retire = await run(started.cloud, k2.sign('update-signing-keys', { clusterId: 'clu_1', params: { retire: ['k1'] } }));
    assert.deepEqual(retire.result, { added: [], retired: ['k1'], pinned: ['k2'] });
    assert.equal(await refused(signer), 'retired_key');
    const last = await run(started.cloud, k2.sign('update-signing-keys', { clusterId: 'clu_1', params: { retire: ['k2'] } }));
    assert.equal(last.state, 'failed');
    assert.equal(last.error!.code, 'last_key');

    await started.agent.stop();
    started = await start({ policy, stateDir, cloud: started.cloud });
    assert.deepEqual(started.cloud.hellos.at(-1)!.pinnedKeyIds, ['k2']);
    assert.equal((await run(started.cloud, diag(k2))).state, 'succeeded');
    assert.equal(await refused(signer), 'retired_key');
  });
});
