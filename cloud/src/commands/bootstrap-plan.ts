import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR, type Actor } from '../core/audit/actor';
import { choosePlan, type NodeEvidence } from '../core/commands/bootstrap-plan';
import { COMMAND_LIFETIME_MS } from '../core/commands/envelope';
import { isTerminal } from '../core/commands/lifecycle';
import { positionFromResult } from '../core/commands/recover-result';
import type { ObservedNode } from '../core/commands/rolling-restart';
import { recordAudit } from '../db/repos/audit.repo';
import { findBootstrapPlan, insertBootstrapPlan, saveBootstrapPlan, type BootstrapPlanRow } from '../db/repos/bootstrap-plans.repo';
import { listChildren, type CommandRow } from '../db/repos/commands.repo';
import type { Queryable } from '../db/repos/queryable';
import { inTransaction } from '../db/telemetry-store/executor';
import type { TenantScope } from '../db/tenant-scope';
import type { Deps } from '../deps';
import { newId } from '../ids';
import { deliverCommands } from './deliver-commands';
import { issueCommand } from './issue-command';
import type { ObservedCluster } from './observe-cluster';
import { observeCluster } from './observe-cluster';

/** Time for `--wsrep-recover` itself once the command is delivered (InnoDB crash recovery). */
const RECOVER_GRACE_MS = 2 * 60_000;

type PlanDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'signer' | 'log'>;

/**
 * Starts a bootstrap plan (GALERA.md §7) in the caller's transaction. A node that answers SQL
 * gives its live state; every other node is asked for its recovered position with a
 * `recover-position` command — one node at a time, because an agent runs one write action per
 * cluster at a time (a second would fail `cluster_busy`). The caller delivers the returned command
 * after the commit; each answer asks the next node (`refreshBootstrapPlan`). If a node is seen in
 * a Primary component, nothing is asked: the plan is refused at once.
 */
export async function createBootstrapPlan(
  tx: Queryable,
  deps: Pick<Deps, 'signer'>,
  scope: TenantScope,
  o: { observed: ObservedCluster; issuedBy: string; issuerUserId: string | null; actor: Actor; requestId: string | null; now: number },
): Promise<{ plan: BootstrapPlanRow; commands: CommandRow[] }> {
  const id = newId('bpl', o.now);
  const evidence = o.observed.observed.map((n) => (isRunning(n) ? liveEvidence(n) : pendingEvidence(n)));
  const primaryUp = evidence.some((e) => e.running && e.clusterStatus === 'Primary');
  const asker: Asker = { observed: o.observed, planId: id, issuedBy: o.issuedBy, issuerUserId: o.issuerUserId, actor: o.actor, requestId: o.requestId };
  const command = primaryUp ? undefined : await askNext(tx, deps, scope, evidence, asker, o.now);
  const decision = primaryUp || !command ? choosePlan(evidence) : null;
  const plan: BootstrapPlanRow = {
    id,
    clusterId: o.observed.cluster.id,
    state: decision ? (decision.verdict === 'ready' ? 'ready' : 'refused') : 'gathering',
    evidence,
    decision,
    createdBy: o.issuedBy,
    createdAt: o.now,
    deadlineAt: o.now + COMMAND_LIFETIME_MS + RECOVER_GRACE_MS,
    decidedAt: decision ? o.now : null,
  };
  await insertBootstrapPlan(tx, scope, plan);
  await recordAudit(tx, scope, {
    actor: o.actor,
    action: 'bootstrap_plan.create',
    target: { type: 'bootstrap_plan', id },
    details: { clusterId: plan.clusterId, state: plan.state, ...(command ? { firstCommand: command.id } : {}) },
    requestId: o.requestId,
    at: o.now,
  });
  return { plan, commands: command ? [command] : [] };
}

/**
 * Folds the answers of a gathering plan's recover-position commands into its evidence; when the
 * current node has answered, asks the next one; when all have, decides. A node whose command does
 * not end by the deadline (its agent away, recovery stuck) counts as "no position" — the plan is
 * then decided without it (refused). Called after an ingest touched one of its commands, and by
 * the scheduled tick.
 */
