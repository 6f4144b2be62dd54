import { ZERO_UUID } from '@quorum/protocol';
import { isEmptyClusterAddress, isLive } from './components';
import type { AssessmentMemory, Component, Finding, NodeObservation, SplitBrain } from './types';

const label = (o: NodeObservation) => `${o.name} (${o.address})`;
const list = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

export function splitBrainFinding(split: SplitBrain, byId: Map<string, NodeObservation>): Finding {
  const rogueNodes = split.rogue.flatMap((c) => c.nodeIds).map((id) => byId.get(id));
  const rogueLabels = rogueNodes.flatMap((o) => (o ? [label(o)] : []));
  const verb = split.confirmed ? 'formed' : 'appears to have formed';
  return {
    code: split.confirmed ? 'split_brain' : 'split_brain_suspected',
    severity: 'critical',
    message:
      `${list(rogueLabels)} ${verb} its own Primary component` +
      `${split.causes.length ? ` — ${split.causes[0]}` : ''}. ` +
      `${list(split.majority.nodeNames)} continue${split.majority.nodeNames.length === 1 ? 's' : ''} as the majority. Both sides accept writes.`,
    nodeIds: split.rogue.flatMap((c) => c.nodeIds),
    evidence: {
      components: split.components.map((c) => ({
        nodes: c.nodeNames,
        size: c.size,
        confId: c.confId,
        stateUuid: c.stateUuid,
        members: c.memberAddresses,
      })),
      causes: split.causes,
      clusterAddresses: Object.fromEntries(
        split.components.flatMap((c) => c.nodeIds).map((id) => [byId.get(id)?.name ?? id, byId.get(id)?.status?.clusterAddress ?? null]),
      ),
    },
  };
}

/** The split-off side is the only Primary left (GALERA.md §12: the majority collapsed into it). */
export function rogueOnlyFinding(primary: Component, memory: AssessmentMemory): Finding | undefined {
  const last = memory.lastSplit;
  if (!last || primary.nodeIds.length === 0) return undefined;
  if (!primary.nodeIds.every((id) => last.rogueNodeIds.includes(id))) return undefined;
  return {
    code: 'rogue_primary_only',
    severity: 'critical',
    message:
      `The only Primary component is ${list(primary.nodeNames)}, the side that split off` +
      `${primary.stateUuid ? ` (history ${primary.stateUuid})` : ''}; the former majority is down or disconnected. ` +
      `Writes made on the majority since the split are not in it: stop and choose the history to keep before anything rejoins.`,
    nodeIds: primary.nodeIds,
    evidence: { splitSince: last.since, splitEndedAt: last.endedAt, rogueStateUuids: last.rogueStateUuids },
  };
}

/** Per-node findings: unreachable, unknown, not Synced, non-Primary, lost history, empty gcomm://. */
export function nodeFindings(observations: readonly NodeObservation[], anyPeerAlive: boolean): Finding[] {
  const out: Finding[] = [];
  for (const o of observations) {
    if (!o.fresh || o.status === null) {
      out.push({
        code: 'node_unknown',
        severity: 'warning',
        message: `${label(o)}: no current data${o.observedAt ? ' (its agent has not reported recently)' : ' (never reported)'}.`,
        nodeIds: [o.nodeId],
        evidence: { lastObservedAt: o.observedAt },
      });
      continue;
    }
    const s = o.status;
    if (!isLive(o)) {
      out.push({
        code: 'node_unreachable',
        severity: 'critical',
        message: `${label(o)} is unreachable: ${s.error ?? 'no answer'}.`,
        nodeIds: [o.nodeId],
        evidence: { error: s.error },
      });
      continue;
    }
    if (s.clusterStatus !== 'Primary') {
      out.push({
        code: 'node_non_primary',
        severity: 'critical',
        message: `${label(o)} is ${s.clusterStatus ?? 'in no component'} (${s.localStateComment ?? 'unknown state'}): it refuses queries until it rejoins a Primary component.`,
        nodeIds: [o.nodeId],
        evidence: { clusterStatus: s.clusterStatus, localState: s.localStateComment, confId: s.clusterConfId },
      });
    } else if (s.localStateComment !== 'Synced') {
      out.push({
        code: 'node_not_synced',
        severity: 'warning',
        message: `${label(o)} is ${s.localStateComment ?? 'in an unknown state'}, not Synced.`,
        nodeIds: [o.nodeId],
        evidence: { localState: s.localStateComment, desyncCount: s.desyncCount },
      });
    }
    if (s.clusterStatus === 'Primary' && s.clusterStateUuid === ZERO_UUID) {
      out.push({
        code: 'history_lost',
        severity: 'warning',
        message: `${label(o)} reports a zero state UUID: the cluster's history was reset (restarted without start positions), so IST is impossible and the next join needs a full SST.`,
        nodeIds: [o.nodeId],
      });
    }
    if (isEmptyClusterAddress(s.clusterAddress) && anyPeerAlive) {
      out.push({
        code: 'empty_cluster_address',
        severity: 'critical',
        message: `${label(o)} runs with wsrep_cluster_address=gcomm:// while its peers are alive: on its next restart it will bootstrap a separate cluster (split brain).`,
        nodeIds: [o.nodeId],
        evidence: { clusterAddress: s.clusterAddress },
      });
    }
  }
  return out;
}
