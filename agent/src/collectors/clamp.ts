import type { NodeStatus } from '@quorum/protocol';

/**
 * Cuts a polled status down to the protocol schema's limits (string lengths, list sizes). The
 * cloud rejects a whole batch when one item breaks them, so one odd value from one server (a very
 * long node name, a huge member list) must not cost every node's state in that batch.
 */
export function clampNodeStatus(s: NodeStatus): NodeStatus {
  const cut = (v: string | null, max: number) => (v === null ? null : v.slice(0, max));
  return {
    ...s,
    error: cut(s.error, 500),
    clusterStatus: cut(s.clusterStatus, 32),
    clusterConfId: s.clusterConfId !== null && s.clusterConfId.length <= 24 ? s.clusterConfId : null,
    clusterStateUuid: cut(s.clusterStateUuid, 64),
    localStateComment: cut(s.localStateComment, 64),
    incomingAddresses: s.incomingAddresses.slice(0, 64).map((a) => a.slice(0, 256)),
    gcommUuid: cut(s.gcommUuid, 64),
    members:
      s.members?.slice(0, 64).map((m) => ({ uuid: m.uuid.slice(0, 64), name: m.name.slice(0, 128), address: m.address.slice(0, 256) })) ??
      null,
    clusterAddress: cut(s.clusterAddress, 2048),
    clusterName: cut(s.clusterName, 128),
  };
}
