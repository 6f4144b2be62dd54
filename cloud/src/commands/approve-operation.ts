import type { ActionName } from '@quorum/protocol';
import { actorOf, issuerOf, personOf } from '../core/audit/actor';
import type { Principal } from '../core/auth/principal';
import { requireRole } from '../core/auth/roles';
import { checkPreconditions } from '../core/commands/preconditions';
import { recordAudit } from '../db/repos/audit.repo';
import { findCommand, updateCommand, type CommandRow } from '../db/repos/commands.repo';
import { inTransaction } from '../db/telemetry-store/executor';
import { tenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { AppError, notFound } from '../errors';
import { deliverCommands } from './deliver-commands';
import { observeCluster } from './observe-cluster';
import { signEnvelope } from './sign-envelope';

/**
 * The second person of the org's bootstrap policy approves a waiting command: it must be a
 * different admin or owner (an API token counts as its creator). The Galera preconditions are
 * checked again — the cluster may have changed since it was asked for — and only then is the
 * envelope signed, with `approvedBy`, and delivered.
 */
export async function approveOperation(deps: Deps, o: { principal: Principal; requestId: string; id: string }): Promise<CommandRow> {
  requireRole(o.principal, 'admin');
  const scope = tenantScope(o.principal.orgId);
  const approved = await inTransaction(deps.db, async (tx) => {
    const row = await findCommand(tx, scope, o.id, { lock: true });
    if (!row) throw notFound('operation');
    if (row.state !== 'awaiting_approval') throw new AppError('conflict', `operation is ${row.state}: only one awaiting approval can be approved`);
    if (row.issuerUserId === personOf(o.principal)) {
      throw new AppError('forbidden', 'a different admin or owner must approve: you asked for it');
    }
    const now = deps.clock.now();
    const observed = await observeCluster(tx, scope, { clusterId: row.clusterId, now, offlineAfterMs: deps.config.agentOfflineAfterMs });
    if (!observed) throw notFound('cluster');
    const refusal = checkPreconditions({ action: row.action as ActionName, params: row.params, expectedSize: observed.cluster.expectedSize, nodes: observed.observed, ...(row.nodeId ? { nodeId: row.nodeId } : {}) });
    if (refusal) throw new AppError('precondition_failed', refusal.message, { details: { refusal } });
    const approvedBy = issuerOf(o.principal);
    const signed = await signEnvelope(tx, deps, scope, {
      id: row.id,
      agentId: row.agentId as string,
      clusterId: row.clusterId,
      nodeId: row.nodeId,
      action: row.action as ActionName,
      params: row.params,
      issuedBy: row.issuedBy,
      approvedBy,
      issuedAt: now,
    });
    const patch = { state: 'queued' as const, approvedBy, envelope: signed.envelope, signature: signed.signature, expiresAt: signed.envelope.expiresAt };
    await updateCommand(tx, scope, row.id, patch, ['awaiting_approval']);
    await recordAudit(tx, scope, {
      actor: actorOf(o.principal),
      action: 'command.approve',
      target: { type: 'command', id: row.id },
      details: { action: row.action, issuedBy: row.issuedBy, approvedBy, keyId: signed.envelope.keyId },
      requestId: o.requestId,
      at: now,
    });
    return { ...row, ...patch };
  });
  await deliverCommands(deps, scope, [approved]);
  return approved;
}
