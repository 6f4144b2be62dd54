import { eq } from 'drizzle-orm';
import { createConnectCredential, generateEd25519KeyPair, importPrivateKey, type NodeStatus } from '@quorum/protocol';
import { assessCluster } from '../../src/core/galera';
import type { NodeObservation } from '../../src/core/galera/types';
import type { Database } from '../../src/db/client';
import { agentConnections, agents } from '../../src/db/schema/identity';
import { clusterEvents, clusters, metricSamples, nodes, nodeStatus } from '../../src/db/schema/telemetry';
import { newId } from '../../src/ids';
import { fixtureStatuses } from '../support/galera-fixtures';
import { hashPassword } from '../../src/core/auth/password';
import type { Role } from '../../src/core/auth/roles';
import { insertMembership } from '../../src/db/repos/memberships.repo';
import { insertUser } from '../../src/db/repos/users.repo';
import { tenantScope } from '../../src/db/tenant-scope';
import { call, createApiToken, createEnrollmentToken, PASSWORD, sessionCookieOf, signup, uniqueEmail, type Owner } from './client';
import type { TestApp } from './support';

/**
 * Telemetry rows written straight into the tables (the ingest is another module): a cluster from
 * a real Galera capture, assessed by the real core, with events and metric samples.
 */
export interface SeededCluster {
  clusterId: string;
  nodeIds: string[];
  eventIds: string[];
}

export async function seedCluster(
  db: Database,
  opts: { orgId: string; agentId: string; name: string; fixture: string; now: number; samples?: { from: number; every: number; count: number } },
): Promise<SeededCluster> {
  const { orgId, now } = opts;
  const clusterId = newId('clu', now);
  const statuses = Object.entries(fixtureStatuses(opts.fixture));
  const nodeIds = statuses.map(() => newId('nod', now));
  const observations: NodeObservation[] = statuses.map(([name, status], i) => ({
    nodeId: nodeIds[i] as string,
    name,
    address: `127.0.0.${11 + i}:3306`,
    status,
    pollSeq: 2,
    observedAt: now - 1000,
    fresh: true,
  }));
  // Twice, as the ingest would: a split brain is confirmed on the second poll.
  const earlier = observations.map((o) => ({ ...o, pollSeq: 1 }));
  const first = assessCluster({ expectedSize: 3, nodes: earlier, memory: {}, previousHealth: 'unknown', now: now - 2000 });
  const { assessment } = assessCluster({ expectedSize: 3, nodes: observations, memory: first.memory, previousHealth: first.assessment.health, now });
  await db.insert(clusters).values({
    id: clusterId,
    orgId,
    name: opts.name,
    expectedSize: 3,
    health: assessment.health,
    healthSince: new Date(now - 60_000),
    assessment,
  });
  for (const o of observations) {
    await db.insert(nodes).values({ id: o.nodeId, orgId, clusterId, name: o.name, address: o.address, agentId: opts.agentId });
    await db.insert(nodeStatus).values({
      nodeId: o.nodeId,
      orgId,
      clusterId,
      pollSeq: 2,
      observedAt: new Date(now - 1000),
      receivedAt: new Date(now - 900),
      status: o.status as NodeStatus,
    });
  }
  const eventIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = newId('evt', now + i);
    eventIds.push(id);
    await db.insert(clusterEvents).values({
      id,
      orgId,
      clusterId,
      nodeId: nodeIds[i % nodeIds.length] ?? null,
      type: 'node_state_changed',
      severity: i === 4 ? 'critical' : 'info',
      message: `event ${i}`,
      data: { i },
      occurredAt: new Date(now - (5 - i) * 60_000),
    });
  }
  const s = opts.samples ?? { from: now - 3_600_000, every: 10_000, count: 360 };
  const rows = nodeIds.flatMap((nodeId) =>
    Array.from({ length: s.count }, (_, k) => [
      { nodeId, orgId, name: 'queries_per_s', ts: s.from + k * s.every, value: k },
      { nodeId, orgId, name: 'recv_queue', ts: s.from + k * s.every, value: k % 3 },
    ]).flat(),
  );
  for (let i = 0; i < rows.length; i += 2000) await db.insert(metricSamples).values(rows.slice(i, i + 2000));
  return { clusterId, nodeIds, eventIds };
}

