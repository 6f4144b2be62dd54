import type { NodeStatus } from '@quorum/protocol';

/**
 * Whether a report is newer than the stored poll of its node. `observedAt` decides first: the
 * agent's `pollSeq` starts again at 0 when it restarts, so a restarted agent's first poll has a
 * lower sequence than the poll before the restart, yet is newer. Equal times fall back to the
 * sequence. Equal both: the same poll again — not newer, so a re-send never rolls state back.
 */
export function isNewerPoll(stored: { observedAt: number; pollSeq: number } | undefined, report: { observedAt: number; pollSeq: number }): boolean {
  if (!stored) return true;
  if (report.observedAt !== stored.observedAt) return report.observedAt > stored.observedAt;
  return report.pollSeq > stored.pollSeq;
}

/** A short name for a node's state: `Synced`, `non-Primary (Initialized)`, `unreachable (ERROR 2002 …)`. */
export function describeState(s: NodeStatus): string {
  if (!s.reachable) return `unreachable${s.error ? ` (${s.error})` : ''}`;
  const local = s.localStateComment ?? 'unknown state';
  if (s.clusterStatus !== 'Primary') return `${s.clusterStatus ?? 'in no component'} (${local})`;
  return local;
}

/**
 * The timeline line for a node's state change, e.g. `node3: Synced → unreachable (ERROR 2002 …)`.
 * When the short names are equal the view changed underneath (size, conf_id), and that is said.
 */
export function describeStateChange(
  nodeName: string,
  before: NodeStatus | undefined,
  after: NodeStatus,
): { message: string; severity: 'info' | 'warning' } {
  const severity = !after.reachable || after.clusterStatus !== 'Primary' || after.localStateComment !== 'Synced' ? 'warning' : 'info';
  const to = describeState(after);
  if (!before) return { message: `${nodeName}: ${to}`, severity };
  const from = describeState(before);
  if (from !== to) return { message: `${nodeName}: ${from} → ${to}`, severity };
  const details: string[] = [];
  if (before.clusterSize !== after.clusterSize) details.push(`size ${before.clusterSize} → ${after.clusterSize}`);
  if (before.clusterConfId !== after.clusterConfId) details.push(`conf_id ${before.clusterConfId} → ${after.clusterConfId}`);
  if (before.clusterStateUuid !== after.clusterStateUuid) details.push(`state UUID ${before.clusterStateUuid} → ${after.clusterStateUuid}`);
  if (before.clusterAddress !== after.clusterAddress) details.push(`wsrep_cluster_address ${before.clusterAddress} → ${after.clusterAddress}`);
  return { message: `${nodeName}: ${to}, ${details.length > 0 ? details.join(', ') : 'view changed'}`, severity };
}
