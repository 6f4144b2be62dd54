import { otherComponents, primaryComponents, isLive } from './components';
import { nodeFindings, rogueOnlyFinding, splitBrainFinding } from './findings';
import { decideSplit } from './split-brain';
import type {
  Assessment,
  AssessmentEvent,
  AssessmentMemory,
  Component,
  Finding,
  Health,
  NodeObservation,
} from './types';

export interface AssessInput {
  /** How many nodes the cluster should have. */
  expectedSize: number;
  /** Every configured node of the cluster, from every agent that watches it. */
  nodes: readonly NodeObservation[];
  memory: AssessmentMemory;
  /** The health of the previous assessment (for `health_changed` events). */
  previousHealth: Health;
  now: number;
}

export interface AssessOutput {
  assessment: Assessment;
  memory: AssessmentMemory;
  /** To be recorded on the cluster's timeline now: a split brain is invisible after the rogue rejoins. */
  events: AssessmentEvent[];
}

/**
 * Assesses one Galera cluster from the latest poll of each of its nodes. Pure: the same input
 * always gives the same output, so it is tested on real captured states (GALERA.md, fixtures).
 *
 * - split_brain: two Primary components with disjoint member sets, confirmed on two polls.
 * - no_primary: current data, but no reachable node in a Primary component.
 * - degraded: one Primary component, but a node is not Synced, unreachable or non-Primary, or
 *   the component is smaller than expected (a split still awaiting confirmation also shows here).
 * - unknown: no current data at all.
 */
export function assessCluster(input: AssessInput): AssessOutput {
  const { nodes, now } = input;
  const byId = new Map(nodes.map((o) => [o.nodeId, o]));
  const primaries = primaryComponents(nodes);
  const others = otherComponents(nodes);
  const decision = decideSplit({ primaries, observations: nodes, memory: input.memory, now });
  const anyLive = nodes.some(isLive);

  const findings: Finding[] = [];
  if (decision.splitBrain) findings.push(splitBrainFinding(decision.splitBrain, byId));
  const rogueOnly = primaries.length === 1 ? rogueOnlyFinding(primaries[0] as Component, decision.memory) : undefined;
  if (rogueOnly) findings.push(rogueOnly);
  const main = primaries.length === 1 ? primaries[0] : decision.splitBrain?.majority;
  if (main && (main.size ?? 0) < input.expectedSize) {
    findings.push({
      code: 'size_below_expected',
      severity: 'warning',
      message: `The Primary component has ${main.size} of ${input.expectedSize} nodes.`,
      nodeIds: main.nodeIds,
      evidence: { size: main.size, expected: input.expectedSize },
    });
  }
  const fresh = nodes.filter((o) => o.fresh && o.status !== null);
  if (primaries.length === 0 && fresh.length > 0) {
    findings.push({
      code: 'no_primary',
      severity: 'critical',
      message: 'No reachable node is in a Primary component: the cluster accepts no reads or writes.',
      nodeIds: fresh.map((o) => o.nodeId),
    });
  }
  findings.push(...nodeFindings(nodes, anyLive && nodes.length > 1));

  const health = decideHealth({ input, primaries, decisionConfirmed: decision.splitBrain?.confirmed ?? false, rogueOnly: !!rogueOnly, findings, fresh });
  const assessment: Assessment = {
    health,
    summary: summarize(health, findings, primaries, input.expectedSize, nodes.length),
    components: [...(decision.splitBrain?.components ?? primaries), ...others],
    findings: findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity)),
    splitBrain: decision.splitBrain,
    assessedAt: now,
  };
  return { assessment, memory: decision.memory, events: eventsFor(input, assessment, decision) };
}

