import { randomUUID } from 'node:crypto';
import { ACTIONS, isActionName, type ActionName } from '@quorum/protocol';
import { actorOf, issuerOf, personOf } from '../core/audit/actor';
import type { Principal } from '../core/auth/principal';
import { requireRole } from '../core/auth/roles';
import { isOrchestration, targetOf, type OperationAction } from '../core/commands/operations';
import { isUserIssuable, requiredRoleFor } from '../core/commands/permissions';
import { checkPreconditions } from '../core/commands/preconditions';
import { findNode } from '../db/repos/clusters.repo';
import { findActiveOrchestration, findOpenCommand, type CommandRow } from '../db/repos/commands.repo';
import { getPolicy } from '../db/repos/org-policies.repo';
import { inTransaction } from '../db/telemetry-store/executor';
import { tenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { AppError, notFound } from '../errors';
import { fieldProblems } from '../http/validation';
import { deliverCommands } from './deliver-commands';
import { issueCommand } from './issue-command';
import { clusterAgent, observeCluster } from './observe-cluster';
import { advanceRollingRestart, createRollingRestart } from './rolling-restart';

export type OperationTarget = { kind: 'cluster'; clusterId: string } | { kind: 'node'; nodeId: string };

/**
 * A person asks for an operation (`POST /clusters/{id}/operations`, `POST /nodes/{id}/operations`):
 * role, target and params are checked first (nothing is looked up for a caller who may not ask),
 * then — in one transaction — the object is found in the caller's org, the Galera preconditions
 * the cloud can see are checked, and the command (signed) or orchestration is stored with its audit
 * row. It is delivered after the commit, or queued until its agent connects.
 */
export async function requestOperation(
  deps: Deps,
  o: { principal: Principal; requestId: string; target: OperationTarget; action: string; params: unknown },
): Promise<CommandRow> {
  if (!isUserIssuable(o.action) || !(isActionName(o.action) || isOrchestration(o.action))) {
    throw new AppError('validation_failed', `invalid body: action: ${o.action} cannot be requested`);
  }
  const action: OperationAction = o.action;
  requireRole(o.principal, requiredRoleFor(action));
  if (targetOf(action) !== o.target.kind) {
    const where = targetOf(action) === 'node' ? 'POST /api/v1/nodes/{id}/operations' : 'POST /api/v1/clusters/{id}/operations';
    throw new AppError('validation_failed', `invalid body: action: ${action} targets ${targetOf(action) === 'node' ? 'one node' : 'a whole cluster'}: use ${where}`);
  }
  const params = parseParams(action, o.params);
  const scope = tenantScope(o.principal.orgId);
  const actor = actorOf(o.principal);
  const issuer = { issuedBy: issuerOf(o.principal), issuerUserId: personOf(o.principal), actor, requestId: o.requestId };
  const created = await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const node = o.target.kind === 'node' ? await findNode(tx, scope, o.target.nodeId) : undefined;
    if (o.target.kind === 'node' && !node) throw notFound('node');
    const clusterId = node ? node.clusterId : (o.target as { clusterId: string }).clusterId;
    const observed = await observeCluster(tx, scope, { clusterId, now, offlineAfterMs: deps.config.agentOfflineAfterMs });
    if (!observed) throw notFound('cluster');
    if (action === 'bootstrap-cluster') assertNodesOfCluster(params, observed.nodes.map((n) => n.id));
    if (action === 'rolling-restart' || action === 'bootstrap-cluster') {
      const active = await findActiveOrchestration(tx, scope, clusterId);
      if (active) throw new AppError('conflict', `a ${active.action} (${active.id}) is running on this cluster: wait for it or cancel it`, { details: { operationId: active.id } });
    }
    if (action === 'bootstrap-cluster') {
      const open = await findOpenCommand(tx, scope, clusterId, 'bootstrap-cluster');
      if (open) throw new AppError('conflict', `a bootstrap-cluster (${open.id}) is already ${open.state}`, { details: { operationId: open.id } });
    }
    const refusal = checkPreconditions({ action, params, expectedSize: observed.cluster.expectedSize, nodes: observed.observed, ...(node ? { nodeId: node.id } : {}) });
    if (refusal) throw new AppError('precondition_failed', refusal.message, { details: { refusal } });
    if (action === 'rolling-restart') {
      return { row: await createRollingRestart(tx, scope, { observed, ...issuer, now }), orchestration: true };
    }
    const agent = node ? { agentId: node.agentId } : clusterAgent(observed.nodes);
    if ('problem' in agent) throw new AppError('precondition_failed', `cannot send ${action} to this cluster: ${agent.problem}`, { details: { refusal: { code: 'no_single_agent', message: agent.problem } } });
    const policy = await getPolicy(tx, scope);
    const row = await issueCommand(tx, deps, scope, {
      id: randomUUID(),
      clusterId,
      nodeId: node?.id ?? null,
      agentId: agent.agentId,
      action: action as ActionName,
      params,
      ...issuer,
      parentId: null,
      awaitApproval: action === 'bootstrap-cluster' && policy.bootstrapRequiresApproval,
      now,
    });
    return { row, orchestration: false };
  });
  if (created.orchestration) await advanceRollingRestart(deps, scope, created.row.id);
  else await deliverCommands(deps, scope, [created.row]);
  deps.log.info('operation requested', { orgId: scope.orgId, operationId: created.row.id, action, state: created.row.state });
  return created.row;
}

/** The action's params through the protocol's own schema: defaults applied, every bad field named. */
export function parseParams(action: OperationAction, raw: unknown): Record<string, unknown> {
  if (isOrchestration(action)) {
    if (raw === undefined || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0)) return {};
    throw new AppError('validation_failed', `invalid body: params: ${action} takes no params`);
  }
  const parsed = ACTIONS[action].params.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const problems = fieldProblems(parsed.error.issues, '(params)').map((p) => ({ path: p.path === '(params)' ? 'params' : `params.${p.path}`, message: p.message }));
  throw new AppError('validation_failed', `invalid body: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { details: { target: 'body', problems } });
}

function assertNodesOfCluster(params: Record<string, unknown>, nodeIds: string[]): void {
  const p = params as { bootstrapNodeId: string; positions: Array<{ nodeId: string }> };
  const problems: Array<{ path: string; message: string }> = [];
  if (!nodeIds.includes(p.bootstrapNodeId)) problems.push({ path: 'params.bootstrapNodeId', message: 'not a node of this cluster' });
  p.positions.forEach((pos, i) => {
    if (!nodeIds.includes(pos.nodeId)) problems.push({ path: `params.positions.${i}.nodeId`, message: 'not a node of this cluster' });
  });
  if (problems.length > 0) {
    throw new AppError('validation_failed', `invalid body: ${problems.map((x) => `${x.path}: ${x.message}`).join('; ')}`, { details: { target: 'body', problems } });
  }
}