export async function setAgentConnected(db: Database, agentId: string, connected: boolean): Promise<void> {
  await db.update(agents).set({ connected }).where(eq(agents.id, agentId));
}

/**
 * Another member of an organization, inserted directly (quicker than an invitation, which
 * invitations.test.ts covers), then signed in through the API. Returns their session cookie.
 */
export async function addMember(t: TestApp, orgId: string, role: Role, email = uniqueEmail(role)): Promise<{ userId: string; email: string; cookie: string }> {
  const userId = newId('usr', t.clock.now());
  await insertUser(t.db.db, { id: userId, email, passwordHash: await hashPassword(PASSWORD), createdAt: new Date(t.clock.now()) });
  await insertMembership(t.db.db, tenantScope(orgId), { userId, role, createdAt: new Date(t.clock.now()) });
  const res = await call(t, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD }, ip: '198.51.100.9' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { userId, email, cookie: sessionCookieOf(res) };
}

/** Everything one organization owns in the cross-tenant suite. */
export interface OrgFixture extends SeededCluster {
  name: string;
  owner: Owner;
  adminToken: string;
  adminTokenId: string;
  spareApiTokenId: string;
  spareEnrollmentTokenId: string;
  /** A 100-use token for the enroll route. */
  enrollToken: string;
  agentId: string;
  agentPrivateKey: string;
  spareAgentId: string;
  spareConnectionId: string;
  /** A second admin (for approvals) and a cluster after a full outage (no Primary: bootstrap allowed). */
  admin2: { userId: string; email: string; cookie: string };
  downClusterId: string;
  downNodeIds: string[];
  /** A queued command, one to cancel, one awaiting approval, and a bootstrap plan. */
  operationId: string;
  cancellableOperationId: string;
  approvableOperationId: string;
  planId: string;
  /** A pending invitation (for `invitee-<name>@example.com`, with its link's token) and one to revoke. */
  invitationId: string;
  invitationToken: string;
  inviteeEmail: string;
  spareInvitationId: string;
  /** A viewer whose role the suite changes, and one it removes. */
  roleMember: { userId: string; email: string; cookie: string };
  leaver: { userId: string; email: string; cookie: string };
}

