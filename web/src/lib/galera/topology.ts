import type { Assessment, Component, NodeDetail } from '../api/types';

/**
 * The cluster's topology as the page draws it: one group per component of the assessment
 * (Primary components, non-Primary groups, unreachable and unknown nodes), the rogue side of a
 * split brain marked as such. Without an assessment yet, nodes are grouped by what they report.
 */
export type GroupRole = 'primary' | 'majority' | 'rogue' | 'non_primary' | 'unreachable' | 'unknown';

export interface TopologyGroup {
  key: string;
  role: GroupRole;
  title: string;
  /** Why this group is what it is (the split brain's causes for the rogue side). */
  causes: string[];
  component: Component | null;
  nodes: NodeDetail[];
}

const ORDER: Record<GroupRole, number> = { majority: 0, primary: 0, rogue: 1, non_primary: 2, unreachable: 3, unknown: 4 };

export function topologyGroups(nodes: readonly NodeDetail[], assessment: Assessment | null): TopologyGroup[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  const groups: TopologyGroup[] = [];
  const split = assessment?.splitBrain ?? null;
  const rogueIds = new Set(split?.rogue.flatMap((c) => c.nodeIds) ?? []);
  const majorityIds = new Set(split?.majority.nodeIds ?? []);

  (assessment?.components ?? []).forEach((component, i) => {
    const members = component.nodeIds.flatMap((id) => {
      const n = byId.get(id);
      return n ? [n] : [];
    });
    if (members.length === 0) return;
    members.forEach((n) => placed.add(n.id));
    let role: GroupRole = component.kind;
    if (component.kind === 'primary' && split) {
      if (component.nodeIds.some((id) => rogueIds.has(id))) role = 'rogue';
      else if (component.nodeIds.some((id) => majorityIds.has(id))) role = 'majority';
    }
    groups.push({ key: `c${i}`, role, title: titleOf(role, members.length), causes: role === 'rogue' ? (split?.causes ?? []) : [], component, nodes: members });
  });

  // Nodes the assessment did not place (new since, or no assessment yet): by what they report.
  const rest = nodes.filter((n) => !placed.has(n.id));
  const buckets = new Map<GroupRole, NodeDetail[]>();
  for (const n of rest) {
    const role: GroupRole = !n.fresh || n.state === 'unknown' ? 'unknown' : n.state === 'unreachable' ? 'unreachable' : n.clusterStatus === 'Primary' ? 'primary' : 'non_primary';
    buckets.set(role, [...(buckets.get(role) ?? []), n]);
  }
  for (const [role, members] of buckets) {
    groups.push({ key: `r-${role}`, role, title: titleOf(role, members.length), causes: [], component: null, nodes: members });
  }
  return groups.sort((a, b) => ORDER[a.role] - ORDER[b.role]);
}

function titleOf(role: GroupRole, n: number): string {
  const nodes = `${n} node${n === 1 ? '' : 's'}`;
  switch (role) {
    case 'majority':
      return `Primary component — the majority (${nodes})`;
    case 'rogue':
      return `Rogue Primary component — split off (${nodes})`;
    case 'primary':
      return `Primary component (${nodes})`;
    case 'non_primary':
      return `non-Primary (${nodes})`;
    case 'unreachable':
      return `Unreachable (${nodes})`;
    case 'unknown':
      return `No current data (${nodes})`;
  }
}

/**
 * How far each node is behind the most advanced node that shares its history (state UUID):
 * seqnos of different histories (the two sides of a split) cannot be compared.
 */
export function seqnoLag(nodes: readonly NodeDetail[]): Map<string, number | null> {
  const best = new Map<string, number>();
  for (const n of nodes) {
    if (n.lastCommitted === null || n.clusterStateUuid === null || !n.fresh) continue;
    best.set(n.clusterStateUuid, Math.max(best.get(n.clusterStateUuid) ?? -Infinity, n.lastCommitted));
  }
  return new Map(
    nodes.map((n) => {
      const top = n.clusterStateUuid === null ? undefined : best.get(n.clusterStateUuid);
      return [n.id, n.lastCommitted === null || top === undefined || !n.fresh ? null : top - n.lastCommitted];
    }),
  );
}

/** Whether a wsrep_cluster_address names no peer (the cloud's rule, core/galera/components.ts). */
export function isEmptyClusterAddress(address: string | null): boolean {
  if (address === null) return false;
  const match = /^gcomm:\/\/([^?]*)/.exec(address.trim());
  return match !== null && (match[1] ?? '').replace(/,/g, '').trim() === '';
}
