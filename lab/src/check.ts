import type { NodeStatus } from '@quorum/protocol';

export type CheckVerdict = 'ok' | 'degraded' | 'split_brain' | 'no_primary';

export interface CheckResult {
  verdict: CheckVerdict;
  detail: string;
}

/** Exit codes of `cli check`, as in the reference script. */
export const CHECK_EXIT_CODES: Record<CheckVerdict, number> = { ok: 0, degraded: 1, split_brain: 2, no_primary: 3 };

/**
 * The split-brain oracle (GALERA.md §6): group the Primary nodes by the member set they report;
 * two Primary components with no common member are a split brain. Disjointness, not inequality,
 * because during a join or leave two nodes briefly report different but overlapping views.
 *
 * `ok` is stricter than the reference script: every lab node must be polled and be in the one
 * component, so a node that is down but not yet noticed by its peers still reads as degraded.
 *
 * @example judgeCluster([{ node: 'node1', status }], 1).verdict // 'ok'
 */
export function judgeCluster(
  polled: ReadonlyArray<{ node: string; status: NodeStatus }>,
  expectedSize: number,
): CheckResult {
  const components = new Map<string, { members: string[]; seenBy: string[] }>();
  for (const { node, status } of polled) {
    if (!status.reachable || status.clusterStatus !== 'Primary') continue;
    const members = [...new Set(status.incomingAddresses)].sort();
    const key = members.join(',');
    const component = components.get(key) ?? { members, seenBy: [] };
    component.seenBy.push(node);
    components.set(key, component);
  }
  const list = [...components.values()];
  if (list.length === 0) return { verdict: 'no_primary', detail: 'NO PRIMARY: no reachable node is in a Primary component' };

  const describe = (c: { members: string[]; seenBy: string[] }) =>
    `Primary {${c.members.join(',')}} seen by ${c.seenBy.join(' ')}`;
  const splits: string[] = [];
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      const x = list[a]!;
      const y = list[b]!;
      if (!x.members.some((m) => y.members.includes(m))) splits.push(`${describe(x)} | ${describe(y)}`);
    }
  }
  if (splits.length > 0) return { verdict: 'split_brain', detail: `SPLIT BRAIN: ${splits.join('; ')}` };

  const only = list[0]!;
  if (list.length === 1 && only.members.length === expectedSize && only.seenBy.length === expectedSize) {
    return { verdict: 'ok', detail: `OK: one Primary component with all ${expectedSize} nodes` };
  }
  const missing = polled.filter((p) => !list.some((c) => c.seenBy.includes(p.node))).map((p) => p.node);
  return {
    verdict: 'degraded',
    detail:
      `DEGRADED: ${list.map(describe).join('; ')}` +
      (missing.length > 0 ? `; not in a Primary component: ${missing.join(' ')}` : ''),
  };
}
