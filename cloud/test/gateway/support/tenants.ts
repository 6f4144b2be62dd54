import { generateEd25519KeyPair } from '@quorum/protocol';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../src/db/client';
import { agents, organizations } from '../../../src/db/schema/index';
import { newId } from '../../../src/ids';

export interface TestAgentIdentity {
  orgId: string;
  agentId: string;
  publicKey: string;
  privateKey: string;
}

/**
 * An organization and an enrolled agent, inserted directly (the enroll route belongs to the HTTP
 * API): the agent's Ed25519 key pair is generated here, as `quorum-agent enroll` would.
 */
export async function createAgent(
  db: Database,
  opts: { orgId?: string; revoked?: boolean; connected?: boolean; now?: number; hostname?: string } = {},
): Promise<TestAgentIdentity> {
  const now = opts.now ?? Date.now();
  const orgId = opts.orgId ?? newId('org', now);
  if (!opts.orgId) await db.insert(organizations).values({ id: orgId, name: `Org ${orgId.slice(-6)}` });
  const keys = generateEd25519KeyPair();
  const agentId = newId('agt', now);
  await db.insert(agents).values({
    id: agentId,
    orgId,
    hostname: opts.hostname ?? 'db-host-1',
    version: '0.1.0',
    publicKey: keys.publicKey,
    enrollmentTokenId: newId('enr', now),
    enrolledAt: new Date(now),
    connected: opts.connected ?? false,
    lastSeenAt: opts.connected ? new Date(now) : null,
    revokedAt: opts.revoked ? new Date(now) : null,
  });
  return { orgId, agentId, ...keys };
}

export async function agentRow(db: Database, agentId: string) {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId));
  if (!row) throw new Error(`agent ${agentId} not found`);
  return row;
}