export async function refreshBootstrapPlan(deps: PlanDeps & Pick<Deps, 'agentChannel'>, scope: TenantScope, planId: string): Promise<void> {
  const next = await inTransaction(deps.db, async (tx) => {
    const plan = await findBootstrapPlan(tx, scope, planId, { lock: true });
    if (!plan || plan.state !== 'gathering') return undefined;
    const now = deps.clock.now();
    const children = await listChildren(tx, scope, planId);
    const byId = new Map(children.map((c) => [c.id, c]));
    const observed = await observeCluster(tx, scope, { clusterId: plan.clusterId, now, offlineAfterMs: deps.config.agentOfflineAfterMs });
    const evidence = plan.evidence.map((e) => {
      const child = e.commandId ? byId.get(e.commandId) : undefined;
      const node = observed?.observed.find((n) => n.nodeId === e.nodeId);
      return child ? fromCommand(e, child, node) : e;
    });
    const asking = children.some((c) => !isTerminal(c.state));
    if (asking && now < plan.deadlineAt) {
      await saveBootstrapPlan(tx, scope, planId, { state: 'gathering', evidence, decision: null, decidedAt: null, deadlineAt: plan.deadlineAt });
      return undefined;
    }
    const [first] = children;
    if (!asking && observed) {
      const asker: Asker = { observed, planId, issuedBy: plan.createdBy, issuerUserId: first?.issuerUserId ?? null, actor: SYSTEM_ACTOR('bootstrap-plan'), requestId: null };
      const command = await askNext(tx, deps, scope, evidence, asker, now);
      if (command) {
        await saveBootstrapPlan(tx, scope, planId, { state: 'gathering', evidence, decision: null, decidedAt: null, deadlineAt: now + COMMAND_LIFETIME_MS + RECOVER_GRACE_MS });
        return command;
      }
    }
    const final = evidence.map((e) => (e.uuid === null && !e.error && e.source !== 'live' ? { ...e, error: 'no answer before the plan’s deadline' } : e));
    const decision = choosePlan(final);
    const state = decision.verdict === 'ready' ? 'ready' : 'refused';
    await saveBootstrapPlan(tx, scope, planId, { state, evidence: final, decision, decidedAt: now, deadlineAt: plan.deadlineAt });
    await recordAudit(tx, scope, {
      actor: SYSTEM_ACTOR('bootstrap-plan'),
      action: 'bootstrap_plan.decide',
      target: { type: 'bootstrap_plan', id: planId },
      details: decision.verdict === 'ready' ? { state, chosenNodeId: decision.chosenNodeId, reason: decision.reason } : { state, refusal: decision.refusal, reason: decision.reason },
      at: now,
    });
    deps.log.info('bootstrap plan decided', { orgId: scope.orgId, planId, state });
    return undefined;
  });
  if (next) await deliverCommands(deps, scope, [next]);
}

interface Asker {
  observed: ObservedCluster;
  planId: string;
  issuedBy: string;
  issuerUserId: string | null;
  actor: Actor;
  requestId: string | null;
}

/** Issues recover-position for the first node (by name) not asked yet; records it in the evidence. */
async function askNext(tx: Queryable, deps: Pick<Deps, 'signer'>, scope: TenantScope, evidence: NodeEvidence[], a: Asker, now: number): Promise<CommandRow | undefined> {
  const e = evidence
    .filter((x) => x.source !== 'live' && x.commandId === null)
    .sort((x, y) => x.nodeName.localeCompare(y.nodeName))[0];
  const node = e ? a.observed.nodes.find((n) => n.id === e.nodeId) : undefined;
  if (!e || !node) return undefined;
  const command = await issueCommand(tx, deps, scope, {
    id: randomUUID(),
    clusterId: a.observed.cluster.id,
    nodeId: node.id,
    agentId: node.agentId,
    action: 'recover-position',
    params: {},
    issuedBy: a.issuedBy,
    issuerUserId: a.issuerUserId,
    actor: a.actor,
    requestId: a.requestId,
    parentId: a.planId,
    awaitApproval: false,
    now,
  });
  e.commandId = command.id;
  return command;
}

const isRunning = (n: ObservedNode) => n.fresh && n.status !== null && n.status.reachable;

function liveEvidence(n: ObservedNode): NodeEvidence {
  return {
    nodeId: n.nodeId,
    nodeName: n.name,
    reachable: true,
    running: true,
    clusterStatus: n.status?.clusterStatus ?? null,
    uuid: n.status?.clusterStateUuid ?? null,
    seqno: n.status?.lastCommitted ?? null,
    safeToBootstrap: null,
    source: 'live',
    commandId: null,
    error: null,
  };
}

function pendingEvidence(n: ObservedNode): NodeEvidence {
  return {
    nodeId: n.nodeId,
    nodeName: n.name,
    reachable: false,
    running: n.fresh ? false : null,
    clusterStatus: null,
    uuid: null,
    seqno: null,
    safeToBootstrap: null,
    source: null,
    commandId: null,
    error: null,
  };
}

/** What a node's recover-position command says about it. */
function fromCommand(e: NodeEvidence, child: CommandRow, node: ObservedNode | undefined): NodeEvidence {
  const base = { ...e, uuid: null, seqno: null, safeToBootstrap: null, source: null, error: null };
  switch (child.state) {
    case 'succeeded': {
      const position = positionFromResult(child.result);
      if (!position) return { ...base, reachable: true, running: false, error: 'recover-position gave no position' };
      const { running, clusterStatus: reported, ...rest } = position;
      // A running node (the agent answered with its live state): in which component, as the agent
      // or else the telemetry says — a Primary there refuses the plan.
      const clusterStatus = running ? (reported ?? (node && isRunning(node) ? node.status?.clusterStatus : null) ?? null) : null;
      return { ...base, ...rest, reachable: true, running, clusterStatus };
    }
    case 'rejected': {
      const refusal = child.refusal as { code?: string; message?: string } | null;
      // A running node is refused recover-position: its live state is its position.
      if (refusal?.code === 'wrong_node_state' && node && isRunning(node)) return { ...liveEvidence(node), commandId: child.id };
      return { ...base, reachable: true, running: refusal?.code === 'wrong_node_state' ? true : e.running, error: `recover-position refused: ${refusal?.message ?? child.reason ?? 'rejected'}` };
    }
    case 'failed':
      return { ...base, reachable: true, error: `recover-position failed: ${child.error?.message ?? 'unknown error'}` };
    case 'expired':
    case 'cancelled':
      return { ...base, reachable: false, error: `the node's agent did not answer (recover-position ${child.state})` };
    default:
      return base; // still on its way
  }
}
