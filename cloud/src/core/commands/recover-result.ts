import type { PositionSource } from './bootstrap-plan';

export interface RecoveredPosition {
  uuid: string;
  seqno: number;
  safeToBootstrap: boolean | null;
  source: PositionSource | null;
  /** The agent found the node running and answered with its live state (`source: 'live'`). */
  running: boolean;
  /** For a running node: its `wsrep_cluster_status`, if the agent said. */
  clusterStatus?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The position in a `recover-position` result. Read leniently — `{uuid, seqno}`, or
 * `{position: 'uuid:seqno' | {uuid, seqno}}`, with `safeToBootstrap` / `safe_to_bootstrap` and a
 * `source` — because the result is the agent's free-form output; anything that is not a UUID and
 * an integer seqno is "no position" (never guessed).
 *
 * @example
 * positionFromResult({ uuid: 'f20b637b-…', seqno: 4036, safeToBootstrap: false, source: 'wsrep-recover' })
 */
export function positionFromResult(result: unknown): RecoveredPosition | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  let uuid = r.uuid;
  let seqno = r.seqno;
  const position = r.position;
  if (typeof position === 'string') {
    const at = position.lastIndexOf(':');
    uuid = position.slice(0, at);
    seqno = Number(position.slice(at + 1));
  } else if (typeof position === 'object' && position !== null) {
    uuid = (position as Record<string, unknown>).uuid;
    seqno = (position as Record<string, unknown>).seqno;
  }
  if (typeof seqno === 'string' && /^-?\d+$/.test(seqno)) seqno = Number(seqno);
  if (typeof uuid !== 'string' || !UUID.test(uuid) || typeof seqno !== 'number' || !Number.isInteger(seqno)) return undefined;
  const grastate = typeof r.grastate === 'object' && r.grastate !== null ? (r.grastate as Record<string, unknown>) : {};
  const safe = r.safeToBootstrap ?? r.safe_to_bootstrap ?? grastate.safeToBootstrap ?? grastate.safe_to_bootstrap;
  const source = String(r.source ?? '').replace('_', '-');
  return {
    uuid: uuid.toLowerCase(),
    seqno,
    safeToBootstrap: typeof safe === 'boolean' ? safe : safe === 1 || safe === '1' ? true : safe === 0 || safe === '0' ? false : null,
    source: source === 'grastate' || source === 'wsrep-recover' || source === 'live' ? source : null,
    running: r.running === true || source === 'live',
    ...(typeof r.clusterStatus === 'string' ? { clusterStatus: r.clusterStatus } : {}),
  };
}
