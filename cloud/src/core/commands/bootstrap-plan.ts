import type { ActionParams } from '@quorum/protocol';

/**
 * Choosing the node to bootstrap a cluster from after a full outage (GALERA.md §7, "manual
 * procedure"): every node's recovered position, all with one state UUID, the highest seqno wins,
 * a tie goes to the node whose grastate says `safe_to_bootstrap: 1`. Pure: the evidence is
 * gathered elsewhere (`commands/bootstrap-plan/`).
 */
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** Where a node's position came from. */
export type PositionSource = 'grastate' | 'wsrep-recover' | 'live';

export interface NodeEvidence {
  nodeId: string;
  nodeName: string;
  /** Whether anything could be learned about the node (its agent answered, or it answers SQL). */
  reachable: boolean;
  /** Whether mariadbd runs (null: not known). */
  running: boolean | null;
  /** For a running node: `wsrep_cluster_status` (a Primary means the cluster is up). */
  clusterStatus: string | null;
  uuid: string | null;
  seqno: number | null;
  safeToBootstrap: boolean | null;
  source: PositionSource | null;
  /** The recover-position command that asked, if one was sent. */
  commandId: string | null;
  /** Why there is no position, when there is none. */
  error: string | null;
}

export type PlanRefusal = 'primary_exists' | 'missing_position' | 'zero_uuid' | 'uuid_mismatch';

export type PlanDecision =
  | {
      verdict: 'ready';
      chosenNodeId: string;
      chosenNodeName: string;
      reason: string;
      /** Exactly what to confirm: `POST /clusters/{id}/operations {action: 'bootstrap-cluster', params}`. */
      params: ActionParams<'bootstrap-cluster'>;
    }
  | { verdict: 'refused'; refusal: PlanRefusal; reason: string; nodeIds: string[] };

const names = (nodes: readonly NodeEvidence[]) => nodes.map((n) => n.nodeName).join(', ');

/**
 * The plan for the evidence, or why there is none.
 *
 * @example
 * choosePlan([n1 at 8808…:14, n2 at 8808…:14, n3 at 8808…:11]) // → ready, node1 (tie with node2)
 */
export function choosePlan(evidence: readonly NodeEvidence[]): PlanDecision {
  const refuse = (refusal: PlanRefusal, reason: string, nodes: readonly NodeEvidence[]): PlanDecision => ({
    verdict: 'refused',
    refusal,
    reason,
    nodeIds: nodes.map((n) => n.nodeId),
  });
  if (evidence.length === 0) return refuse('missing_position', 'the cluster has no nodes', []);
  const primary = evidence.filter((n) => n.running && n.clusterStatus === 'Primary');
  if (primary.length > 0) {
    return refuse('primary_exists', `${names(primary)} ${primary.length === 1 ? 'is' : 'are'} in a Primary component: the cluster is up, bootstrapping would split it`, primary);
  }
  const missing = evidence.filter((n) => n.uuid === null || n.seqno === null || n.seqno < 0);
  if (missing.length > 0) {
    const why = missing.map((n) => `${n.nodeName}: ${n.error ?? (n.reachable ? 'no position recovered' : 'not reachable')}`).join('; ');
    return refuse('missing_position', `every node's position is needed to be sure none is more advanced (${why})`, missing);
  }
  const zero = evidence.filter((n) => n.uuid === ZERO_UUID);
  if (zero.length > 0) {
    return refuse('zero_uuid', `${names(zero)} lost ${zero.length === 1 ? 'its' : 'their'} history (state UUID ${ZERO_UUID}): it cannot be a bootstrap source`, zero);
  }
  const uuids = [...new Set(evidence.map((n) => n.uuid as string))];
  if (uuids.length > 1) {
    const groups = uuids.map((u) => `${u}: ${names(evidence.filter((n) => n.uuid === u))}`).join('; ');
    return refuse('uuid_mismatch', `the nodes have different histories (${groups}): a person must choose which one survives`, evidence);
  }
  const best = Math.max(...evidence.map((n) => n.seqno as number));
  const tied = evidence.filter((n) => n.seqno === best).sort((a, b) => a.nodeName.localeCompare(b.nodeName));
  const safe = tied.filter((n) => n.safeToBootstrap === true);
  const chosen = (safe[0] ?? tied[0]) as NodeEvidence;
  const others = evidence.filter((n) => n !== chosen).map((n) => `${n.nodeName} ${n.seqno}`).join(', ');
  let reason = `${chosen.nodeName} has the highest recovered seqno (${best}${others ? `; ${others}` : ''})`;
  if (tied.length > 1) {
    const rest = names(tied.filter((n) => n !== chosen));
    reason += safe.length > 0
      ? `; tied with ${rest}, it is the one whose grastate.dat says safe_to_bootstrap: 1 (the last to leave)`
      : `; tied with ${rest} and none says safe_to_bootstrap: 1, so the first by name (any of them holds every commit)`;
  }
  return {
    verdict: 'ready',
    chosenNodeId: chosen.nodeId,
    chosenNodeName: chosen.nodeName,
    reason,
    params: {
      bootstrapNodeId: chosen.nodeId,
      expectedStateUuid: uuids[0] as string,
      positions: evidence.map((n) => ({ nodeId: n.nodeId, uuid: n.uuid as string, seqno: n.seqno as number })),
    },
  };
}