function decideHealth(opts: {
  input: AssessInput;
  primaries: Component[];
  decisionConfirmed: boolean;
  rogueOnly: boolean;
  findings: Finding[];
  fresh: NodeObservation[];
}): Health {
  if (opts.decisionConfirmed || opts.rogueOnly) return 'split_brain';
  if (opts.fresh.length === 0) return 'unknown';
  if (opts.primaries.length === 0) return 'no_primary';
  const problems = opts.findings.filter((f) => f.code !== 'node_unknown' && f.code !== 'empty_cluster_address');
  // A node we cannot see is only a cluster problem if the Primary view is short of it too.
  return problems.length > 0 ? 'degraded' : 'healthy';
}

function summarize(health: Health, findings: Finding[], primaries: Component[], expected: number, total: number): string {
  const first = findings[0]?.message;
  switch (health) {
    case 'healthy':
      return `All ${primaries[0]?.size ?? total} nodes are Synced in one Primary component.`;
    case 'split_brain':
      return `Split brain: ${findings.find((f) => f.code === 'split_brain' || f.code === 'rogue_primary_only')?.message ?? first}`;
    case 'no_primary':
      return 'No Primary component: no reachable node accepts queries. Recover by bootstrapping the most advanced node.';
    case 'unknown':
      return total === 0 ? 'No node has been reported yet.' : 'No current data: the agents watching this cluster are offline.';
    case 'degraded': {
      const serious = findings.filter((f) => f.code !== 'node_unknown').slice(0, 3);
      const size = primaries[0]?.size;
      const head = size !== undefined && size !== null ? `Degraded (${size}/${expected} in the Primary component)` : 'Degraded';
      return `${head}: ${serious.map((f) => f.message.replace(/\.$/, '')).join('; ')}.`;
    }
  }
}

function eventsFor(input: AssessInput, a: Assessment, d: ReturnType<typeof decideSplit>): AssessmentEvent[] {
  const events: AssessmentEvent[] = [];
  const split = a.splitBrain;
  const splitData = () => ({
    rogue: split?.rogue.map((c) => ({ nodes: c.nodeNames, stateUuid: c.stateUuid, confId: c.confId })),
    majority: split && { nodes: split.majority.nodeNames, stateUuid: split.majority.stateUuid, confId: split.majority.confId },
    causes: split?.causes,
    evidence: a.findings.find((f) => f.code === 'split_brain' || f.code === 'split_brain_suspected')?.evidence,
  });
  if (split && d.firstSeen) {
    events.push({
      type: 'split_brain_suspected',
      severity: 'critical',
      message: `Possible split brain: ${split.rogue.flatMap((c) => c.nodeNames).join(', ')} is a separate Primary component (confirming on the next poll).`,
      nodeIds: split.rogue.flatMap((c) => c.nodeIds),
      data: splitData(),
    });
  }
  if (split && d.confirmedNow) {
    events.push({
      type: 'split_brain_detected',
      severity: 'critical',
      message: `Split brain: ${a.findings.find((f) => f.code === 'split_brain')?.message ?? ''}`,
      nodeIds: split.rogue.flatMap((c) => c.nodeIds),
      data: splitData(),
    });
  }
  if (d.resolvedNow) {
    const last = d.memory.lastSplit;
    events.push({
      type: 'split_brain_resolved',
      severity: 'warning',
      message:
        'The split brain ended: there is one Primary component again. Nothing in wsrep status shows the divergence any more — ' +
        'the side that split off may hold writes the other lacks: resynchronize it (delete grastate.dat to force a full SST) or checksum the data.',
      nodeIds: last?.rogueNodeIds ?? [],
      data: { since: last?.since, endedAt: last?.endedAt, rogueStateUuids: last?.rogueStateUuids },
    });
  }
  if (a.health !== input.previousHealth) {
    events.push({
      type: 'health_changed',
      severity: a.health === 'healthy' ? 'info' : a.health === 'degraded' || a.health === 'unknown' ? 'warning' : 'critical',
      message: `Health ${input.previousHealth} → ${a.health}: ${a.summary}`,
      nodeIds: [],
      data: { from: input.previousHealth, to: a.health },
    });
  }
  return events;
}

function severityRank(s: Finding['severity']): number {
  return s === 'critical' ? 3 : s === 'warning' ? 2 : 1;
}
