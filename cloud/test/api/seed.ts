import { eq } from 'drizzle-orm';
import { createConnectCredential, generateEd25519KeyPair, importPrivateKey, type NodeStatus } from '@quorum/protocol';
import { assessCluster } from '../../src/core/galera';
import type { NodeObservation } from '../../src/core/galera/types';
import type { Database } from '../../src/db/client';
import { agentConnections, agents } from '../../src/db/schema/identity';
import { clusterEvents, clusters, metricSamples, nodes, nodeStatus } from '../../src/db/schema/telemetry';
import { newId } from '../../src/ids';
import { fixtureStatuses } from '../support/galera-fixtures';
import { call, createApiToken, createEnrollmentToken, PASSWORD, signup, type Owner } from './client';
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

