import type { Assessment, Finding, NodeObservation } from '../galera/index';
import type { AlertDetails, Condition, RuleCode } from './types';

/** Who watches which nodes, and whether the agent is offline (past the offline threshold). */
export interface AgentWatch {
  agentId: string;
  label: string;
  nodeIds: string[];
  offline: boolean;
}

export interface StateRuleInput {
  clusterId: string;
  assessment: Assessment;
  observations: readonly NodeObservation[];
  agents: readonly AgentWatch[];
  /** Nodes inside a Quorum-run operation (restart, rolling restart…): their state is expected. */
  nodesUnderOperation: ReadonlySet<string>;
  /** Nodes inside a maintenance window: not being Synced is expected (a Donor during a backup). */
  nodesInMaintenance: ReadonlySet<string>;
}

const label = (o: NodeObservation) => `${o.name} (${o.address})`;

/**
 * The rules that read the cluster's assessment: split brain (with the rogue component and its
 * causes), no Primary, smaller than expected, agent offline, and per node unreachable, non-Primary
 * and not Synced. Only current data counts (a stale node is the agent_offline rule's business).
 */
export function stateConditions(input: StateRuleInput): Condition[] {
  const { assessment, clusterId } = input;
  const byId = new Map(input.observations.map((o) => [o.nodeId, o]));
  const out: Condition[] = [];
  const cluster = (rule: RuleCode, summary: string, details: AlertDetails): Condition => ({
    rule,
    fingerprint: `${rule}:${clusterId}`,
    nodeId: null,
    summary,
    details,
  });
  const onNode = (rule: RuleCode, nodeId: string, summary: string, details: Partial<AlertDetails> = {}): Condition => {
    const o = byId.get(nodeId);
    return {
      rule,
      fingerprint: `${rule}:${clusterId}:${nodeId}`,
      nodeId,
      summary,
      details: { nodeNames: o ? [o.name] : [], nodeAddresses: o ? [o.address] : [], ...details },
    };
  };
  const find = (code: Finding['code']) => assessment.findings.filter((f) => f.code === code);

  const split = find('split_brain')[0] ?? find('rogue_primary_only')[0];
  if (assessment.health === 'split_brain' && split) {
    const rogue = assessment.splitBrain?.rogue ?? [];
    const rogueIds = rogue.length > 0 ? rogue.flatMap((c) => c.nodeIds) : split.nodeIds;
    const causes = assessment.splitBrain?.causes ?? [];
    out.push(
      cluster('split_brain', split.message, {
        nodeNames: rogueIds.map((id) => byId.get(id)?.name ?? id),
        nodeAddresses: rogueIds.map((id) => byId.get(id)?.address ?? ''),
        cause: causes[0] ?? null,
        causes,
        evidence: {
          finding: split.code,
          majority: assessment.splitBrain?.majority.nodeNames ?? null,
          since: assessment.splitBrain?.since ?? null,
          ...(split.evidence ?? {}),
        },
      }),
    );
  }
  for (const f of find('no_primary')) out.push(cluster('no_primary', f.message, { nodeNames: [] }));
  for (const f of find('size_below_expected')) {
    out.push(cluster('size_below_expected', f.message, { nodeNames: [], evidence: f.evidence ?? {} }));
  }
  for (const agent of input.agents) {
    if (!agent.offline) continue;
    out.push({
      rule: 'agent_offline',
      fingerprint: `agent_offline:${clusterId}:${agent.agentId}`,
      nodeId: null,
      summary: `Agent ${agent.label} has not been heard from: the nodes it watches (${agent.nodeIds.map((id) => byId.get(id)?.name ?? id).join(', ')}) are unknown.`,
      details: { nodeNames: agent.nodeIds.map((id) => byId.get(id)?.name ?? id), evidence: { agentId: agent.agentId, nodeIds: agent.nodeIds } },
    });
  }

  const expected = (nodeId: string) => input.nodesUnderOperation.has(nodeId);
  for (const f of find('node_unreachable')) {
    for (const id of f.nodeIds) if (!expected(id)) out.push(onNode('node_unreachable', id, f.message, { cause: (f.evidence?.error as string) ?? null }));
  }
  for (const f of find('node_non_primary')) {
    for (const id of f.nodeIds) if (!expected(id)) out.push(onNode('node_non_primary', id, f.message, { evidence: f.evidence ?? {} }));
  }
  for (const f of find('node_not_synced')) {
    for (const id of f.nodeIds) {
      if (expected(id) || input.nodesInMaintenance.has(id)) continue;
      const o = byId.get(id);
      if (o && isDonorServingTransfer(o, input.observations)) continue;
      out.push(onNode('node_not_synced', id, f.message, { evidence: f.evidence ?? {} }));
    }
  }
  return out;
}

/**
 * A Donor while another node of the cluster is receiving a state transfer (Joining/Joined, or not
 * answering yet — a joiner's SQL port opens only after its SST, GALERA.md §7) is doing its job.
 * A node desynced by hand looks the same (GALERA.md §12) but has no joiner beside it.
 */
export function isDonorServingTransfer(node: NodeObservation, all: readonly NodeObservation[]): boolean {
  if (!node.status?.localStateComment?.startsWith('Donor')) return false;
  return all.some(
    (o) =>
      o.nodeId !== node.nodeId &&
      o.fresh &&
      o.status !== null &&
      (!o.status.reachable || /^(Joining|Joined|Joiner)/.test(o.status.localStateComment ?? '')),
  );
}

