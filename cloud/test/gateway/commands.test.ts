import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CloudMessage, CommandEnvelope, SigningPublicKey } from '@quorum/protocol';
import { retireSigningKeys, rotateSigningKey } from '../../src/adapters/local/signing-key-file';
import { buildApp } from '../../src/app';
import { call, signup, type Owner } from '../api/client';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { AgentConnection, agentUrl } from './support/agent-client';
import { commandVerifier } from './support/command-verifier';
import { batchMessage, fixtureStates, helloMessage } from './support/messages';
import { createAgent, type TestAgentIdentity } from './support/tenants';
import { startTestHost } from './support/test-host';

// Commands over real WebSockets: a real local host (its key-file signer in a temporary data dir),
// test agents that verify every envelope they receive with the protocol's verifyCommand.
let db: TestDatabase;
let host: Awaited<ReturnType<typeof startTestHost>>;
let url: string;
let api: { app: ReturnType<typeof buildApp> };
let owner: Owner;

before(async () => {
  db = await createTestDatabase('gw_commands');
  host = await startTestHost(db);
  url = agentUrl(host.url);
  api = { app: buildApp(host.deps) };
  owner = await signup(api, 'Commands');
});
after(async () => {
  await host?.dispose();
  await db?.drop();
});

type Command = Extract<CloudMessage, { type: 'command' }> & { envelope: CommandEnvelope };
const keys = () => host.deps.signer.publicKeys();

/** An agent of the owner's org: connected, welcomed, with the key ids it says it pins. */
async function welcomed(agent: TestAgentIdentity, pinned?: readonly SigningPublicKey[]) {
  const conn = await AgentConnection.connect(url, agent);
  conn.send({ ...helloMessage(), ...(pinned ? { pinnedKeyIds: pinned.map((k) => k.keyId) } : {}) });
  const welcome = await conn.next('welcome');
  return { conn, welcome };
}
const nextCommand = async (conn: AgentConnection, match: (c: Command) => boolean = () => true, timeoutMs = 5_000) =>
  (await conn.next('command', (m) => match(m as Command), timeoutMs)) as Command;
