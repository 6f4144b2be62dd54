import type { AlertInstance, RuleCode, Silence } from './types';

/**
 * Inhibition: while a cluster-level alert fires, the node-level alerts it explains are not
 * notified (a full outage is one "no Primary" page, not one page per node). Split brain also
 * inhibits size changes. An agent offline inhibits the node alerts of the nodes it watches.
 */
export const INHIBITS: Partial<Record<RuleCode, readonly RuleCode[]>> = {
  split_brain: ['size_below_expected', 'node_unreachable', 'node_non_primary', 'node_not_synced', 'config_cluster_address', 'no_primary'],
  no_primary: ['size_below_expected', 'node_unreachable', 'node_non_primary', 'node_not_synced'],
  agent_offline: ['node_unreachable', 'node_non_primary', 'node_not_synced', 'size_below_expected'],
};

/**
 * Returns, for each alert, the fingerprint of the firing alert that inhibits it (or null).
 * Only firing alerts inhibit; an `agent_offline` alert inhibits only its own nodes.
 */
export function inhibitions(alerts: readonly AlertInstance[]): Map<string, string | null> {
  const firing = alerts.filter((a) => a.state === 'firing');
  const out = new Map<string, string | null>();
  for (const a of alerts) {
    const by = firing.find((i) => {
      if (i.fingerprint === a.fingerprint || !INHIBITS[i.rule]?.includes(a.rule)) return false;
      if (i.rule === 'agent_offline') return agentCovers(i, a);
      return true;
    });
    out.set(a.fingerprint, by?.fingerprint ?? null);
  }
  return out;
}

function agentCovers(agentAlert: AlertInstance, a: AlertInstance): boolean {
  const nodeIds = (agentAlert.details.evidence?.nodeIds as string[] | undefined) ?? [];
  return a.nodeId !== null && nodeIds.includes(a.nodeId);
}

/** Whether a silence (or maintenance window) matches an alert of `clusterId` now. */
export function silenceMatches(s: Silence, a: Pick<AlertInstance, 'rule' | 'nodeId'>, clusterId: string, now: number): boolean {
  if (now < s.startsAt || now >= s.endsAt) return false;
  if (s.clusterId !== null && s.clusterId !== clusterId) return false;
  if (s.nodeId !== null && s.nodeId !== a.nodeId) return false;
  if (s.rule !== null && s.rule !== a.rule) return false;
  return true;
}

/** The first active silence that matches, or null. */
export function silencedBy(silences: readonly Silence[], a: Pick<AlertInstance, 'rule' | 'nodeId'>, clusterId: string, now: number): string | null {
  return silences.find((s) => silenceMatches(s, a, clusterId, now))?.id ?? null;
}

/** Nodes of a cluster inside an active maintenance window (one naming the node, or the whole cluster). */
export function nodesInMaintenance(silences: readonly Silence[], clusterId: string, nodeIds: readonly string[], now: number): Set<string> {
  const out = new Set<string>();
  for (const s of silences) {
    if (s.kind !== 'maintenance' || now < s.startsAt || now >= s.endsAt) continue;
    if (s.clusterId !== null && s.clusterId !== clusterId) continue;
    for (const id of nodeIds) if (s.nodeId === null || s.nodeId === id) out.add(id);
  }
  return out;
}
