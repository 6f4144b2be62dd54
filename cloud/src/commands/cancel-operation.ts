import { randomUUID } from 'node:crypto';
import { isActionName } from '@quorum/protocol';
import { actorOf, issuerOf, personOf, type Actor } from '../core/audit/actor';
import type { Principal } from '../core/auth/principal';
import { requireRole } from '../core/auth/roles';
import { cancellation } from '../core/commands/lifecycle';
import { isOrchestration } from '../core/commands/operations';
import { isUserIssuable, requiredRoleFor } from '../core/commands/permissions';
import type { RollingRestartState } from '../core/commands/rolling-restart';
import { recordAudit } from '../db/repos/audit.repo';
import { findCommand, updateCommand, type CommandRow } from '../db/repos/commands.repo';
import type { Queryable } from '../db/repos/queryable';
import { inTransaction } from '../db/telemetry-store/executor';
import { tenantScope, type TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { AppError, notFound } from '../errors';
import { deliverCommands } from './deliver-commands';
import { issueCommand } from './issue-command';

/**
 * `POST /operations/{id}/cancel`. Before delivery a command is simply cancelled (and can never be
 * sent: delivery claims only `queued`/`sent` rows); once its agent may have it, the agent is sent a
 * `cancel-command` as well, and the agent's own report decides the outcome. A rolling restart is
 * cancelled before its next step, and its running step is cancelled the same way.
 * Needs the role that may ask for the action in the first place.
 */
export async function cancelOperation(deps: Deps, o: { principal: Principal; requestId: string; id: string }): Promise<CommandRow> {
  const scope = tenantScope(o.principal.orgId);
  const actor = actorOf(o.principal);
  const issued: CommandRow[] = [];
  requireRole(o.principal, 'operator'); // viewers cancel nothing; the action decides the rest
  await inTransaction(deps.db, async (tx) => {
    const row = await findCommand(tx, scope, o.id, { lock: true });
    if (!row) throw notFound('operation');
    requireRole(o.principal, isOrchestration(row.action) || isActionName(row.action) ? requiredRoleFor(row.action) : 'admin');
    if (!isUserIssuable(row.action)) throw new AppError('conflict', `${row.action} commands cannot be cancelled`);
    const now = deps.clock.now();
    const by = { issuedBy: issuerOf(o.principal), issuerUserId: personOf(o.principal), actor, requestId: o.requestId, now };
    if (isOrchestration(row.action)) {
      if (row.state !== 'running') throw new AppError('conflict', `operation is already ${row.state}`);
      await updateCommand(tx, scope, row.id, { state: 'cancelled', finishedAt: now, error: { code: 'cancelled', message: 'cancelled before its next step' } }, ['running']);
      await audit(tx, scope, row, actor, o.requestId, now, 'cancelled');
      const childId = (row.orchestration as RollingRestartState | null)?.childId;
      const child = childId ? await findCommand(tx, scope, childId, { lock: true }) : undefined;
      if (child) issued.push(...(await cancelCommand(tx, deps, scope, child, by)));
      return;
    }
    if (cancellation(row) === 'too_late') throw new AppError('conflict', `operation is already ${row.state}`);
    issued.push(...(await cancelCommand(tx, deps, scope, row, by)));
  });
  await deliverCommands(deps, scope, issued);
  return (await findCommand(deps.db, scope, o.id)) as CommandRow;
}

/** Cancels one command in `tx`; returns the `cancel-command` to deliver, if the agent must be told. */
async function cancelCommand(
  tx: Queryable,
  deps: Pick<Deps, 'signer'>,
  scope: TenantScope,
  row: CommandRow,
  by: { issuedBy: string; issuerUserId: string; actor: Actor; requestId: string; now: number },
): Promise<CommandRow[]> {
  const how = cancellation(row);
  if (how === 'too_late') return [];
  if (how === 'cancel' || how === 'cancel_and_tell_agent') {
    await updateCommand(tx, scope, row.id, { state: 'cancelled', finishedAt: by.now, error: { code: 'cancelled', message: 'cancelled before it ran' } }, [row.state]);
    await audit(tx, scope, row, by.actor, by.requestId, by.now, 'cancelled');
  }
  if (how === 'cancel' || !row.agentId) return [];
  // The agent may already have it: ask it to stop (its report of the command decides the end).
  const cancel = await issueCommand(tx, deps, scope, {
    id: randomUUID(),
    clusterId: row.clusterId,
    nodeId: null,
    agentId: row.agentId,
    action: 'cancel-command',
    params: { commandId: row.id },
    issuedBy: by.issuedBy,
    issuerUserId: by.issuerUserId,
    actor: by.actor,
    requestId: by.requestId,
    parentId: null,
    awaitApproval: false,
    now: by.now,
  });
  if (how === 'tell_agent') await audit(tx, scope, row, by.actor, by.requestId, by.now, 'cancel_requested');
  return [cancel];
}

function audit(tx: Queryable, scope: TenantScope, row: CommandRow, actor: Actor, requestId: string, at: number, outcome: 'cancelled' | 'cancel_requested') {
  return recordAudit(tx, scope, { actor, action: 'command.cancel', target: { type: 'command', id: row.id }, details: { action: row.action, from: row.state, outcome }, requestId, at });
}