export async function seedOrg(t: TestApp, name: string): Promise<OrgFixture> {
  const owner = await signup(t, name);
  const admin = await createApiToken(t, owner.cookie, 'admin');
  const spare = await createApiToken(t, owner.cookie, 'viewer');
  const spareEnrollment = await createEnrollmentToken(t, owner.cookie);
  const enroll = await createEnrollmentToken(t, owner.cookie, { maxUses: 100 });
  const keys = generateEd25519KeyPair();
  const enrolled = await call(t, 'POST', '/api/v1/agents/enroll', {
    body: { token: enroll.token, publicKey: keys.publicKey, hostname: `${name}-agent`, version: '0.1.0' },
  });
  const spareEnrolled = await call(t, 'POST', '/api/v1/agents/enroll', {
    body: { token: enroll.token, publicKey: generateEd25519KeyPair().publicKey, hostname: `${name}-spare`, version: '0.1.0' },
  });
  if (enrolled.status !== 201 || spareEnrolled.status !== 201) throw new Error(`enroll failed: ${JSON.stringify(enrolled.body)}`);
  const agentId: string = enrolled.body.agentId;
  const spareAgentId: string = spareEnrolled.body.agentId;
  await setAgentConnected(t.db.db, agentId, true);
  const spareConnectionId = `conn-${spareAgentId}`;
  const now = t.clock.now();
  await t.db.db.insert(agentConnections).values({
    connectionId: spareConnectionId,
    orgId: owner.orgId,
    agentId: spareAgentId,
    connectedAt: new Date(now),
    lastMessageAt: new Date(now),
  });
  const cluster = await seedCluster(t.db.db, { orgId: owner.orgId, agentId, name: `${name}-galera`, fixture: 'split-brain-same-uuid.json', now });
  const down = await seedCluster(t.db.db, { orgId: owner.orgId, agentId, name: `${name}-down`, fixture: 'all-killed-hung.json', now, samples: { from: now, every: 1, count: 0 } });
  const admin2 = await addMember(t, owner.orgId, 'admin');
  const ok = (res: { status: number; body: any }, what: string) => {
    if (res.status !== 201 && res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const killQuery = { action: 'kill-query', params: { processId: 7 } };
  const operation = ok(await call(t, 'POST', `/api/v1/nodes/${cluster.nodeIds[0]}/operations`, { cookie: owner.cookie, body: killQuery }), 'operation');
  const cancellable = ok(await call(t, 'POST', `/api/v1/nodes/${cluster.nodeIds[1]}/operations`, { cookie: owner.cookie, body: killQuery }), 'operation');
  ok(await call(t, 'PUT', '/api/v1/organization/policy', { cookie: owner.cookie, body: { bootstrapRequiresApproval: true } }), 'policy');
  const positions = down.nodeIds.map((nodeId, i) => ({ nodeId, uuid: 'f20b637b-e9e0-11f1-9ce5-9a1f68e418fb', seqno: [4036, 4036, 4033][i] as number }));
  const approvable = ok(
    await call(t, 'POST', `/api/v1/clusters/${down.clusterId}/operations`, {
      cookie: admin2.cookie,
      body: { action: 'bootstrap-cluster', params: { bootstrapNodeId: down.nodeIds[0], expectedStateUuid: positions[0]!.uuid, positions } },
    }),
    'bootstrap awaiting approval',
  );
  const plan = ok(await call(t, 'POST', `/api/v1/clusters/${cluster.clusterId}/bootstrap-plan`, { cookie: owner.cookie }), 'plan');
  const inviteeEmail = `invitee-${name}@example.com`;
  const invitation = ok(await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email: inviteeEmail, role: 'viewer' } }), 'invitation');
  const spareInvitation = ok(
    await call(t, 'POST', '/api/v1/organization/invitations', { cookie: owner.cookie, body: { email: `spare-invitee-${name}@example.com` } }),
    'invitation',
  );
  const roleMember = await addMember(t, owner.orgId, 'viewer');
  const leaver = await addMember(t, owner.orgId, 'viewer');
  return {
    name,
    owner,
    adminToken: admin.token,
    adminTokenId: admin.id,
    spareApiTokenId: spare.id,
    spareEnrollmentTokenId: spareEnrollment.id,
    enrollToken: enroll.token,
    agentId,
    agentPrivateKey: keys.privateKey,
    spareAgentId,
    spareConnectionId,
    ...cluster,
    admin2,
    downClusterId: down.clusterId,
    downNodeIds: down.nodeIds,
    operationId: operation.id,
    cancellableOperationId: cancellable.id,
    approvableOperationId: approvable.id,
    planId: plan.id,
    invitationId: invitation.id,
    invitationToken: invitation.token,
    inviteeEmail,
    spareInvitationId: spareInvitation.id,
    roleMember,
    leaver,
  };
}

/** A valid-looking `QuorumAgent` connect credential of the org's agent (must not work on HTTP routes). */
export function agentCredential(o: OrgFixture, now: number): string {
  return createConnectCredential({ agentId: o.agentId, privateKey: importPrivateKey(o.agentPrivateKey), now });
}

export async function loginFresh(t: TestApp, o: OrgFixture): Promise<string> {
  const res = await call(t, 'POST', '/api/v1/auth/login', { body: { email: o.owner.email, password: PASSWORD }, ip: '198.51.100.7' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return /quorum_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
}

