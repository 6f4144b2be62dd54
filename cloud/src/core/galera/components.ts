import type { NodeStatus } from '@quorum/protocol';
import type { Component, NodeObservation } from './types';

/** A node whose latest poll is current, reached the server, and says which view it is in. */
export type LiveObservation = NodeObservation & { status: NodeStatus & { reachable: true } };

export function isLive(o: NodeObservation): o is LiveObservation {
  return o.fresh && o.status !== null && o.status.reachable;
}

export function isPrimary(o: NodeObservation): o is LiveObservation {
  return isLive(o) && o.status.clusterStatus === 'Primary';
}

/**
 * Whether two Primary nodes report overlapping member sets, i.e. belong to the same component.
 *
 * Member UUIDs (`mysql.wsrep_cluster_members`) are preferred: a node restarted with an empty
 * `gcomm://` keeps its address but gets a new member UUID, so the survivors' stale view of the old
 * process must not count as overlap. Addresses (`wsrep_incoming_addresses`) are the fallback
 * when either side lacks the member table. Views of a normal join/leave always overlap; two real
 * components never do (a node is in one view only) — GALERA.md §6.
 */
export function sameComponent(a: LiveObservation, b: LiveObservation): boolean {
  const ua = memberUuids(a);
  const ub = memberUuids(b);
  if (ua && ub) return intersects(ua, ub);
  return intersects(new Set(a.status.incomingAddresses), new Set(b.status.incomingAddresses));
}

function memberUuids(o: LiveObservation): Set<string> | undefined {
  const members = o.status.members;
  if (!members || members.length === 0) return undefined;
  const uuids = new Set(members.map((m) => m.uuid));
  // A member table that does not list the node itself is not this node's current view.
  if (o.status.gcommUuid && !uuids.has(o.status.gcommUuid)) return undefined;
  return uuids;
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** Groups the Primary nodes into components (connected by overlapping member sets). */
export function primaryComponents(observations: readonly NodeObservation[]): Component[] {
  const primaries = observations.filter(isPrimary);
  const groups: LiveObservation[][] = [];
  for (const node of primaries) {
    const joined = groups.filter((g) => g.some((other) => sameComponent(node, other)));
    const merged = [node, ...joined.flat()];
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.map(toComponent).sort(compareByName);
}

function toComponent(group: LiveObservation[]): Component {
  const sorted = [...group].sort((a, b) => a.name.localeCompare(b.name));
  const sizes = sorted.map((o) => o.status.clusterSize ?? 0);
  return {
    kind: 'primary',
    nodeIds: sorted.map((o) => o.nodeId),
    nodeNames: sorted.map((o) => o.name),
    size: Math.max(...sizes),
    confId: mostCommon(sorted.map((o) => o.status.clusterConfId)),
    stateUuid: mostCommon(sorted.map((o) => o.status.clusterStateUuid)),
    memberAddresses: [...new Set(sorted.flatMap((o) => o.status.incomingAddresses))].sort(),
  };
}

/** The nodes outside any Primary component, grouped by why. */
export function otherComponents(observations: readonly NodeObservation[]): Component[] {
  const out: Component[] = [];
  const add = (kind: Component['kind'], nodes: NodeObservation[]) => {
    if (nodes.length === 0) return;
    const sorted = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
    out.push({
      kind,
      nodeIds: sorted.map((o) => o.nodeId),
      nodeNames: sorted.map((o) => o.name),
      size: null,
      confId: null,
      stateUuid: null,
      memberAddresses: [],
    });
  };
  add('non_primary', observations.filter((o) => isLive(o) && o.status.clusterStatus !== 'Primary'));
  add('unreachable', observations.filter((o) => o.fresh && o.status !== null && !o.status.reachable));
  add('unknown', observations.filter((o) => !o.fresh || o.status === null));
  return out;
}

function mostCommon(values: Array<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

function compareByName(a: Component, b: Component): number {
  return (a.nodeNames[0] ?? '').localeCompare(b.nodeNames[0] ?? '');
}

/** `gcomm://` with no peer at all: the node bootstraps a new cluster whenever it starts. */
export function isEmptyClusterAddress(address: string | null | undefined): boolean {
  if (address === null || address === undefined) return false;
  const match = /^gcomm:\/\/([^?]*)/.exec(address.trim());
  return match !== null && (match[1] ?? '').replace(/,/g, '').trim() === '';
}

/** Compares two conf ids (decimal strings up to 2^64−1) numerically. */
export function compareConfId(a: string | null, b: string | null): number {
  const x = a === null ? -1n : BigInt(a);
  const y = b === null ? -1n : BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
