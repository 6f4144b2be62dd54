import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, type Actor } from '../core/audit/actor';
import { decideRollingRestart, initialRollingRestart, withChild, type RollingRestartState } from '../core/commands/rolling-restart';
import { recordAudit } from '../db/repos/audit.repo';
import { findCommand, insertCommand, updateCommand, type CommandRow } from '../db/repos/commands.repo';
import type { Queryable } from '../db/repos/queryable';
import { inTransaction } from '../db/telemetry-store/executor';
import type { TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { deliverCommands } from './deliver-commands';
import { issueCommand } from './issue-command';
import type { ObservedCluster } from './observe-cluster';
import { observeCluster } from './observe-cluster';

type OrchestrationDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'agentChannel' | 'log'>;

/** A rolling restart's row is informational about its end; it has no envelope to expire. */
const ORCHESTRATION_HORIZON_MS = 24 * 60 * 60_000;

/**
 * Creates the rolling restart's parent operation (state `running`, the step state in its
 * `orchestration` column) with its audit row, in the caller's transaction. The first step is
 * taken by `advanceRollingRestart` right after the commit.
 */
export async function createRollingRestart(
  tx: Queryable,
  scope: TenantScope,
  o: { observed: ObservedCluster; issuedBy: string; issuerUserId: string | null; actor: Actor; requestId: string | null; now: number },
): Promise<CommandRow> {
  const id = randomUUID();
  const state = initialRollingRestart(o.observed.nodes.map((n) => ({ nodeId: n.id, nodeName: n.name })), o.now);
  const row = {
    id,
    clusterId: o.observed.cluster.id,
    nodeId: null,
    agentId: null,
    action: 'rolling-restart',
    params: {},
    state: 'running' as const,
    issuedBy: o.issuedBy,
    issuerUserId: o.issuerUserId,
    approvedBy: null,
    createdAt: o.now,
    expiresAt: o.now + ORCHESTRATION_HORIZON_MS,
    envelope: null,
    signature: null,
    parentId: null,
    orchestration: state,
  };
  await insertCommand(tx, scope, row);
  await recordAudit(tx, scope, {
    actor: o.actor,
    action: 'command.create',
    target: { type: 'command', id },
    details: { action: 'rolling-restart', clusterId: row.clusterId, order: state.nodes.map((n) => n.nodeName), state: 'running' },
    requestId: o.requestId,
    at: o.now,
  });
  return (await findCommand(tx, scope, id)) as CommandRow;
}

/**
 * Moves a rolling restart on, if it can: called after a command update or a state change was
 * ingested for its cluster, and by the scheduled tick. The parent row is locked for the whole
 * decision, so two callers never both issue a step; a new step's command is delivered after the
 * commit. All state is in the database, so a restarted control plane simply carries on.
 */
export async function advanceRollingRestart(deps: OrchestrationDeps, scope: TenantScope, parentId: string): Promise<void> {
  const issued = await inTransaction(deps.db, async (tx) => {
    const parent = await findCommand(tx, scope, parentId, { lock: true });
    if (!parent || parent.action !== 'rolling-restart' || parent.state !== 'running') return undefined;
    const now = deps.clock.now();
    const observed = await observeCluster(tx, scope, { clusterId: parent.clusterId, now, offlineAfterMs: deps.config.agentOfflineAfterMs });
    let state = parent.orchestration as RollingRestartState;
    const child = state.childId ? await findCommand(tx, scope, state.childId) : undefined;
    const decision = decideRollingRestart(state, {
      expectedSize: observed?.cluster.expectedSize ?? state.nodes.length,
      nodes: observed?.observed ?? [],
      child: child ? { state: child.state, agentUpdatedAt: child.agentUpdatedAt, error: child.refusal ? (child.refusal as { code: string; message: string }).message : child.error?.message ?? child.reason } : null,
      now,
    });
    state = decision.state;
    let command: CommandRow | undefined;
    const effect = decision.effect;
    if (effect.kind === 'restart') {
      const node = observed?.nodes.find((n) => n.id === effect.nodeId);
      if (!node) throw new Error(`rolling restart ${parentId}: node ${effect.nodeId} is gone`);
      command = await issueCommand(tx, deps, scope, {
        id: randomUUID(),
        clusterId: parent.clusterId,
        nodeId: node.id,
        agentId: node.agentId,
        action: 'restart-node',
        params: { allowLastSynced: false },
        issuedBy: 'system:rolling-restart',
        issuerUserId: parent.issuerUserId,
        actor: SYSTEM_ACTOR('rolling-restart'),
        requestId: null,
        parentId,
        awaitApproval: false,
        now,
      });
      state = withChild(state, command.id, now);
    }
    const done = state.steps.filter((s) => s.outcome === 'done').length;
    const progress = { step: `${Math.min(state.index + 1, state.nodes.length)}/${state.nodes.length}`, message: state.waitingFor ?? '', percent: Math.round((100 * done) / Math.max(1, state.nodes.length)) };
    if (effect.kind === 'finish') {
      const succeeded = effect.outcome === 'succeeded';
      await updateCommand(tx, scope, parentId, {
        orchestration: state,
        state: effect.outcome,
        finishedAt: now,
        progress: { ...progress, message: effect.reason },
        ...(succeeded ? { result: { restarted: state.steps.map((s) => s.nodeName) } } : { error: { code: 'step_failed', message: effect.reason } }),
      }, ['running']);
      await recordAudit(tx, scope, {
        actor: SYSTEM_ACTOR('rolling-restart'),
        action: 'command.finish',
        target: { type: 'command', id: parentId },
        details: { action: 'rolling-restart', state: effect.outcome, reason: effect.reason },
        at: now,
      });
      deps.log.info('rolling restart finished', { orgId: scope.orgId, operationId: parentId, outcome: effect.outcome, reason: effect.reason });
    } else {
      await updateCommand(tx, scope, parentId, { orchestration: state, progress }, ['running']);
    }
    return command;
  });
  if (issued) await deliverCommands(deps, scope, [issued]);
}
