import { batchSchema, unreachableStatus, verifyCommand, ACTION_NAMES, importPublicKey, type CommandEnvelope, type CommandUpdate, type CommandVerdict, type StateReport } from '@quorum/protocol';
import { agentConnections } from '../../src/db/schema/identity';
import { consumeIngest, type IngestResult } from '../../src/jobs/ingest.job';
import { batchMessage, fixtureStates } from '../gateway/support/messages';
import { fixedSigner, TEST_SIGNING_KEY } from '../support/test-signer';
import { call, createApiToken, enrollAgent, signup, type CallResult, type Owner } from './client';
import { addMember, seedCluster, setAgentConnected, type SeededCluster } from './seed';
import { createTestApp, type TestApp } from './support';

/**
 * An organization with members of every role, an enrolled (connected) agent and a seeded cluster
 * from a real Galera capture — what the operations tests act on. `report()` plays the agent:
 * a batch of state reports and command updates through the real ingest consumer.
 */
export interface OpsFixture {
  t: TestApp;
  owner: Owner;
  admin: { userId: string; cookie: string };
  operator: { userId: string; cookie: string };
  viewer: { userId: string; cookie: string };
  agentId: string;
  cluster: SeededCluster & { name: string };
  /** POST /clusters/{id}/operations or /nodes/{id}/operations as `cookie`. */
  op(cookie: string, target: { cluster?: string; node?: string }, body: unknown): Promise<CallResult>;
  /** The agent reports: command updates and/or a poll of every node of a capture. */
  report(opts: { commands?: CommandUpdate[]; states?: { file: string; only?: string[] }; unreachable?: string[]; at?: number }): Promise<IngestResult>;
  /** A connection row that has been welcomed: commands are then sent at once. */
  connect(connectionId?: string): Promise<string>;
  /** Commands the (recording) channel sent, in order. */
  sentCommands(): Array<{ connectionId: string; envelope: CommandEnvelope; signature: string }>;
  verify(message: { envelope: CommandEnvelope; signature: string }): CommandVerdict;
  close(): Promise<void>;
}

let pollSeq = 100;

export async function opsFixture(label: string, fixture = 'healthy-3.json'): Promise<OpsFixture> {
  const t = await createTestApp(label);
  const owner = await signup(t, label);
  const { agentId } = await enrollAgent(t, owner.cookie, `${label}-host`);
  await setAgentConnected(t.db.db, agentId, true);
  const name = `${label}-galera`.slice(0, 60);
  const cluster = { ...(await seedCluster(t.db.db, { orgId: owner.orgId, agentId, name, fixture, now: t.clock.now(), samples: { from: 0, every: 1, count: 0 } })), name };
  const admin = await addMember(t, owner.orgId, 'admin');
  const operator = await addMember(t, owner.orgId, 'operator');
  const viewer = await addMember(t, owner.orgId, 'viewer');
  const fx: OpsFixture = {
    t,
    owner,
    admin,
    operator,
    viewer,
    agentId,
    cluster,
    op: (cookie, target, body) =>
      call(t, 'POST', target.node ? `/api/v1/nodes/${target.node}/operations` : `/api/v1/clusters/${target.cluster ?? cluster.clusterId}/operations`, { cookie, body }),
    async report(opts) {
      const at = opts.at ?? t.clock.now();
      pollSeq += 1;
      const states: StateReport[] = opts.states ? fixtureStates(opts.states.file, { pollSeq, observedAt: at, cluster: name, ...(opts.states.only ? { only: opts.states.only } : {}) }) : [];
      for (const node of opts.unreachable ?? []) {
        states.push({ cluster: name, node, pollSeq, observedAt: at, changed: true, status: unreachableStatus("Can't connect to server") });
      }
      const batch = batchSchema.parse(batchMessage({ states, commands: opts.commands ?? [] }));
      return consumeIngest(t.deps, { orgId: owner.orgId, agentId, receivedAt: t.clock.now(), batch });
    },
    async connect(connectionId = `lc_${label}_${Math.random().toString(36).slice(2)}`) {
      const now = new Date(t.clock.now());
      await t.db.db.insert(agentConnections).values({ connectionId, orgId: owner.orgId, agentId, connectedAt: now, lastMessageAt: now, helloAt: now });
      return connectionId;
    },
    sentCommands: () =>
      t.channel.sent.flatMap((s) => (s.message.type === 'command' ? [{ connectionId: s.connectionId, envelope: s.message.envelope as CommandEnvelope, signature: s.message.signature }] : [])),
    verify: (message) =>
      verifyCommand(
        { type: 'command', ...message },
        {
          keys: [{ keyId: TEST_SIGNING_KEY.keyId, algorithm: 'ed25519', publicKey: importPublicKey(TEST_SIGNING_KEY.publicKey) }],
          orgId: owner.orgId,
          agentId,
          now: t.clock.now(),
          allowedActions: new Set(ACTION_NAMES),
          readOnly: false,
          seen: () => false,
          knowsTarget: () => true,
        },
      ),
    close: () => t.close(),
  };
  return fx;
}

/** An API token of a given role, for "a token counts as its creator" checks. */
export async function tokenOf(fx: OpsFixture, cookie: string, role: string): Promise<string> {
  return (await createApiToken(fx.t, cookie, role)).token;
}

export { fixedSigner };
