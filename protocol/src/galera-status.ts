import { z } from 'zod';

/**
 * What one poll of one Galera node reports: the `wsrep_*` status that decides cluster health,
 * plus the member set. An unreachable node is a state, not an error: `reachable: false` with the
 * client's error, every other field null.
 *
 * Values are kept as Galera reports them, with two exceptions that make them comparable:
 * `clusterConfId` stays a string (it is 2^64−1 outside a Primary view, beyond a JS number), and
 * `incomingAddresses` is split into a list (its order changes between views; compare as a set).
 */
export const memberSchema = z.object({
  /** gcomm member UUID (`mysql.wsrep_cluster_members.node_uuid`). */
  uuid: z.string().max(64),
  name: z.string().max(128),
  /** The member's client address, `host:port` (may be empty or `AUTO`). */
  address: z.string().max(256),
});
export type Member = z.infer<typeof memberSchema>;

export const nodeStatusSchema = z.object({
  reachable: z.boolean(),
  /** Why the node could not be polled (the client's message), when `reachable` is false. */
  error: z.string().max(500).nullable(),
  /** `Primary`, `non-Primary` or `Disconnected`. */
  clusterStatus: z.string().max(32).nullable(),
  clusterSize: z.number().int().nonnegative().nullable(),
  /** Decimal string; `18446744073709551615` means "not in a Primary view". */
  clusterConfId: z.string().regex(/^-?\d+$/).max(24).nullable(),
  clusterStateUuid: z.string().max(64).nullable(),
  /** 1 Joining, 2 Donor/Desynced, 3 Joined, 4 Synced, 0 Initialized. */
  localState: z.number().int().nullable(),
  /** `Synced`, `Donor/Desynced`, `Joining`, `Joined`, `Initialized`, `Inconsistent`… */
  localStateComment: z.string().max(64).nullable(),
  ready: z.boolean().nullable(),
  connected: z.boolean().nullable(),
  lastCommitted: z.number().int().nullable(),
  /** `wsrep_incoming_addresses`, split on commas; compare as a set. */
  incomingAddresses: z.array(z.string().max(256)).max(64),
  gcommUuid: z.string().max(64).nullable(),
  /**
   * `mysql.wsrep_cluster_members`. On a node that is not Primary this is the *last* Primary
   * view, out of date: never trust it without `clusterStatus`.
   */
  members: z.array(memberSchema).max(64).nullable(),
  /** `@@wsrep_cluster_address` as the server runs it; `gcomm://` alone bootstraps a new cluster. */
  clusterAddress: z.string().max(2048).nullable(),
  /** `@@wsrep_cluster_name`. */
  clusterName: z.string().max(128).nullable(),
  desyncCount: z.number().int().nullable(),
});
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

/** The status of a node that could not be polled. */
export function unreachableStatus(error: string): NodeStatus {
  return {
    reachable: false,
    error: error.slice(0, 500),
    clusterStatus: null,
    clusterSize: null,
    clusterConfId: null,
    clusterStateUuid: null,
    localState: null,
    localStateComment: null,
    ready: null,
    connected: null,
    lastCommitted: null,
    incomingAddresses: [],
    gcommUuid: null,
    members: null,
    clusterAddress: null,
    clusterName: null,
    desyncCount: null,
  };
}

/** The status variables one state poll reads (one `SHOW GLOBAL STATUS WHERE … IN (…)`). */
export const STATE_STATUS_VARIABLES = [
  'wsrep_cluster_status',
  'wsrep_cluster_size',
  'wsrep_cluster_conf_id',
  'wsrep_cluster_state_uuid',
  'wsrep_local_state',
  'wsrep_local_state_comment',
  'wsrep_ready',
  'wsrep_connected',
  'wsrep_last_committed',
  'wsrep_incoming_addresses',
  'wsrep_gcomm_uuid',
  'wsrep_desync_count',
] as const;

export interface RawNodeStatus {
  /** Rows of SHOW GLOBAL STATUS, name → value (names are matched case-insensitively). */
  status: Record<string, string | null>;
  /** Rows of `mysql.wsrep_cluster_members`, if read. */
  members?: ReadonlyArray<{ node_uuid: string; node_name: string; node_incoming_address: string }> | null;
  /** `@@wsrep_cluster_address` and `@@wsrep_cluster_name`, if read. */
  clusterAddress?: string | null;
  clusterName?: string | null;
}

/**
 * Turns what the server returned into a {@link NodeStatus}. Used by the agent on every poll and by
 * tests on the captured fixtures, so both see the same values.
 *
 * @example
 * toNodeStatus({ status: { wsrep_cluster_status: 'Primary', wsrep_cluster_size: '3' } }).clusterSize // 3
 */
export function toNodeStatus(raw: RawNodeStatus): NodeStatus {
  const byName = new Map<string, string | null>();
  for (const [name, value] of Object.entries(raw.status)) byName.set(name.toLowerCase(), value);
  const text = (name: string): string | null => {
    const v = byName.get(name);
    return v === undefined || v === null ? null : v;
  };
  const int = (name: string): number | null => {
    const v = text(name);
    if (v === null || !/^-?\d+$/.test(v)) return null;
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : null;
  };
  const onOff = (name: string): boolean | null => {
    const v = text(name);
    return v === null ? null : v.toUpperCase() === 'ON';
  };
  const confId = text('wsrep_cluster_conf_id');
  const incoming = text('wsrep_incoming_addresses') ?? '';
  return {
    reachable: true,
    error: null,
    clusterStatus: text('wsrep_cluster_status'),
    clusterSize: int('wsrep_cluster_size'),
    clusterConfId: confId !== null && /^-?\d+$/.test(confId) ? confId : null,
    clusterStateUuid: text('wsrep_cluster_state_uuid'),
    localState: int('wsrep_local_state'),
    localStateComment: text('wsrep_local_state_comment'),
    ready: onOff('wsrep_ready'),
    connected: onOff('wsrep_connected'),
    lastCommitted: int('wsrep_last_committed'),
    incomingAddresses: incoming
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a.length > 0),
    gcommUuid: text('wsrep_gcomm_uuid'),
    members:
      raw.members?.map((m) => ({
        uuid: m.node_uuid,
        name: m.node_name,
        address: m.node_incoming_address,
      })) ?? null,
    clusterAddress: raw.clusterAddress ?? null,
    clusterName: raw.clusterName ?? null,
    desyncCount: int('wsrep_desync_count'),
  };
}

/** True when two polls of a node differ in anything that matters for health (state events). */
export function stateChanged(a: NodeStatus | null | undefined, b: NodeStatus): boolean {
  if (!a) return true;
  const key = (s: NodeStatus) =>
    JSON.stringify([
      s.reachable,
      s.reachable ? null : s.error,
      s.clusterStatus,
      s.clusterSize,
      s.clusterConfId,
      s.clusterStateUuid,
      s.localState,
      s.localStateComment,
      s.ready,
      s.connected,
      [...s.incomingAddresses].sort(),
      s.members?.map((m) => m.uuid).sort() ?? null,
      s.clusterAddress,
      s.desyncCount,
    ]);
  return key(a) !== key(b);
}

/** `wsrep_cluster_conf_id` outside a Primary view (2^64−1). */
export const NO_PRIMARY_CONF_ID = '18446744073709551615';

/** A zero state UUID: history lost (GALERA.md §10.11) or a node that aborted. */
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';