const noCommandWithin = async (conn: AgentConnection, ms: number, match: (c: Command) => boolean = () => true) => {
  await assert.rejects(conn.next('command', (m) => match(m as Command), ms), /no "command" message/);
};
const operation = async (id: string) => (await call(api, 'GET', `/api/v1/operations/${id}`, { cookie: owner.cookie })).body;
const request = async (nodeId: string, body: unknown) => {
  const res = await call(api, 'POST', `/api/v1/nodes/${nodeId}/operations`, { cookie: owner.cookie, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; state: string };
};
/** The agent reports over its socket, in a batch, and waits for the ack (stored once acked). */
async function report(conn: AgentConnection, batch: ReturnType<typeof batchMessage>) {
  conn.send(batch);
  await conn.next('ack', (m) => m.batchId === batch.batchId);
}

let agent: TestAgentIdentity;
let nodeIds: Record<string, string>;

test('the welcome carries the cloud’s ids for exactly the clusters and nodes the agent named', async () => {
  agent = await createAgent(db.db, { orgId: owner.orgId, connected: true });
  const { conn, welcome } = await welcomed(agent, await keys());
  assert.equal(welcome.inventory?.length, 1);
  const main = welcome.inventory![0]!;
  assert.equal(main.name, 'main');
  assert.match(main.clusterId, /^clu_/);
  assert.deepEqual(main.nodes.map((n) => n.name), ['node1', 'node2', 'node3']);
  nodeIds = Object.fromEntries(main.nodes.map((n) => [n.name, n.nodeId]));
  const clusters = (await call(api, 'GET', '/api/v1/clusters', { cookie: owner.cookie })).body.clusters;
  assert.deepEqual(clusters[0].nodes.map((n: { id: string }) => n.id).sort(), Object.values(nodeIds).sort());
  await report(conn, batchMessage({ states: fixtureStates('healthy-3.json', { pollSeq: 1, observedAt: Date.now() }) }));
  await conn.close();
});

test('connected: a command arrives at once, signed by a key the agent pins; the agent’s updates drive its state', async () => {
  const { conn } = await welcomed(agent, await keys());
  const verify = commandVerifier({ keys: await keys(), orgId: owner.orgId, agentId: agent.agentId });
  const op = await request(nodeIds.node2!, { action: 'kill-query', params: { processId: 42 } });
  const message = await nextCommand(conn, (c) => c.envelope.id === op.id);
  const verdict = verify(message, true);
  assert.ok(verdict.ok, JSON.stringify(verdict));
  assert.equal(verdict.envelope.nodeId, nodeIds.node2);
  assert.equal((await operation(op.id)).state, 'sent');

  const at = Date.now();
  await report(conn, batchMessage({ commands: [{ commandId: op.id, state: 'accepted', seq: 0, at }, { commandId: op.id, state: 'succeeded', seq: 1, at, result: { killed: 42 } }] }));
  const done = await operation(op.id);
  assert.equal(done.state, 'succeeded');
  assert.deepEqual(done.result, { killed: 42 });
  await conn.close();
});

test('away: delivered after the next welcome, re-sent on every hello until acknowledged, then never again', async () => {
  const op = await request(nodeIds.node1!, { action: 'kill-query', params: { processId: 7 } });
  assert.equal((await operation(op.id)).state, 'queued');
  const verify = commandVerifier({ keys: await keys(), orgId: owner.orgId, agentId: agent.agentId });

  const first = await welcomed(agent, await keys());
  const copy1 = await nextCommand(first.conn, (c) => c.envelope.id === op.id);
  const kinds = first.conn.received.map((m) => m.type);
  assert.ok(kinds.indexOf('welcome') < kinds.indexOf('command'), 'never before the welcome (the agent needs its inventory ids)');
  assert.ok(verify(copy1, true).ok);
  await first.conn.close(); // gone before reporting anything

  const second = await welcomed(agent, await keys());
  const copy2 = await nextCommand(second.conn, (c) => c.envelope.id === op.id);
  assert.deepEqual(copy2, copy1, 'the same signed bytes: signed once, at creation');
  // The agent's replay store ran it once; the resend is refused as replayed, which changes nothing.
  const replay = verify(copy2);
  assert.equal(!replay.ok && replay.reason, 'replayed');
  const at = Date.now();
  await report(second.conn, batchMessage({ commands: [{ commandId: op.id, state: 'rejected', seq: 0, at, reason: 'replayed' }, { commandId: op.id, state: 'accepted', seq: 0, at }] }));
  assert.equal((await operation(op.id)).state, 'running');
  assert.equal((await operation(op.id)).deliveries, 2);
  await second.conn.close();

  const third = await welcomed(agent, await keys());
  await noCommandWithin(third.conn, 500, (c) => c.envelope.id === op.id);
  // The outcome arrives later (from the agent's spool); once more, as a re-sent batch: stored once.
  const outcome = batchMessage({ commands: [{ commandId: op.id, state: 'succeeded', seq: 2, at: Date.now() }] });
  await report(third.conn, outcome);
  await report(third.conn, outcome);
  assert.equal((await operation(op.id)).state, 'succeeded');
  await third.conn.close();
});

test('updates count only for the reporting agent’s own commands, of its own organization', async () => {
  const op = await request(nodeIds.node3!, { action: 'kill-query', params: { processId: 8 } });
  const sibling = await createAgent(db.db, { orgId: owner.orgId, connected: true });
  const stranger = await createAgent(db.db, { connected: true });
  for (const other of [sibling, stranger]) {
    const { conn } = await AgentConnection.connect(url, other).then(async (c) => {
      c.send(helloMessage({ cluster: `other-${other.agentId.slice(-4)}` }));
      await c.next('welcome');
      return { conn: c };
    });
    await report(conn, batchMessage({ commands: [{ commandId: op.id, state: 'failed', seq: 5, at: Date.now(), error: { code: 'x', message: 'forged' } }] }));
    await conn.close();
  }
  const view = await operation(op.id);
  assert.equal(view.state, 'queued');
  assert.equal(view.error, null);
});

test('malformed command updates in a batch: refused naming the field, nothing of the batch stored', async () => {
  const op = await request(nodeIds.node3!, { action: 'kill-query', params: { processId: 9 } });
  const { conn } = await welcomed(agent, await keys());
  await nextCommand(conn, (c) => c.envelope.id === op.id);
  const bad: Array<[unknown, RegExp]> = [
    [{ commandId: 'not-a-uuid', state: 'accepted', seq: 0, at: 1 }, /commands\.0\.commandId/],
    [{ commandId: op.id, state: 'done', seq: 0, at: 1 }, /commands\.0\.state/],
    [{ commandId: op.id, state: 'accepted', seq: -1, at: 1 }, /commands\.0\.seq/],
    [{ commandId: op.id, state: 'rejected', seq: 1, at: 1, reason: 'because' }, /commands\.0\.reason/],
    [{ commandId: op.id, state: 'rejected', seq: 1, at: 1, refusal: { code: 'felt_like_it', message: 'x' } }, /commands\.0\.refusal\.code/],
    [{ commandId: op.id, state: 'running', seq: 1, at: 1, progress: { step: 'x'.repeat(65), message: 'm' } }, /commands\.0\.progress\.step/],
  ];
  for (const [update, field] of bad) {
    const batch = { ...batchMessage({ states: fixtureStates('healthy-3.json', { pollSeq: 99, observedAt: Date.now() }) }), commands: [update] };
    conn.send(batch);
    const error = await conn.next('error', (m) => m.batchId === batch.batchId);
    assert.equal(error.code, 'invalid_message');
    assert.match(error.message, field);
  }
  const tooMany = { ...batchMessage({}), commands: Array.from({ length: 65 }, (_, i) => ({ commandId: op.id, state: 'running', seq: i, at: 1 })) };
  conn.send(tooMany);
  assert.match((await conn.next('error', (m) => m.batchId === tooMany.batchId)).message, /commands/);
  const view = await operation(op.id);
  assert.equal(view.state, 'sent', 'no update applied');
  assert.equal(view.agentState ?? null, null);
  await conn.close();
});

test('key rotation: an agent that pins only the old key gets the new one on hello, signed by the old key', async () => {
  const [oldKey] = await keys();
  const rotating = await createAgent(db.db, { orgId: owner.orgId, connected: true });
  // Pins what it got at enrollment.
  (await welcomed(rotating, [oldKey!])).conn.close();
  const added = rotateSigningKey({ dataDir: host.dataDir });
  const newKey = (await keys()).find((k) => k.keyId === added.keyId)!;
  assert.equal((await keys())[0]?.keyId, added.keyId, 'the new key is active at once (the file is re-read)');

  const { conn } = await welcomed(rotating, [oldKey!]);
  const update = await nextCommand(conn, (c) => c.envelope.action === 'update-signing-keys');
  assert.equal(update.envelope.keyId, oldKey!.keyId, 'signed by the key the agent already trusts');
  const onlyOld = commandVerifier({ keys: [oldKey!], orgId: owner.orgId, agentId: rotating.agentId });
  const verdict = onlyOld(update, true);
  assert.ok(verdict.ok, JSON.stringify(verdict));
  assert.deepEqual(verdict.params, { add: [newKey], retire: [] });
  // Until it has applied the update, its commands are signed with the old key, which it trusts.
  // (Its hello was the last to name node1, so node1's commands go to it.)
  const meanwhile = await request(nodeIds.node1!, { action: 'kill-query', params: { processId: 11 } });
  const signedOld = await nextCommand(conn, (c) => c.envelope.id === meanwhile.id);
  assert.equal(signedOld.envelope.keyId, oldKey!.keyId);
  assert.ok(onlyOld(signedOld).ok);
  await report(conn, batchMessage({ commands: [{ commandId: update.envelope.id, state: 'accepted', seq: 0, at: Date.now() }, { commandId: update.envelope.id, state: 'succeeded', seq: 1, at: Date.now() }] }));
  // Applied: from now on the active key signs.
  const after = await request(nodeIds.node1!, { action: 'kill-query', params: { processId: 12 } });
  const signedNew = await nextCommand(conn, (c) => c.envelope.id === after.id);
  assert.equal(signedNew.envelope.keyId, newKey.keyId);
  await conn.close();

  // Pins both now: nothing more to send; retiring the old key sends a retirement, signed by the new key.
  const both = await welcomed(rotating, [oldKey!, newKey]);
  await noCommandWithin(both.conn, 300, (c) => c.envelope.action === 'update-signing-keys');
  await both.conn.close();
  assert.deepEqual(retireSigningKeys({ dataDir: host.dataDir }), [oldKey!.keyId]);
  const again = await welcomed(rotating, [oldKey!, newKey]);
  const retire = await nextCommand(again.conn, (c) => c.envelope.action === 'update-signing-keys');
  assert.equal(retire.envelope.keyId, newKey.keyId);
  const verdict2 = commandVerifier({ keys: [newKey], orgId: owner.orgId, agentId: rotating.agentId })(retire);
  assert.ok(verdict2.ok);
  assert.deepEqual(verdict2.params, { add: [], retire: [oldKey!.keyId] });
  await again.conn.close();

  // An agent still on the old key alone gets both changes in one update, which it can verify.
  const late = await createAgent(db.db, { orgId: owner.orgId, connected: true });
  const lateConn = await welcomed(late, [oldKey!]);
  const catchUp = await nextCommand(lateConn.conn, (c) => c.envelope.action === 'update-signing-keys');
  const verdict3 = commandVerifier({ keys: [oldKey!], orgId: owner.orgId, agentId: late.agentId })(catchUp);
  assert.ok(verdict3.ok);
  assert.deepEqual(verdict3.params, { add: [newKey], retire: [oldKey!.keyId] });
  await lateConn.conn.close();

  // The audit names the system as the issuer of trust updates.
  const audit = (await call(api, 'GET', '/api/v1/audit?limit=200', { cookie: owner.cookie })).body.entries;
  const created = audit.filter((e: any) => e.action === 'command.create' && e.details.action === 'update-signing-keys');
  assert.ok(created.length >= 3);
  assert.ok(created.every((e: any) => e.actor.id === 'system:key-rotation'));
  assert.ok(!JSON.stringify(created).includes(newKey.publicKey), 'the audit keeps key ids, not keys');
});
