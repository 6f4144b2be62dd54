import { compareConfId, isEmptyClusterAddress } from './components';
import type { AssessmentMemory, Component, NodeObservation, SplitBrain } from './types';

/** A stable name for "these Primary components", so two assessments can tell it is the same split. */
export function splitSignature(components: readonly Component[]): string {
  return components
    .map((c) => [...c.nodeIds].sort().join(','))
    .sort()
    .join('|');
}

/**
 * Orders Primary components so that the majority comes first and the split-off ones after it.
 * A component with a node running an empty `gcomm://` is rogue whatever its size (the story's
 * Puppet restart); otherwise the bigger view wins, then the older one (a higher conf_id: a freshly
 * bootstrapped component starts again at 1).
 */
export function rankComponents(components: readonly Component[], byId: Map<string, NodeObservation>): Component[] {
  const emptyAddress = (c: Component) =>
    c.nodeIds.some((id) => isEmptyClusterAddress(byId.get(id)?.status?.clusterAddress)) ? 1 : 0;
  return [...components].sort(
    (a, b) =>
      emptyAddress(a) - emptyAddress(b) ||
      (b.size ?? 0) - (a.size ?? 0) ||
      b.nodeIds.length - a.nodeIds.length ||
      compareConfId(b.confId, a.confId),
  );
}

/** Why a rogue component formed, in plain words, from the evidence the nodes reported. */
export function explainRogue(rogue: Component, majority: Component, byId: Map<string, NodeObservation>): string[] {
  const causes: string[] = [];
  const names = rogue.nodeNames.join(', ');
  const empty = rogue.nodeIds.filter((id) => isEmptyClusterAddress(byId.get(id)?.status?.clusterAddress));
  if (empty.length > 0) {
    const who = empty.map((id) => byId.get(id)?.name ?? id).join(', ');
    causes.push(
      `${who} runs with an empty wsrep_cluster_address (gcomm://), so it bootstrapped a new cluster instead of joining its peers`,
    );
  }
  if (rogue.confId !== null && compareConfId(rogue.confId, '3') < 0 && compareConfId(majority.confId, rogue.confId) > 0) {
    causes.push(`${names} is in a freshly bootstrapped view (conf_id ${rogue.confId}; the majority is at ${majority.confId})`);
  }
  if (rogue.stateUuid && majority.stateUuid && rogue.stateUuid !== majority.stateUuid) {
    causes.push(
      `${names} started a new history (state UUID ${rogue.stateUuid}, the majority's is ${majority.stateUuid}): its writes cannot be merged back`,
    );
  } else if (rogue.stateUuid && rogue.stateUuid === majority.stateUuid) {
    causes.push(
      `both sides keep state UUID ${rogue.stateUuid}: their histories diverge silently and seqnos cannot tell them apart`,
    );
  }
  return causes;
}

export interface SplitDecision {
  splitBrain: SplitBrain | null;
  memory: AssessmentMemory;
  /** True on the assessment where the split was first seen / confirmed / ended. */
  firstSeen: boolean;
  confirmedNow: boolean;
  resolvedNow: boolean;
}

/**
 * Applies the two-poll confirmation: a split is confirmed when the same components are still
 * disjoint after at least one involved node has been polled again. (Unchanged nodes are not
 * re-sent by the agent every poll — a change would have been sent at once — so "polled again"
 * is the node that changed, typically the rogue one, about one poll interval later.)
 */
export function decideSplit(opts: {
  primaries: readonly Component[];
  observations: readonly NodeObservation[];
  memory: AssessmentMemory;
  now: number;
}): SplitDecision {
  const { primaries, observations, memory, now } = opts;
  const byId = new Map(observations.map((o) => [o.nodeId, o]));
  const next: AssessmentMemory = { ...memory };
  if (primaries.length < 2) {
    const resolvedNow = memory.confirmedSplit !== undefined;
    if (memory.confirmedSplit) {
      next.lastSplit = { ...memory.confirmedSplit, endedAt: now };
    }
    delete next.pendingSplit;
    delete next.confirmedSplit;
    return { splitBrain: null, memory: next, firstSeen: false, confirmedNow: false, resolvedNow };
  }
  const signature = splitSignature(primaries);
  const ranked = rankComponents(primaries, byId);
  const majority = ranked[0] as Component;
  const rogue = ranked.slice(1);
  const causes = rogue.flatMap((r) => explainRogue(r, majority, byId));
  const pollSeqs = Object.fromEntries(
    primaries.flatMap((c) => c.nodeIds).map((id) => [id, byId.get(id)?.pollSeq ?? -1]),
  );
  const base = { components: ranked, rogue, majority, causes };

  if (memory.confirmedSplit?.signature === signature) {
    return {
      splitBrain: { ...base, confirmed: true, since: memory.confirmedSplit.since },
      memory: next,
      firstSeen: false,
      confirmedNow: false,
      resolvedNow: false,
    };
  }
  const pending = memory.pendingSplit?.signature === signature ? memory.pendingSplit : undefined;
  const polledAgain =
    pending !== undefined && Object.entries(pollSeqs).some(([id, seq]) => seq > (pending.pollSeqs[id] ?? Infinity));
  if (pending && polledAgain) {
    delete next.pendingSplit;
    next.confirmedSplit = {
      signature,
      since: pending.since,
      rogueNodeIds: rogue.flatMap((c) => c.nodeIds),
      rogueStateUuids: rogue.flatMap((c) => (c.stateUuid ? [c.stateUuid] : [])),
    };
    return {
      splitBrain: { ...base, confirmed: true, since: pending.since },
      memory: next,
      firstSeen: false,
      confirmedNow: true,
      resolvedNow: false,
    };
  }
  const replaced = memory.confirmedSplit !== undefined; // a different split than the confirmed one
  if (replaced && memory.confirmedSplit) next.lastSplit = { ...memory.confirmedSplit, endedAt: now };
  delete next.confirmedSplit;
  next.pendingSplit = pending ?? { signature, pollSeqs, since: now };
  return {
    splitBrain: { ...base, confirmed: false, since: next.pendingSplit.since },
    memory: next,
    firstSeen: pending === undefined,
    confirmedNow: false,
    resolvedNow: replaced,
  };
}
