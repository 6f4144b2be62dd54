import { readStoppedPosition } from './node-steps';
import type { ActionDefinition } from './types';

/**
 * A node's position in the cluster history. On a stopped node: grastate.dat when it holds a seqno
 * (clean stop), else the recover command (`mariadbd --wsrep-recover`, GALERA.md §5). On a running
 * node nothing is run: its live wsrep state (state UUID, last committed) is returned instead, and
 * the result says so (`source: 'live'`).
 */
export const recoverPositionAction: ActionDefinition<'recover-position'> = {
  name: 'recover-position',
  // --wsrep-recover runs InnoDB crash recovery, which can take minutes on a big redo log.
  timeoutMs: 10 * 60_000,
  async run(ctx) {
    const node = ctx.node!;
    const live = await ctx.deps.poll(node);
    if (live.reachable) {
      if (live.localStateComment === 'Synced') ctx.deps.positions.observe(node.cluster, node.name, { uuid: live.clusterStateUuid, seqno: live.lastCommitted });
      return {
        node: node.name,
        uuid: live.clusterStateUuid,
        seqno: live.lastCommitted,
        safeToBootstrap: null,
        source: 'live',
        running: true,
        clusterStatus: live.clusterStatus,
        localState: live.localStateComment,
        note: 'the node is running: this is its live wsrep state (wsrep_cluster_state_uuid, wsrep_last_committed); nothing was run',
      };
    }
    const position = await readStoppedPosition(ctx, node);
    return { node: node.name, ...position, running: false };
  },
};
