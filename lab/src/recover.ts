import { ZERO_UUID } from '@quorum/protocol';

/** A node's place in the cluster history: `uuid:seqno`. */
export interface Position {
  uuid: string;
  seqno: number;
}

export interface RecoveryCandidate {
  node: string;
  /** From grastate.dat after a clean stop, else from `--wsrep-recover`; null if neither gave one. */
  position: Position | null;
  safeToBootstrap: boolean;
}

/** Parses the `WSREP: Recovered position: UUID:SEQNO` line of `--wsrep-recover` output (the last one). */
export function parseRecoveredPosition(log: string): Position | null {
  const matches = [...log.matchAll(/WSREP: Recovered position:\s*([0-9a-fA-F-]{36}):(-?\d+)/g)];
  const last = matches[matches.length - 1];
  return last ? { uuid: last[1]!.toLowerCase(), seqno: Number(last[2]) } : null;
}

export const formatPosition = (p: Position): string => `${p.uuid}:${p.seqno}`;

/**
 * Picks the node to bootstrap after every node died (GALERA.md §7, step 3–4): all known
 * positions must share one UUID (different UUIDs are different histories: a person must choose);
 * then the highest seqno wins; on a tie the node with `safe_to_bootstrap: 1`, then the first.
 *
 * @example chooseBootstrapNode([{ node: 'node1', position: { uuid, seqno: 14 }, safeToBootstrap: false }]) // 'node1'
 */
export function chooseBootstrapNode(candidates: ReadonlyArray<RecoveryCandidate>): string {
  const known = candidates.filter(
    (c): c is RecoveryCandidate & { position: Position } =>
      c.position !== null && c.position.uuid !== ZERO_UUID && c.position.seqno >= 0,
  );
  if (known.length === 0) {
    throw new Error('galera-lab: recover: no node has a known position (grastate.dat or --wsrep-recover)');
  }
  const uuids = new Set(known.map((c) => c.position.uuid));
  if (uuids.size > 1) {
    throw new Error(
      `galera-lab: recover: nodes have different histories (${known
        .map((c) => `${c.node}=${formatPosition(c.position)}`)
        .join(', ')}); choose the survivor by hand`,
    );
  }
  let best = known[0]!;
  for (const c of known.slice(1)) {
    const better =
      c.position.seqno > best.position.seqno ||
      (c.position.seqno === best.position.seqno && c.safeToBootstrap && !best.safeToBootstrap);
    if (better) best = c;
  }
  return best.node;
}
